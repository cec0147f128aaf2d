/**
 * The only place in the rules stage that touches the file system: reading port manifests and rule
 * files, checking folders, and turning paths into the form shown in messages.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Result of reading a text file: its text, or why it could not be read. */
export type ReadResult = { ok: true; text: string } | { ok: false; reason: 'missing' | 'directory' | 'unreadable'; detail?: string };

/** Read a UTF-8 text file. */
export function readText(file: string): ReadResult {
  try {
    const st = fs.statSync(file);
    if (st.isDirectory()) return { ok: false, reason: 'directory' };
    return { ok: true, text: fs.readFileSync(file, 'utf8') };
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return { ok: false, reason: 'missing' };
    return { ok: false, reason: 'unreadable', detail: err.message };
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
