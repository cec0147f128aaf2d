/**
 * The only place in the rules stage that touches the file system: reading port manifests, rule and
 * block files, checking folders, and turning paths into the form shown in messages. Every read is
 * bounded (issue 10): regular files only (a FIFO or device is refused before it is read, so it
 * cannot hang the load), at most MAX_RULE_FILE_BYTES counted while reading (not trusted from
 * `stat`), strict UTF-8, and confined to the port's folders after symlinks are resolved.
 *
 * Every answer these functions get from the file system can be recorded (`recordingFs`): what a
 * load read is then a list of questions and their answers (a file's whole text: comparing it is
 * exact, and cheaper than hashing it), and `sameAnswers` asks them again. The compiled-rule cache
 * (src/cli/rule-cache.ts) keys on them: a load is a function of the code, the working folder, its
 * argument and these answers.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The questions the rules stage asks the file system. */
export type FsQuestion = 'read' | 'read-loose' | 'is-dir' | 'is-file' | 'exists' | 'real' | 'list';

/** One question asked during a recorded load and its answer (as text). */
export interface FsAnswer {
  q: FsQuestion;
  path: string;
  answer: string;
}

let recording: FsAnswer[] | undefined;

function record(q: FsQuestion, p: string, answer: string): void {
  recording?.push({ q, path: p, answer });
}

/** Run `fn` and return, with its value, every answer the file system gave through this module meanwhile. */
export function recordingFs<T>(fn: () => T): { value: T; answers: FsAnswer[] } {
  const outer = recording;
  const mine: FsAnswer[] = [];
  recording = mine;
  try {
    return { value: fn(), answers: mine };
  } finally {
    recording = outer;
    outer?.push(...mine);
  }
}

/** Whether asking every question again gives the same answers (the same texts, folders, links). */
export function sameAnswers(answers: readonly FsAnswer[]): boolean {
  const outer = recording;
  recording = undefined;
  try {
    return answers.every((a) => ask(a.q, a.path) === a.answer);
  } finally {
    recording = outer;
  }
}

/** The answer to `q` about `p` now: one definition for recording and for asking again. */
function ask(q: FsQuestion, p: string): string {
  switch (q) {
    case 'read':
      return readDigest(readUnrecorded(p));
    case 'read-loose':
      return loose(p).answer;
    case 'is-dir':
      return String(statIs(p, 'dir'));
    case 'is-file':
      return String(statIs(p, 'file'));
    case 'exists':
      return String(fs.existsSync(p));
    case 'real':
      return realUnrecorded(p) ?? '';
    case 'list':
      return list(p).answer;
  }
}

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

/** The strict decoder (one for the process: a whole-buffer decode keeps no state). */
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The buffer files are read through, 64 KiB at a time (one for the process: each chunk is copied
 * out before the next read; allocating it per file cost more than reading a rule file).
 */
const chunk = Buffer.allocUnsafe(64 * 1024);

const readDigest = (r: ReadResult): string => (r.ok ? `text ${r.text}` : JSON.stringify(r));

/** Read a regular UTF-8 text file of at most MAX_RULE_FILE_BYTES (counted while reading). */
export function readText(file: string): ReadResult {
  const r = readUnrecorded(file);
  if (recording) record('read', file, readDigest(r));
  return r;
}

function readUnrecorded(file: string, limit = MAX_RULE_FILE_BYTES): ReadResult {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR' || err.code === 'ELOOP')
      return { ok: false, reason: 'missing' };
    if (err.code === 'EISDIR') return { ok: false, reason: 'directory' };
    return { ok: false, reason: 'unreadable', detail: err.code ?? err.message };
  }
  try {
    const st = fs.fstatSync(fd);
    if (st.isDirectory()) return { ok: false, reason: 'directory' };
    if (!st.isFile()) return { ok: false, reason: 'not-regular' };
    const chunks: Buffer[] = [];
    let total = 0;
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
  const r = statIs(dir, 'dir');
  record('is-dir', dir, String(r));
  return r;
}

/** True when `p` exists and is a regular file (after links). */
export function isFile(p: string): boolean {
  const r = statIs(p, 'file');
  record('is-file', p, String(r));
  return r;
}

/** Whether `p` exists and is a folder or a regular file (after links); unrecorded. */
function statIs(p: string, what: 'dir' | 'file'): boolean {
  try {
    const st = fs.statSync(p);
    return what === 'dir' ? st.isDirectory() : st.isFile();
  } catch {
    return false;
  }
}

/** Whether anything (a file, a folder, a link that resolves) is at `p`. */
export function exists(p: string): boolean {
  const r = fs.existsSync(p);
  record('exists', p, String(r));
  return r;
}

/** `p` with every symlink resolved, or undefined when it does not resolve. */
function real(p: string): string | undefined {
  const r = realUnrecorded(p);
  record('real', p, r ?? '');
  return r;
}

function realUnrecorded(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

/** What `get` gives and the digest of it, or the error it throws and the digest of that (its code). */
function answerOf<T>(
  get: () => T,
  digest: (v: T) => string,
): { ok: true; value: T; answer: string } | { ok: false; error: unknown; answer: string } {
  try {
    const value = get();
    return { ok: true, value, answer: digest(value) };
  } catch (e) {
    return { ok: false, error: e, answer: `error ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
}

const list = (dir: string) =>
  answerOf(
    () => fs.readdirSync(dir).sort(),
    (names) => JSON.stringify(names),
  );
const loose = (file: string) =>
  answerOf(
    () => fs.readFileSync(file, 'utf8'),
    (text) => `text ${text}`,
  );

/** The names in folder `dir`, sorted (code-unit order); throws as readdirSync does. */
export function listFolder(dir: string): string[] {
  const a = list(dir);
  record('list', dir, a.answer);
  if (!a.ok) throw a.error;
  return a.value;
}

/**
 * A whole file as UTF-8 without the checks of `readText` (a single rule file given on the command
 * line, read as before); throws as readFileSync does.
 */
export function readLoose(file: string): string {
  const a = loose(file);
  record('read-loose', file, a.answer);
  if (!a.ok) throw a.error;
  return a.value;
}

/** Canonical identity of a folder (symlinks resolved), for include-cycle detection. */
export function canonical(dir: string): string {
  return real(dir) ?? path.resolve(dir);
}

/**
 * Whether `file`, with every symlink resolved, lies inside one of `roots` (canonical folders).
 * A path that does not resolve (missing, a dangling link) is `undefined`: the caller says so.
 */
export function resolvesInside(file: string, roots: readonly string[]): boolean | undefined {
  const resolved = real(file);
  if (resolved === undefined) return undefined;
  return roots.some((r) => resolved === r || resolved.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
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
