/**
 * The cached Xen trees: fetching Debian's source package once (`xen-setup`), preparing an arm64
 * build of it once (defconfig + EXPERT + ARM_SMMU_V3, a full build), and putting the original
 * SMMUv3 files back after a check, or at the start of a check after a killed run.
 */
import * as fs from 'fs';
import * as path from 'path';
import { DRIVER_C, DRIVER_H, EXTRA_CONFIG, MAKE_ARGS, XEN_DEB_VERSION, type CachePaths } from './config';
import { run } from './process';

/** A failure of setup or preparation, reported as one line (exit 6). */
export class TreeError extends Error {}

/** The environment for every make and gcc run: plain ASCII messages whatever the user's locale. */
export const BUILD_ENV_OVERRIDES = { LC_ALL: 'C', LANG: 'C' };

/** True when `xen-setup` has fetched the source. */
export function sourcePresent(p: CachePaths): boolean {
  return fs.existsSync(path.join(p.pristine, DRIVER_C));
}

/** What the stamp says about a tree; a tree prepared with other settings is prepared again. */
const STAMP = `xen ${XEN_DEB_VERSION} arm64 ${EXTRA_CONFIG.join(' ')}`;

/** True when the tree is prepared (a previous preparation with today's settings finished). */
export function treePrepared(p: CachePaths): boolean {
  try {
    return (
      fs.readFileSync(p.preparedStamp, 'utf8').startsWith(`${STAMP} prepared `) &&
      fs.existsSync(path.join(p.tree, 'xen', 'xen'))
    );
  } catch {
    return false;
  }
}

/**
 * Fetches Xen's source with `apt-get source xen=<pinned>` into the cache (through a temporary
 * folder renamed into place, so a failed fetch leaves nothing half-done). Call with the lock held.
 */
export async function fetchSource(p: CachePaths, say: (line: string) => void): Promise<void> {
  if (sourcePresent(p)) return;
  fs.mkdirSync(p.root, { recursive: true });
  // Leftovers of an interrupted fetch (we hold the lock, so none is in use).
  for (const e of fs.readdirSync(p.root))
    if (e.startsWith('.fetch-')) fs.rmSync(path.join(p.root, e), { recursive: true, force: true });
  const tmp = fs.mkdtempSync(path.join(p.root, '.fetch-'));
  try {
    say(`xen-setup: apt-get source xen=${XEN_DEB_VERSION} (about 5 MB)`);
    const r = await run('apt-get', ['source', '-q', `xen=${XEN_DEB_VERSION}`], {
      cwd: tmp,
      log: path.join(tmp, 'apt-get.log'),
    });
    if (r.code !== 0 || !fs.existsSync(path.join(tmp, path.basename(p.pristine), DRIVER_C))) {
      const last =
        r.output
          .trim()
          .split('\n')
          .filter((l) => /^E:|error/i.test(l))
          .pop() ?? r.output.trim().split('\n').pop();
      throw new TreeError(
        `apt-get source xen=${XEN_DEB_VERSION} failed (exit ${r.code}): ${last ?? 'no output'}; it needs a deb-src entry and dpkg-dev (sudo scripts/xen/install-system.sh)`,
      );
    }
    fs.rmSync(p.source, { recursive: true, force: true });
    fs.renameSync(tmp, p.source);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Runs one make step in the tree; a failure is a TreeError naming the step and the log. */
async function makeStep(p: CachePaths, args: string[], log: string, what: string, lockFd: number): Promise<void> {
  const r = await run('make', [...MAKE_ARGS, ...args], {
    cwd: p.tree,
    log,
    lockFd,
    env: { ...process.env, ...BUILD_ENV_OVERRIDES },
  });
  if (r.code !== 0) throw new TreeError(`preparing the Xen tree failed at ${what} (exit ${r.code}); see ${log}`);
}

/**
 * Prepares the arm64 tree once: a copy of the pristine source, `defconfig` plus EXTRA_CONFIG,
 * `olddefconfig`, and a full build (which also makes the generated headers a single object
 * needs). Keeps a copy of the unmodified hypervisor for `xen-boot` without files. Call with the
 * lock held, passing its descriptor (each make then holds it too). A tree without the stamp (an
 * interrupted preparation) is rebuilt from scratch.
 */
export async function prepareTree(
  p: CachePaths,
  jobs: number,
  say: (line: string) => void,
  lockFd: number,
): Promise<void> {
  if (treePrepared(p)) return;
  fs.rmSync(p.preparedStamp, { force: true });
  fs.rmSync(p.tree, { recursive: true, force: true });
  fs.mkdirSync(p.logs, { recursive: true });
  const log = path.join(p.logs, 'prepare.log');
  fs.writeFileSync(log, '');
  say(`xen: preparing the arm64 Xen tree once in ${p.tree} (about 1-2 minutes; log ${log})`);
  fs.cpSync(p.pristine, p.tree, { recursive: true, preserveTimestamps: true, verbatimSymlinks: true });
  await makeStep(p, ['defconfig'], log, 'defconfig', lockFd);
  fs.appendFileSync(path.join(p.tree, 'xen', '.config'), EXTRA_CONFIG.join('\n') + '\n');
  await makeStep(p, ['olddefconfig'], log, 'olddefconfig', lockFd);
  const config = fs.readFileSync(path.join(p.tree, 'xen', '.config'), 'utf8');
  for (const line of EXTRA_CONFIG) {
    if (!config.split('\n').includes(line)) throw new TreeError(`${line} did not survive olddefconfig; see ${log}`);
  }
  await makeStep(p, [`-j${jobs}`], log, 'the full build', lockFd);
  fs.mkdirSync(p.images, { recursive: true });
  fs.copyFileSync(path.join(p.tree, 'xen', 'xen'), p.pristineImage);
  fs.writeFileSync(p.preparedStamp, `${STAMP} prepared ${new Date().toISOString()}\n`);
}

/** The driver files (relative to the tree top) a check may replace. */
export const DRIVER_FILES = [DRIVER_C, DRIVER_H];

/**
 * Puts back every driver file of the tree that differs from the pristine source. Returns the
 * files it restored (empty when the tree was clean). Synchronous, so a signal handler can call it.
 */
export function restoreTree(p: CachePaths): string[] {
  const restored: string[] = [];
  for (const rel of DRIVER_FILES) {
    const original = fs.readFileSync(path.join(p.pristine, rel));
    const target = path.join(p.tree, rel);
    let current: Buffer | undefined;
    try {
      current = fs.readFileSync(target);
    } catch {
      current = undefined;
    }
    if (current && current.equals(original)) continue;
    const tmp = `${target}.xenport-restore`;
    fs.writeFileSync(tmp, original);
    fs.renameSync(tmp, target);
    restored.push(rel);
  }
  return restored;
}
