/**
 * One large file at a time across a scan's workers. Matching a large driver holds its whole
 * syntax tree (a 900 KB file: some 45 MB of native memory) until the collection after it, and two
 * workers on two such files at once made the scan's peak. Workers take this lock (a word of
 * shared memory) before reading a file above `BIG_FILE_BYTES` and release it once that file's
 * tree has been collected; small files never wait.
 */
import * as fs from 'fs';

/** Files above this size are scanned one at a time across workers. */
export const BIG_FILE_BYTES = 256 * 1024;

/** The shared word: 0 free, 1 taken. */
export function newBigFileLock(): SharedArrayBuffer {
  return new SharedArrayBuffer(4);
}

/** True when `file` is big enough to need the lock (unreadable files do not: they fail on read). */
export function isBigFile(file: string): boolean {
  try {
    return fs.statSync(file).size > BIG_FILE_BYTES;
  } catch {
    return false;
  }
}

/** Take the lock, waiting for the worker that holds it. */
export function acquire(lock: SharedArrayBuffer): void {
  const word = new Int32Array(lock);
  while (Atomics.compareExchange(word, 0, 0, 1) !== 0) Atomics.wait(word, 0, 1, 100);
}

/** Release the lock and wake one waiting worker. */
export function release(lock: SharedArrayBuffer): void {
  const word = new Int32Array(lock);
  Atomics.store(word, 0, 0);
  Atomics.notify(word, 0, 1);
}
