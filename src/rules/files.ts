/**
 * The only place in the rules stage that touches the file system: reading port manifests, rule and
 * block files, checking folders, and turning paths into the form shown in messages. Every read is
 * bounded (issue 10): regular files only (a FIFO or device is refused before it is read, so it
 * cannot hang the load), at most MAX_RULE_FILE_BYTES counted while reading (not trusted from
 * `stat`), strict UTF-8, and confined to the port's folders after symlinks are resolved.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Largest port.yaml, rule file or block file read: far above any real one (the largest shipped is under 40 KiB). */
export const MAX_RULE_FILE_BYTES = 1024 * 1024;

/** Why a file could not be read. */
export type ReadFailure =
  | { ok: false; reason: 'missing' | 'directory' | 'not-regular' | 'too-large'; detail?: string }
  | { ok: false; reason: 'unreadable'; detail?: string }
  | { ok: false; reason: 'not-utf8'; line: number; col: number };

/** Result of reading a text file: its text, or why it could not be read. */
export type ReadResult = { ok: true; text: string } | ReadFailure;

/** The 1-based line and column of byte `at` of `buf`. */
export function byteLineCol(buf: Buffer, at: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < at; i++) if (buf[i] === 10) (line++, (last = i));
  return { line, col: at - last };
}

/** Decode strict UTF-8, or give the position of the first byte that is not (never a silent U+FFFD). */
export function decodeUtf8(buf: Buffer): { ok: true; text: string } | { ok: false; line: number; col: number } {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  try {
    return { ok: true, text: strict.decode(buf) };
  } catch {
    let lo = 0;
    let hi = buf.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      try {
        strict.decode(buf.subarray(0, mid));
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    return { ok: false, ...byteLineCol(buf, lo) };
  }
}

/** Read a regular UTF-8 text file of at most `limit` bytes (counted while reading). */
export function readText(file: string, limit = MAX_RULE_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ELOOP') return { ok: false, reason: 'missing' };
    if (err.code === 'EISDIR') return { ok: false, reason: 'directory' };
    return { ok: false, reason: 'unreadable', detail: err.code ?? err.message };
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: 'directory' };
    if (!st.isFile()) return { ok: false, reason: 'not-regular' };
    const chunks: Buffer[] = [];
    let total = 0;
    const chunk = Buffer.alloc(64 * 1024);
    for (;;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      total += n;
      if (total > limit) return { ok: false, reason: 'too-large', detail: `more than ${limit} bytes` };
      chunks.push(Buffer.from(chunk.subarray(0, n)));
    }
    const d = decodeUtf8(Buffer.concat(chunks));
    return d.ok ? d : { ok: false, reason: 'not-utf8', line: d.line, col: d.col };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    return { ok: false, reason: 'unreadable', detail: err.code ?? err.message };
  } finally {
    fs.closeSync(fd);
  }
}

/** True when `dir` exists and is a directory. */
export function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

/** Canonical identity of a folder (symlinks resolved), for include-cycle detection. */
export function canonical(dir: string): string {
  try {
    return fs.realpathSync(dir);
  } catch {
    return path.resolve(dir);
  }
}

/**
 * Whether `file`, with every symlink resolved, lies inside one of `roots` (canonical folders).
 * A path that does not resolve (missing, a dangling link) is `undefined`: the caller says so.
 */
export function resolvesInside(file: string, roots: readonly string[]): boolean | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return undefined;
  }
  return roots.some((r) => real === r || real.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
}

/**
 * The path as shown in messages: relative paths stay relative (normalized); absolute paths become
 * relative to the working directory when they lie inside it.
 */
export function displayPath(p: string): string {
  if (!path.isAbsolute(p)) return path.normalize(p);
  const rel = path.relative(process.cwd(), p);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : rel === '' ? '.' : p;
}

/** Join `child` (relative to `dir`, or absolute) and present the result with `displayPath`. */
export function joinDisplay(dir: string, child: string): string {
  return displayPath(path.isAbsolute(child) ? child : path.join(dir, child));
}
