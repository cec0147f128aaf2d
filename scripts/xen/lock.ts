/**
 * A cross-process lock on the Xen cache, so that two checks (or a check and a setup) never
 * compile in or restore the same tree at once. It is a kernel lock held by a flock(1) child:
 * the child keeps the lock while its stdin (a pipe from this process) is open, so the lock is
 * released when we release it, and also when this process dies, even by SIGKILL.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A held lock. */
export interface Lock {
  /** Releases the lock (idempotent; safe to call from a signal handler). */
  release(): void;
}

/** Thrown when the lock is still held by another process after the timeout. */
export class LockTimeout extends Error {}

/**
 * Waits up to `timeoutSec` for the exclusive lock on `lockPath` (created if needed). `onWait`
 * is called once if the lock is not free within a second, to tell the user why nothing happens.
 */
export function acquireLock(lockPath: string, timeoutSec: number, onWait: () => void): Promise<Lock> {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const child: ChildProcess = spawn('flock', ['-x', '-w', String(timeoutSec), lockPath, '-c', 'echo locked; exec cat >/dev/null'], {
    stdio: ['pipe', 'pipe', 'ignore'],
    // Its own process group: a Ctrl-C to our group must not drop the lock before we restored the tree.
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let held = false;
    const waitNote = setTimeout(() => held || onWait(), 1000);
    child.stdout!.on('data', (chunk: Buffer) => {
      if (held || !chunk.toString().includes('locked')) return;
      held = true;
      clearTimeout(waitNote);
      let released = false;
      resolve({
        release() {
          if (released) return;
          released = true;
          child.stdin!.end();
          child.stdout!.destroy();
          child.unref();
        },
      });
    });
    child.on('error', (e) => {
      clearTimeout(waitNote);
      reject(e);
    });
    child.on('exit', (code) => {
      clearTimeout(waitNote);
      if (!held) reject(new LockTimeout(`${lockPath} is still held by another check after ${timeoutSec} s (flock exit ${code})`));
    });
  });
}
