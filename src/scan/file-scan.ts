/**
 * Scan one file: read it, run the literal prefilter, and only when some rule may match parse it,
 * build the match context and run those rules. Nothing of the tree outlives the call.
 */
import * as fs from 'fs';
import { matchRules } from '../match';
import { parseSource } from '../parse';
import type { Rule } from '../rules/types';
import { candidateRanges, scanContext, scanFilters } from './partial';
import type { ScanFilters } from './partial';
import type { Prefilter } from './prefilter';

/** Files larger than this are not parsed (generated register headers): reported, never silently dropped. */
export const MAX_SCAN_BYTES = 8 * 1024 * 1024;

/** One match: the rule (index into the scan's rules) and 1-based start and end positions. */
export interface ScanHit {
  rule: number;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

/** What happened to one file. */
export interface FileOutcome {
  file: string;
  /** `skipped`: no rule's words occur; `parsed`: parsed and matched; else why it was not read. */
  status: 'parsed' | 'skipped' | 'too-large' | 'unreadable' | 'not-utf8';
  hits: ScanHit[];
  /** Lines parsed: the whole file's, or those of the segments parsed (0 when not parsed). */
  lines: number;
  /**
   * Bytes the file left outside V8's heap: read past the prefilter (decoded, masked, perhaps
   * parsed), or read into a buffer of its own (a large file). The scan's collection budget counts
   * them (gc.ts); absent for a small file the prefilter stopped.
   */
  bytes?: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Scan the text of one file with the rules that pass the prefilter. */
export function scanText(
  text: string,
  file: string,
  rules: readonly Rule[],
  prefilter: Prefilter,
  candidates?: number[],
): FileOutcome {
  const which = candidates ?? prefilter.candidates(text);
  if (which.length === 0) return { file, status: 'skipped', hits: [], lines: 0 };
  const chosen = which.map((i) => rules[i]);
  // Only the segments of the file that hold some rule's words are parsed (partial.ts).
  let ranges: Array<{ start: number; end: number }> | undefined;
  let filters: ScanFilters | undefined;
  const src = parseSource(text, file, (masked) => {
    filters = scanFilters(masked, chosen);
    ranges = candidateRanges(masked, chosen, filters);
    return ranges;
  });
  if (ranges?.length === 0) return { file, status: 'skipped', hits: [], lines: 0 };
  const ctx = scanContext(src, chosen, filters);
  const hits: ScanHit[] = [];
  // matchRules leaves out the rules whose `files:` globs do not take this file: a result is told
  // by its rule, not by its place.
  const index = new Map(chosen.map((r, k) => [r, which[k]]));
  for (const r of matchRules(ctx, chosen).results) {
    const rule = index.get(r.rule) as number;
    for (const m of r.matches) {
      const a = src.lines.position(m.start);
      const b = src.lines.position(m.end);
      hits.push({ rule, line: a.line, col: a.col, endLine: b.line, endCol: b.col });
    }
  }
  hits.sort((x, y) => x.line - y.line || x.col - y.col || x.rule - y.rule);
  const parsedLines = ranges
    ? ranges.reduce((n, r) => n + src.lines.position(r.end).line - src.lines.position(r.start).line, 0)
    : src.lines.lineCount;
  return { file, status: 'parsed', hits, lines: parsedLines };
}

/** Files up to this size are read into the thread's buffer; a larger one gets a buffer of its own. */
const REUSED_READ_BYTES = 1024 * 1024;

/**
 * The read buffer of this thread: a new buffer per file is memory outside V8's heap that only a
 * collection frees (V8 collects for it only after some 64 MB per thread), so a file the prefilter
 * stops leaves nothing but strings in V8's heap, which V8 collects on its own.
 */
let readBuffer = Buffer.allocUnsafe(256 * 1024);

/**
 * The bytes of `file`, and whether they are in a buffer of their own (a file over
 * `REUSED_READ_BYTES`); otherwise a view of `readBuffer`, valid until the next call.
 */
function readWhole(file: string): { buf: Buffer; own: boolean } {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size >= REUSED_READ_BYTES) return { buf: fs.readFileSync(fd), own: true };
    if (size >= readBuffer.length) readBuffer = Buffer.allocUnsafe(Math.min(2 * size, REUSED_READ_BYTES));
    // Read until the end (the file may have grown since fstat).
    let n = 0;
    for (;;) {
      const got = fs.readSync(fd, readBuffer, n, readBuffer.length - n, null);
      if (got === 0) return { buf: readBuffer.subarray(0, n), own: false };
      n += got;
      if (n === readBuffer.length) {
        const rest = fs.readFileSync(fd);
        return { buf: Buffer.concat([readBuffer.subarray(0, n), rest]), own: true };
      }
    }
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Read and scan one file. The prefilter runs on the raw bytes read as Latin-1 (cheap); only files that pass are
 * decoded as UTF-8.
 */
export function scanFile(file: string, rules: readonly Rule[], prefilter: Prefilter): FileOutcome {
  let read: { buf: Buffer; own: boolean };
  try {
    read = readWhole(file);
  } catch {
    return { file, status: 'unreadable', hits: [], lines: 0 };
  }
  const { buf, own } = read;
  const bytes = buf.length;
  // A buffer of its own is freed by a collection only: the budget counts it.
  const stopped = own ? bytes : undefined;
  const which = prefilter.candidates(buf.toString('latin1'));
  if (which.length === 0) return { file, status: 'skipped', hits: [], lines: 0, bytes: stopped };
  if (buf.length > MAX_SCAN_BYTES) return { file, status: 'too-large', hits: [], lines: 0, bytes: stopped };
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    return { file, status: 'not-utf8', hits: [], lines: 0, bytes: stopped };
  }
  return { ...scanText(text, file, rules, prefilter, which), bytes };
}
