/**
 * The commands of the Xen build check and boot smoke test (docs/XEN-CHECK.md), run by main.ts:
 *
 *   npm run xen-setup                                   fetch Xen 4.17.5's source, prepare the arm64 tree
 *   npm run xen-check -- <generated.c> [<generated.h>]  compile + link in the cached tree
 *   npm run xen-boot  -- [<generated.c> [<generated.h>]] build check, then boot under QEMU
 *                                                       (no files: boot the unmodified Xen 4.17.5)
 *   options: --jobs N, --max-lines N (diagnostic lines shown), --lock-timeout S, --boot-timeout S,
 *            --no-link (xen-check only: compile the object, do not link; about 3 s)
 *
 * Exit codes (config.ts EXIT): 0 ok, 1 build failed, 2 usage, 3 program missing, 4 Xen source
 * missing, 5 boot log check failed, 6 setup/preparation/lock/QEMU failure, 130/143 interrupted.
 * Every failure ends with one line that starts with the command's name.
 */
import * as fs from 'fs';
import * as os from 'os';
import { bootCheck } from './boot';
import { buildCheck } from './check';
import { cachePaths, EXIT, XEN_DEB_VERSION } from './config';
import { acquireLock, LockTimeout } from './lock';
import { onInterrupt } from './process';
import { BOOT_TOOLS, BUILD_TOOLS, DEB_SRC_HINT, missingToolsMessage, SETUP_TOOLS } from './toolchain';
import { fetchSource, prepareTree, sourcePresent, TreeError } from './tree';

/** Parsed command line. */
interface Args {
  command: 'setup' | 'check' | 'boot';
  files: string[];
  jobs: number;
  maxLines: number;
  lockTimeoutSec: number;
  bootTimeoutSec: number;
  link: boolean;
}

class UsageError extends Error {}

const USAGE = 'usage: xen-check <generated.c> [<generated.h>] | xen-boot [<generated.c> [<generated.h>]] | xen-setup';

function parseArgs(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command !== 'setup' && command !== 'check' && command !== 'boot') throw new UsageError(USAGE);
  const args: Args = {
    command,
    files: [],
    jobs: Math.max(1, os.cpus().length),
    maxLines: 40,
    lockTimeoutSec: 1800,
    bootTimeoutSec: 180,
    link: true,
  };
  const numbers: Record<string, keyof Args> = {
    '--jobs': 'jobs',
    '--max-lines': 'maxLines',
    '--lock-timeout': 'lockTimeoutSec',
    '--boot-timeout': 'bootTimeoutSec',
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a in numbers) {
      const v = Number(rest[++i]);
      if (!Number.isInteger(v) || v <= 0) throw new UsageError(`${a} needs a positive whole number`);
      (args as unknown as Record<string, number>)[numbers[a]] = v;
    } else if (a === '--no-link') {
      args.link = false;
    } else if (a.startsWith('-')) {
      throw new UsageError(`unknown option ${a}; ${USAGE}`);
    } else {
      args.files.push(a);
    }
  }
  if (command === 'setup' && args.files.length > 0) throw new UsageError(`xen-setup takes no files; ${USAGE}`);
  if (command === 'check' && args.files.length === 0) throw new UsageError(USAGE);
  if (!args.link && command !== 'check')
    throw new UsageError(`--no-link is for xen-check only (a boot needs the linked hypervisor)`);
  if (args.files.length > 2) throw new UsageError(`at most one .c and one .h; ${USAGE}`);
  return args;
}

