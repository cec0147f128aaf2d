/**
 * Running the external programs of the Xen check (make, apt-get, QEMU, dtc) so that an interrupt
 * never leaves the cached tree modified: each child runs in its own process group, and a SIGINT
 * or SIGTERM kills the running children, runs the registered cleanups (restore the tree, drop
 * the lock) and exits 130 or 143.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import { EXIT } from './config';

const running = new Set<ChildProcess>();
const cleanups: Array<() => void> = [];
let handlersInstalled = false;

/** Kills every running child's process group. */
function killChildren(): void {
  for (const child of running) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Runs the cleanups in reverse order of registration, each at most once. */
function runCleanups(): void {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    try {
      fn();
    } catch (e) {
      process.stderr.write(`xen: cleanup failed: ${(e as Error).message}\n`);
    }
  }
}

function onSignal(signal: NodeJS.Signals): void {
  process.stderr.write(`xen: ${signal}: stopping, restoring the cached Xen tree\n`);
  killChildren();
  runCleanups();
  process.exit(signal === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
}

/**
 * Registers `fn` to run on SIGINT/SIGTERM (and installs the handlers once). Returns a function
 * that unregisters it, for the normal path that has already cleaned up.
 */
export function onInterrupt(fn: () => void): () => void {
  if (!handlersInstalled) {
    handlersInstalled = true;
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  }
  cleanups.push(fn);
  return () => {
    const i = cleanups.indexOf(fn);
    if (i >= 0) cleanups.splice(i, 1);
  };
}

/** What a finished command returned. */
export interface RunResult {
  code: number;
  /** stdout and stderr, interleaved in arrival order. */
  output: string;
  timedOut: boolean;
  /** Killed because its output matched `stopWhen`. */
  stopped: boolean;
}

/** Options of `run`. */
export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** A held lock's descriptor, given to the command as its fd 3 so that it holds the lock too (lock.ts). */
  lockFd?: number;
  /** Also append the output to this file. */
  log?: string;
  /** Kill the command after this many milliseconds. */
  timeoutMs?: number;
  /** Called with each chunk of output as it arrives. */
  onOutput?: (text: string) => void;
  /** Stop (kill) the command as soon as its output so far matches this. */
  stopWhen?: RegExp;
}

/** Runs `cmd args` in its own process group and resolves when it exits (never rejects on exit code). */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      cwd: opts.cwd,
      env: opts.env,
      stdio: opts.lockFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'pipe', 'pipe', opts.lockFd],
      detached: true,
    });
    running.add(child);
    const chunks: string[] = [];
    const logFd = opts.log ? fs.openSync(opts.log, 'a') : undefined;
    let timedOut = false;
    let stopped = false;
    const timer = opts.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          if (child.pid) process.kill(-child.pid, 'SIGKILL');
        }, opts.timeoutMs)
      : undefined;
    const take = (b: Buffer) => {
      const text = b.toString();
      chunks.push(text);
      if (logFd !== undefined) fs.writeSync(logFd, text);
      opts.onOutput?.(text);
      if (opts.stopWhen && !stopped && opts.stopWhen.test(chunks.join(''))) {
        stopped = true;
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      }
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    child.on('error', (e) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      if (logFd !== undefined) fs.closeSync(logFd);
      reject(e);
    });
    child.on('close', (code, signal) => {
      running.delete(child);
      if (timer) clearTimeout(timer);
      if (logFd !== undefined) fs.closeSync(logFd);
      resolve({ code: code ?? (signal ? 128 : 1), output: chunks.join(''), timedOut, stopped });
    });
  });
}
