/**
 * Finds the programs the Xen build check and boot test need, and says how to install the missing
 * ones. Nothing is ever installed from here: a missing program is a one-line error (exit 3).
 */
import * as fs from 'fs';
import * as path from 'path';

/** A required program and the Debian package that provides it. */
interface Tool {
  program: string;
  pkg: string;
}

/** What `xen-setup` needs to fetch Xen's source (`apt-get source` unpacks with dpkg-source). */
export const SETUP_TOOLS: Tool[] = [
  { program: 'apt-get', pkg: 'apt' },
  { program: 'dpkg-source', pkg: 'dpkg-dev' },
];
/** What preparing the tree and a build check need. */
export const BUILD_TOOLS: Tool[] = [
  { program: 'aarch64-linux-gnu-gcc', pkg: 'gcc-aarch64-linux-gnu' },
  { program: 'make', pkg: 'make' },
  { program: 'flex', pkg: 'flex' },
  { program: 'bison', pkg: 'bison' },
  { program: 'python3', pkg: 'python3' },
  { program: 'flock', pkg: 'util-linux' },
];
/** What the boot smoke test needs on top of a build. */
export const BOOT_TOOLS: Tool[] = [
  { program: 'qemu-system-aarch64', pkg: 'qemu-system-arm' },
  { program: 'dtc', pkg: 'device-tree-compiler' },
];

/** The deb-src entry `apt-get source` needs, in words, for error messages. */
export const DEB_SRC_HINT =
  'add a deb-src entry (a "Types: deb-src" twin of the deb stanzas in /etc/apt/sources.list.d/debian.sources) and run apt-get update';
/** The one command that installs everything (adds the deb-src entry too), for error messages. */
export const INSTALL_ALL_HINT = 'sudo scripts/xen/install-system.sh';

/** True when `program` is an executable file on PATH. */
export function onPath(program: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    try {
      fs.accessSync(path.join(dir, program), fs.constants.X_OK);
      return true;
    } catch {
      // not in this folder
    }
  }
  return false;
}

/** The tools of `tools` that are missing. */
export function missingTools(tools: Tool[]): Tool[] {
  return tools.filter((t) => !onPath(t.program));
}

/**
 * One line naming the missing programs and the exact apt-get command that installs them, or
 * undefined when none is missing.
 */
export function missingToolsMessage(tools: Tool[]): string | undefined {
  const missing = missingTools(tools);
  if (missing.length === 0) return undefined;
  const pkgs = [...new Set(missing.map((t) => t.pkg))].join(' ');
  const names = missing.map((t) => t.program).join(', ');
  return `${names} not found: install with: apt-get update && apt-get install -y ${pkgs} (or everything at once: ${INSTALL_ALL_HINT})`;
}