/** The generated .c and .h among the files, checked to exist and be readable. */
function inputFiles(files: string[]): { c?: string; h?: string } {
  const out: { c?: string; h?: string } = {};
  for (const f of files) {
    const kind = f.endsWith('.c') ? 'c' : f.endsWith('.h') ? 'h' : undefined;
    if (!kind) throw new UsageError(`${f}: expected a generated .c or .h file`);
    if (out[kind]) throw new UsageError(`${f}: two .${kind} files given`);
    try {
      if (!fs.statSync(f).isFile()) throw new UsageError(`${f}: not a file`);
      fs.accessSync(f, fs.constants.R_OK);
    } catch (e) {
      if (e instanceof UsageError) throw e;
      throw new UsageError(`${f}: cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    out[kind] = f;
  }
  if (out.h && !out.c) throw new UsageError(`${out.h}: a generated .h needs its generated .c`);
  return out;
}

/** Where a command writes: progress and failures (`say`, stderr), results (`print`, stdout). */
export interface XenIo {
  say(line: string): void;
  print(line: string): void;
}

/** The process's own stderr and stdout. */
export const processIo: XenIo = {
  say: (line) => process.stderr.write(line + '\n'),
  print: (line) => process.stdout.write(line + '\n'),
};

async function setup(args: Args, io: XenIo): Promise<number> {
  const say = io.say;
  const missing = missingToolsMessage([...SETUP_TOOLS, ...BUILD_TOOLS]);
  if (missing) return fail(io, 'xen-setup', EXIT.toolMissing, missing);
  const p = cachePaths();
  const t0 = Date.now();
  const lock = acquireLock(p.lock, args.lockTimeoutSec, () => say(`xen-setup: waiting for the lock ${p.lock}`));
  const unregister = onInterrupt(() => lock.release());
  try {
    await fetchSource(p, say);
    const t1 = Date.now();
    await prepareTree(p, args.jobs, say, lock.fd);
    const t2 = Date.now();
    io.print(
      `xen-setup: OK: Xen ${XEN_DEB_VERSION} source in ${p.pristine} (${((t1 - t0) / 1000).toFixed(1)} s), arm64 tree prepared in ${p.tree} (${((t2 - t1) / 1000).toFixed(1)} s)`,
    );
    return EXIT.ok;
  } finally {
    lock.release();
    unregister();
  }
}

/** Checks the programs and the source a build needs; returns an exit code when something is missing. */
function buildPrerequisites(io: XenIo, name: string, withBoot: boolean): number | undefined {
  const missing = missingToolsMessage(withBoot ? [...BUILD_TOOLS, ...BOOT_TOOLS] : BUILD_TOOLS);
  if (missing) return fail(io, name, EXIT.toolMissing, missing);
  const p = cachePaths();
  if (!sourcePresent(p)) {
    return fail(
      io,
      name,
      EXIT.sourceMissing,
      `Xen ${XEN_DEB_VERSION} source not found in ${p.source}: run npm run xen-setup (needs apt-get install -y dpkg-dev and a deb-src entry: ${DEB_SRC_HINT})`,
    );
  }
  return undefined;
}

async function check(args: Args, name: string, io: XenIo): Promise<{ code: number; image?: string }> {
  const { c, h } = inputFiles(args.files);
  const blocked = buildPrerequisites(io, name, args.command === 'boot');
  if (blocked !== undefined) return { code: blocked };
  if (!c) return { code: EXIT.ok, image: cachePaths().pristineImage };
  const r = await buildCheck(cachePaths(), {
    c,
    h,
    jobs: args.jobs,
    link: args.link,
    maxLines: args.maxLines,
    lockTimeoutSec: args.lockTimeoutSec,
    say: io.say,
  });
  if (r.code === EXIT.ok) {
    const secs = (ms?: number) => ((ms ?? 0) / 1000).toFixed(1);
    const files = [c, h].filter(Boolean).join(' + ');
    const linked = r.image
      ? `and link: ${r.image} (compile ${secs(r.compileMs)} s, link ${secs(r.linkMs)} s)`
      : `(not linked: --no-link; compile ${secs(r.compileMs)} s)`;
    io.print(`xen-check: OK: ${files} compile with Xen 4.17.5's flags (-Werror, no warning) ${linked}`);
  }
  return r;
}

async function boot(args: Args, io: XenIo): Promise<number> {
  const built = await check(args, 'xen-boot', io);
  if (built.code !== EXIT.ok || !built.image) return built.code;
  if (args.files.length === 0) {
    // The unmodified image exists once the tree is prepared.
    const p = cachePaths();
    const lock = acquireLock(p.lock, args.lockTimeoutSec, () => io.say(`xen-boot: waiting for the lock ${p.lock}`));
    try {
      await prepareTree(p, args.jobs, io.say, lock.fd);
    } finally {
      lock.release();
    }
  }
  return bootCheck(cachePaths(), built.image, { timeoutSec: args.bootTimeoutSec, say: io.say, print: io.print });
}

function fail(io: XenIo, name: string, code: number, message: string): number {
  io.say(`${name}: ${message} (exit ${code})`);
  return code;
}

/** Runs one command (`setup`, `check` or `boot` and its arguments); resolves to the exit code. */
export async function runXen(argv: string[], io: XenIo = processIo): Promise<number> {
  const name = `xen-${argv[0] ?? 'check'}`;
  try {
    const args = parseArgs(argv);
    if (args.command === 'setup') return await setup(args, io);
    if (args.command === 'check') return (await check(args, 'xen-check', io)).code;
    return await boot(args, io);
  } catch (e) {
    if (e instanceof UsageError) return fail(io, name, EXIT.usage, e.message);
    if (e instanceof TreeError || e instanceof LockTimeout) return fail(io, name, EXIT.infrastructure, e.message);
    return fail(io, name, EXIT.infrastructure, `unexpected failure: ${(e as Error).message}`);
  }
}
