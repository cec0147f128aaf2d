/**
 * A cross-process lock on the Xen cache, so that two checks (or a check and a setup) never
 * compile in or restore the same tree at once. It is a kernel flock on an open file description:
 * flock(1) takes it on a descriptor this process opened and passes as its fd 3, and the build
 * commands inherit that descriptor too. The lock is therefore held until this process closes it
 * AND every make it started has exited: a check killed by SIGKILL releases it at once, unless a
 * make it started is still compiling in the tree, in which case the next check waits for it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/** A held lock. */
export interface Lock {
  /** The locked descriptor; pass it to children that work in the tree (see `run`'s `lockFd`). */
  fd: number;
  /** Releases our hold (idempotent; safe to call from a signal handler). */
  release(): void;
}

/** Thrown when the lock is still held by another process after the timeout. */
export class LockTimeout extends Error {}

/** Runs flock(1) on `fd`; true when it took the lock. */
function flock(fd: number, extra: string[]): boolean {
  const r = spawnSync('flock', ['-x', ...extra, '3'], { stdio: ['ignore', 'ignore', 'ignore', fd] });
  if (r.error) throw r.error;
  return r.status === 0;
}

/**
 * Waits up to `timeoutSec` for the exclusive lock on `lockPath` (created if needed). `onWait`
 * is called once, before waiting, if the lock is held by someone else.
 */
export function acquireLock(lockPath: string, timeoutSec: number, onWait: () => void): Lock {
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const fd = fs.openSync(lockPath, 'a');
  try {
    if (!flock(fd, ['-n'])) {
      onWait();
      if (!flock(fd, ['-w', String(timeoutSec)]))
        throw new LockTimeout(`${lockPath} is still held by another check after ${timeoutSec} s`);
    }
  } catch (e) {
    fs.closeSync(fd);
    throw e;
  }
  let released = false;
  return {
    fd,
    release() {
      if (released) return;
      released = true;
      fs.closeSync(fd);
    },
  };
}
