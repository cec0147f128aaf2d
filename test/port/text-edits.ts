/**
 * Helpers of the tests that parse or shape a new output from the last one (output-shape.test.ts,
 * output-parse.test.ts): the C files of a folder, and a line of a text replaced.
 */
import * as fs from 'fs';
import * as path from 'path';

/** The `.c` and `.h` files under `dir`, sorted. */
export function cFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const f = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...cFiles(f));
    else if (/\.[ch]$/.test(e.name)) out.push(f);
  }
  return out.sort();
}

/** `text` with the line holding offset `at` replaced by `line`. */
export function withLine(text: string, at: number, line: string): string {
  const s = text.lastIndexOf('\n', at - 1) + 1;
  const e = text.indexOf('\n', at);
  return text.slice(0, s) + line + text.slice(e < 0 ? text.length : e);
}
