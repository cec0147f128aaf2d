/**
 * Reading the CLI's inputs: the Linux file, the existing Xen file, the base file and block files.
 * Every failure becomes a diagnostic with the file name; nothing here throws.
 */
import * as fs from 'fs';
import { Diagnostic, diag } from '../diagnostics';
import type { NamedText } from '../port';
import { limitText, readRegularFile } from './read-bounded';

/** Inputs larger than this are refused (XP006): no single driver comes close. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Read a C source file, checking that it is a regular (not a FIFO or device), non-empty UTF-8 text
 * file of at most 8 MiB; the size is checked while reading (src/cli/read-bounded.ts).
 */
export function readSource(file: string, what = 'input'): { ok: true; value: NamedText } | { ok: false; diagnostics: Diagnostic[] } {
  const at = { location: { file, line: 1, col: 1 } };
  const fail = (d: Diagnostic) => ({ ok: false as const, diagnostics: [d] });
  const read = readRegularFile(file, MAX_INPUT_BYTES);
  if (!read.ok) {
    switch (read.why) {
      case 'missing':
        return fail(diag('XP001', `${what} file not found: ${file}`, at));
      case 'directory':
        return fail(diag('XP002', `${what} is a directory, not a C file: ${file}`, at));
      case 'not-regular':
        return fail(diag('XP002', `${what} is not a regular file (${read.kind}): ${file}`, at));
      case 'too-large':
        return fail(diag('XP006', `${what} ${file} is over the ${limitText(MAX_INPUT_BYTES)} limit`, at));
      case 'unreadable':
        return fail(diag('XP008', `cannot read ${what} ${file}: ${read.message}`, at));
    }
  }
  const buf = read.bytes;
  if (buf.length === 0 || /^\s*$/.test(buf.toString('latin1'))) return fail(diag('XP003', `${what} is empty: ${file}`, at));
  const nul = buf.indexOf(0);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buf); // keep a BOM: output is byte-faithful
  } catch {
    return fail(diag('XP004', `${what} is not valid UTF-8: ${file}`, { location: badByteLocation(file, buf) }));
  }
  if (nul >= 0) return fail(diag('XP004', `${what} is binary (it contains NUL bytes): ${file}`, { location: lineCol(file, buf, nul) }));
  return { ok: true, value: { text, file } };
}

function lineCol(file: string, buf: Buffer, at: number): { file: string; line: number; col: number } {
  const before = buf.subarray(0, at);
  let line = 1;
  let last = -1;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === 10) {
      line++;
      last = i;
    }
  }
  return { file, line, col: at - last };
}

/** Location of the first byte that is not valid UTF-8. */
function badByteLocation(file: string, buf: Buffer): { file: string; line: number; col: number } {
  for (let lo = 0, hi = buf.length; ; ) {
    if (hi - lo <= 1) return lineCol(file, buf, lo);
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, mid));
      lo = mid;
    } catch {
      hi = mid;
    }
  }
}

/**
 * Read the file that --check and --diff compare with: undefined when it does not exist, its text,
 * or why it cannot be compared (not a regular file, over the limit, unreadable): never a FIFO read.
 */
export function readIfExists(file: string): string | undefined | { error: Diagnostic } {
  const read = readRegularFile(file, MAX_INPUT_BYTES);
  if (read.ok) return read.bytes.toString('utf8');
  if (read.why === 'missing') return undefined;
  const why = read.why === 'directory' ? 'is a directory' : read.why === 'not-regular' ? `is not a regular file (${read.kind})` : read.why === 'too-large' ? `is over the ${limitText(MAX_INPUT_BYTES)} limit` : `cannot be read: ${'message' in read ? read.message : read.why}`;
  return { error: diag('XP400', `output file ${file} ${why}`, { location: { file, line: 1, col: 1 } }) };
}
