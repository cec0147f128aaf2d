/**
 * Reading a whole file safely: regular files only, checked on the open file (a FIFO is opened
 * without blocking and refused, not waited on; /dev/zero is refused, not read forever), and the size
 * limit is enforced while reading, not taken from `stat` (a file that grows, or lies about its
 * size, stops at the limit). Never throws.
 */
import * as fs from 'fs';

/** What a file that is not a regular file is, for messages. */
function kindOf(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/** The outcome of `readRegularFile`. */
export type BoundedRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; why: 'missing' | 'directory' | 'too-large' }
  | { ok: false; why: 'not-regular'; kind: string }
  | { ok: false; why: 'unreadable'; message: string };

const CHUNK = 1 << 16;

/** Read `file` whole if it is a regular file of at most `limit` bytes. */
export function readRegularFile(file: string, limit: number): BoundedRead {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. It changes nothing for regular files.
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK | fs.constants.O_NOCTTY);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { ok: false, why: 'missing' };
    return { ok: false, why: 'unreadable', message: err.message };
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { ok: false, why: 'directory' };
    if (!st.isFile()) return { ok: false, why: 'not-regular', kind: kindOf(st) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const room = limit + 1 - total; // read one byte past the limit to know that it is exceeded
      if (room <= 0) return { ok: false, why: 'too-large' };
      const buf = Buffer.allocUnsafe(Math.min(room, Math.max(CHUNK, Math.min(st.size + 1, limit + 1))));
      const n = fs.readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      chunks.push(n === buf.length ? buf : buf.subarray(0, n));
      total += n;
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, why: 'unreadable', message: (e as Error).message };
  } finally {
    fs.closeSync(fd);
  }
}

/** The size limit in words: `8 MiB`. */
export const limitText = (limit: number): string =>
  limit % 1048576 === 0 ? `${limit / 1048576} MiB` : `${limit} bytes`;

/**
 * Standard input as `xenport serve` received it from its client for the request it runs (requests
 * run one at a time), used instead of the server's own; undefined outside a request.
 */
let requestStdin: BoundedRead | undefined;

/** Run `f` with `stdin` as standard input (see `requestStdin`). */
export async function withStdin<T>(stdin: BoundedRead, f: () => Promise<T>): Promise<T> {
  requestStdin = stdin;
  try {
    return await f();
  } finally {
    requestStdin = undefined;
  }
}

/** Read standard input whole, up to `limit` bytes (a pipe, a file or a terminal; waits for its end). */
export function readStdin(limit: number): BoundedRead {
  if (requestStdin) {
    const r = requestStdin;
    return r.ok && r.bytes.length > limit ? { ok: false, why: 'too-large' } : r;
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(CHUNK);
    let n: number;
    try {
      n = fs.readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10); // a non-blocking stdin with no data yet
        continue;
      }
      if (err.code === 'EOF') break;
      return { ok: false, why: 'unreadable', message: err.message };
    }
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > limit) return { ok: false, why: 'too-large' };
  }
  return { ok: true, bytes: Buffer.concat(chunks, total) };
}
