/**
 * The build check: drops a generated smmu-v3.c (and optionally smmu-v3.h) into the prepared Xen
 * 4.17.5 arm64 tree, compiles that object with Xen's own flags (-Werror among them), links the
 * hypervisor, prints gcc's diagnostics at their positions in the generated files, and always puts
 * the original files back (on success, failure, SIGINT or SIGTERM; a SIGKILLed run is repaired
 * by the next one, which restores any modified file before it starts).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { DRIVER_C, DRIVER_H, DRIVER_OBJECT, EXIT, MAKE_ARGS, type CachePaths } from './config';
import { countDiagnostics, diagnosticLines, firstError, mapPaths } from './diagnostics';
import { acquireLock } from './lock';
import { onInterrupt, run } from './process';
import { BUILD_ENV_OVERRIDES, prepareTree, restoreTree } from './tree';

/** What to check. */
export interface CheckOptions {
  /** The generated .c, as the user wrote its path (used in messages). */
  c: string;
  /** The generated .h, if any; without it Xen 4.17.5's own smmu-v3.h is used. */
  h?: string;
  /** make -j for preparation and the link. */
  jobs: number;
  /** Link the hypervisor after compiling the object (false: `--no-link`, the object only). */
  link: boolean;
  /** How many diagnostic lines to print on failure. */
  maxLines: number;
  /** Seconds to wait for another check holding the tree. */
  lockTimeoutSec: number;
  /** Where lines for the user go (stderr for progress, stdout for results). */
  say: (line: string) => void;
}

/** The outcome of a check. */
export interface CheckResult {
  code: number;
  /** The linked hypervisor (a copy outside the tree), when the check passed and linked. */
  image?: string;
  compileMs?: number;
  linkMs?: number;
  /** The diagnostics, mapped to the user's paths. */
  diagnostics: string[];
}

/** A short content hash of the inputs, naming the image and log of this check. */
function inputsKey(c: Buffer, h: Buffer | undefined): string {
  const hash = crypto.createHash('sha256').update(c);
  if (h) hash.update('\0h\0').update(h);
  return hash.digest('hex').slice(0, 12);
}

/** Writes `data` to `target` through a temporary file and a rename. */
function writeAtomic(target: string, data: Buffer): void {
  const tmp = `${target}.xenport-tmp`;
  fs.writeFileSync(tmp, data);
  fs.renameSync(tmp, target);
}

/** Runs the build check; returns its exit code and what it produced. Caller checked tools and source. */
export async function buildCheck(p: CachePaths, opts: CheckOptions): Promise<CheckResult> {
  const cData = fs.readFileSync(opts.c);
  const hData = opts.h ? fs.readFileSync(opts.h) : undefined;
  const key = inputsKey(cData, hData);
  const lock = acquireLock(p.lock, opts.lockTimeoutSec, () =>
    opts.say(`xen-check: waiting for another check to finish with the cached tree (lock ${p.lock})`),
  );
  const cleanup = () => {
    try {
      if (fs.existsSync(p.tree)) restoreTree(p);
    } finally {
      lock.release();
    }
  };
  const unregister = onInterrupt(cleanup);
  try {
    await prepareTree(p, opts.jobs, opts.say, lock.fd);
    const repaired = restoreTree(p);
    if (repaired.length > 0)
      opts.say(`xen-check: restored ${repaired.join(', ')} left modified by an interrupted check`);

    const xenDir = path.join(p.tree, 'xen');
    const map: Record<string, string> = { [path.relative('xen', DRIVER_C)]: opts.c };
    writeAtomic(path.join(p.tree, DRIVER_C), cData);
    if (opts.h && hData) {
      writeAtomic(path.join(p.tree, DRIVER_H), hData);
      map[path.relative('xen', DRIVER_H)] = opts.h;
    }
    fs.mkdirSync(p.logs, { recursive: true });
    const log = path.join(p.logs, `check-${key}.log`);
    fs.writeFileSync(log, '');
    const env = { ...process.env, ...BUILD_ENV_OVERRIDES };

    const t0 = Date.now();
    const compile = await run('make', [...MAKE_ARGS, '-s', DRIVER_OBJECT], { cwd: p.tree, log, env, lockFd: lock.fd });
    const compileMs = Date.now() - t0;
    let result = compile;
    let linkMs: number | undefined;
    if (compile.code === 0 && opts.link) {
      const t1 = Date.now();
      result = await run('make', [...MAKE_ARGS, '-s', `-j${opts.jobs}`], { cwd: p.tree, log, env, lockFd: lock.fd });
      linkMs = Date.now() - t1;
    }
    const diagnostics = diagnosticLines(mapPaths(result.output, xenDir, map));
    const stage =
      compile.code !== 0 ? 'compiling' : result.code !== 0 ? 'linking the hypervisor with' : 'building (warnings) with';
    // With -s a clean build prints nothing: any line left (an ld warning, say) fails the check too.
    if (result.code !== 0 || diagnostics.length > 0) {
      for (const l of diagnostics.slice(0, opts.maxLines)) opts.say(l);
      if (diagnostics.length > opts.maxLines)
        opts.say(`... ${diagnostics.length - opts.maxLines} more lines in ${log}`);
      const n = countDiagnostics(diagnostics);
      const first = firstError(diagnostics) ?? `make exit ${result.code}`;
      opts.say(
        `xen-check: FAILED ${stage} ${opts.c}: ${n.errors} error(s), ${n.warnings} warning(s) with Xen 4.17.5's flags (-Werror); first: ${first}; full log ${log} (exit ${EXIT.buildFailed})`,
      );
      return { code: EXIT.buildFailed, compileMs, linkMs, diagnostics };
    }
    if (!opts.link) return { code: EXIT.ok, compileMs, diagnostics };
    fs.mkdirSync(p.images, { recursive: true });
    const image = path.join(p.images, `check-${key}.xen`);
    fs.copyFileSync(path.join(xenDir, 'xen'), image);
    return { code: EXIT.ok, image, compileMs, linkMs, diagnostics };
  } finally {
    cleanup();
    unregister();
  }
}
