/**
 * Fixed facts of the Xen build check: the pinned Debian source version, the cache layout, the
 * tree paths of the SMMUv3 driver, and the exit codes of `npm run xen-setup|xen-check|xen-boot`.
 * Everything here is one definition shared by the setup, check and boot scripts and their tests.
 */
import * as os from 'os';
import * as path from 'path';

/** Debian's Xen source version. A plain `apt-get source xen` picks 4.17.7, whose files 404. */
export const XEN_DEB_VERSION = '4.17.5+72-g01140da4e8-1';
/** The folder `apt-get source` unpacks (the version without the Debian revision). */
export const XEN_SOURCE_DIR_NAME = 'xen-4.17.5+72-g01140da4e8';
/** The driver files a generated port replaces, relative to the Xen tree's top folder. */
export const DRIVER_C = 'xen/drivers/passthrough/arm/smmu-v3.c';
export const DRIVER_H = 'xen/drivers/passthrough/arm/smmu-v3.h';
/** The object the check compiles first, relative to `xen/` (the make target). */
export const DRIVER_OBJECT = 'drivers/passthrough/arm/smmu-v3.o';
/** Kconfig lines appended to arm64's defconfig (ARM_SMMU_V3 is `if EXPERT`). */
export const EXTRA_CONFIG = ['CONFIG_EXPERT=y', 'CONFIG_ARM_SMMU_V3=y'];
/** The make invocation shared by every step: arm64, Debian's cross compiler. */
export const MAKE_ARGS = ['-C', 'xen', 'XEN_TARGET_ARCH=arm64', 'CROSS_COMPILE=aarch64-linux-gnu-'];

/** Exit codes, documented in docs/XEN-CHECK.md. */
export const EXIT = {
  ok: 0,
  /** The generated file does not compile, or the hypervisor does not link. */
  buildFailed: 1,
  /** Bad command line or an input file that cannot be read. */
  usage: 2,
  /** A required program (cross gcc, flex, bison, make, qemu, dtc, apt-get source) is missing. */
  toolMissing: 3,
  /** Xen's source is not in the cache: run `npm run xen-setup`. */
  sourceMissing: 4,
  /** The boot smoke test ran but its log does not show the expected SMMUv3 probe. */
  bootFailed: 5,
  /** The cache could not be set up or prepared, the lock wait timed out, or QEMU could not start. */
  infrastructure: 6,
  /** Interrupted by SIGINT / SIGTERM (the cached tree was restored first). */
  sigint: 130,
  sigterm: 143,
} as const;

/** The cache folder for this Xen version: `${XDG_CACHE_HOME:-$HOME/.cache}/xenport/xen-4.17.5`. */
export function cacheRoot(): string {
  if (process.env.XENPORT_XEN_CACHE) return process.env.XENPORT_XEN_CACHE;
  const base = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
  return path.join(base, 'xenport', 'xen-4.17.5');
}

/** Every path inside the cache, computed once from `cacheRoot()`. */
export function cachePaths(root = cacheRoot()) {
  return {
    root,
    /** What `apt-get source` wrote: never modified, the reference for restoring the tree. */
    source: path.join(root, 'source'),
    pristine: path.join(root, 'source', XEN_SOURCE_DIR_NAME),
    /** The prepared (built) arm64 tree the checks compile in. */
    tree: path.join(root, 'tree'),
    /** Written when preparation finished; without it the tree is rebuilt from scratch. */
    preparedStamp: path.join(root, 'tree.prepared'),
    /** flock(1) target serialising setup, preparation and checks across processes. */
    lock: path.join(root, 'lock'),
    /** Hypervisor images: the unmodified one and one per check. */
    images: path.join(root, 'images'),
    pristineImage: path.join(root, 'images', 'xen-4.17.5-unmodified'),
    /** Full logs of the last runs (make output, QEMU serial console). */
    logs: path.join(root, 'logs'),
    /** Device trees for the boot, keyed by the QEMU options they were dumped with. */
    dtb: path.join(root, 'dtb'),
  };
}

/** The paths type, for helpers that take them. */
export type CachePaths = ReturnType<typeof cachePaths>;
