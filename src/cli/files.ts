/**
 * Reading the CLI's inputs: the Linux file, the existing Xen file and the base file (strict UTF-8 as in
 * rules/files.ts, which rule and block files go through).
 * Every failure becomes a diagnostic with the file name; nothing here throws.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { NamedText } from '../port';
import { byteLineCol, decodeUtf8 } from '../rules/files';
import { limitText, readRegularFile, readStdin } from './read-bounded';

/** Inputs larger than this are refused (XP006): no single driver comes close. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/** The name standard input (`-`) is reported under. */
export const STDIN_NAME = '<stdin>';

/**
 * Read a C source file, checking that it is a regular (not a FIFO or device), non-empty UTF-8 text
 * file of at most 8 MiB; the size is checked while reading (src/cli/read-bounded.ts).
 */
export function readSource(
  name: string,
  what = 'input',
): { ok: true; value: NamedText } | { ok: false; diagnostics: Diagnostic[] } {
  // `-` is standard input (a pipe or a file), read with the same size limit, named <stdin>.
  const file = name === '-' ? STDIN_NAME : name;
  const at = { location: { file, line: 1, col: 1 } };
  const fail = (d: Diagnostic) => ({ ok: false as const, diagnostics: [d] });
  const read = name === '-' ? readStdin(MAX_INPUT_BYTES) : readRegularFile(file, MAX_INPUT_BYTES);
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
  if (buf.length === 0 || /^\s*$/.test(buf.toString('latin1')))
    return fail(diag('XP003', `${what} is empty: ${file}`, at));
  const nul = buf.indexOf(0);
  const decoded = decodeUtf8(buf); // keeps a BOM: output is byte-faithful
  if (!decoded.ok)
    return fail(
      diag('XP004', `${what} is not valid UTF-8: ${file}`, {
        location: { file, line: decoded.line, col: decoded.col },
      }),
    );
  if (nul >= 0)
    return fail(
      diag('XP004', `${what} is binary (it contains NUL bytes): ${file}`, {
        location: { file, ...byteLineCol(buf, nul) },
      }),
    );
  const text = decoded.text;
  return { ok: true, value: { text, file } };
}

/**
 * Read the file that --check and --diff compare with: undefined when it does not exist, its text,
 * or why it cannot be compared (not a regular file, over the limit, unreadable): never a FIFO read.
 */
export function readIfExists(file: string): string | undefined | { error: Diagnostic } {
  const read = readRegularFile(file, MAX_INPUT_BYTES);
  if (read.ok) return read.bytes.toString('utf8');
  if (read.why === 'missing') return undefined;
  const why =
    read.why === 'directory'
      ? 'is a directory'
      : read.why === 'not-regular'
        ? `is not a regular file (${read.kind})`
        : read.why === 'too-large'
          ? `is over the ${limitText(MAX_INPUT_BYTES)} limit`
          : `cannot be read: ${'message' in read ? read.message : read.why}`;
  return { error: diag('XP400', `output file ${file} ${why}`, { location: { file, line: 1, col: 1 } }) };
}
