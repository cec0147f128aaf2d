/**
 * Reading the CLI's inputs: the Linux file, the existing Xen file, the base file and block files.
 * Every failure becomes a diagnostic with the file name; nothing here throws.
 */
import * as fs from 'fs';
import { Diagnostic, diag } from '../diagnostics';
import type { NamedText } from '../port';

/** Inputs larger than this are refused (XP006): no single driver comes close. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** Read a C source file, checking that it exists, is a regular non-empty UTF-8 text file, and is not too large. */
export function readSource(file: string, what = 'input'): { ok: true; value: NamedText } | { ok: false; diagnostics: Diagnostic[] } {
  const at = { location: { file, line: 1, col: 1 } };
  const fail = (d: Diagnostic) => ({ ok: false as const, diagnostics: [d] });
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return fail(diag('XP001', `${what} file not found: ${file}`, at));
  }
  if (st.isDirectory()) return fail(diag('XP002', `${what} is a directory, not a C file: ${file}`, at));
  if (st.size > MAX_INPUT_BYTES) {
    return fail(diag('XP006', `${what} is ${(st.size / 1048576).toFixed(1)} MiB; the limit is ${MAX_INPUT_BYTES / 1048576} MiB`, at));
  }
  let buf: Buffer;
  try {
    buf = fs.readFileSync(file);
  } catch (e) {
    return fail(diag('XP008', `cannot read ${what} ${file}: ${(e as Error).message}`, at));
  }
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

/** Read a file that may not exist (for --check targets). */
export function readIfExists(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
