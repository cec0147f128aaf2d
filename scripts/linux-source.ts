/**
 * Access to Debian's Linux 6.1 source package (`apt-get install linux-source-6.1`), shared by the
 * drift test and the robustness run. Files are extracted on demand into a cache folder under
 * the system temporary directory; nothing from Linux is ever written into the repository.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Where Debian puts the source tarball. */
export const LINUX_TARBALL = process.env.XENPORT_LINUX_TARBALL ?? '/usr/src/linux-source-6.1.tar.xz';
/** The folder name at the top of the tarball. */
export const LINUX_TOP = 'linux-source-6.1';
/** How to get the tarball, for skip messages. */
export const LINUX_INSTALL_HINT = 'install it with: apt-get install -y linux-source-6.1 (or set XENPORT_LINUX_TARBALL)';

/**
 * The cache folder files are extracted into, named after the tarball's size and time: an upgraded
 * linux-source-6.1 package (another 6.1.x) is extracted anew, never read from an older extraction.
 */
export function linuxCacheDir(): string {
  let stamp = 'none';
  try {
    const st = fs.statSync(LINUX_TARBALL);
    stamp = `${st.size}-${Math.floor(st.mtimeMs)}`;
  } catch {
    // Not installed: callers check linuxSourceAvailable() first.
  }
  return path.join(os.tmpdir(), `xenport-linux-6.1-${stamp}`);
}

/** True when the source tarball is installed. */
export function linuxSourceAvailable(): boolean {
  return fs.existsSync(LINUX_TARBALL);
}

/**
 * The extracted path of `rel` (a path under the Linux tree, e.g. `drivers/iommu`), extracting it
 * first if needed. Returns undefined when the tarball is not installed. The extraction goes to a
 * private folder first and is renamed into place, so a test running in parallel never sees a
 * half-extracted folder.
 */
export function linuxSourcePath(rel: string): string | undefined {
  if (!linuxSourceAvailable()) return undefined;
  // Each path gets a folder of its own: `drivers/iommu` must not be taken as extracted because
  // `drivers/iommu/arm/arm-smmu-v3` was (its parent folders exist then, but hold only that).
  const cache = path.join(linuxCacheDir(), rel.replace(/[^\w.-]+/g, '_'));
  const target = path.join(cache, LINUX_TOP, rel);
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = fs.mkdtempSync(path.join(cache, '.extract-'));
  try {
    execFileSync('tar', ['-xJf', LINUX_TARBALL, '-C', tmp, `${LINUX_TOP}/${rel}`], { stdio: 'ignore' });
    try {
      fs.renameSync(path.join(tmp, LINUX_TOP, rel), target);
    } catch (e) {
      // Another process put it in place first.
      if (!fs.existsSync(target)) throw e;
    }
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return target;
}
