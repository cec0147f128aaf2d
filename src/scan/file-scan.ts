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
   * Bytes of a file read past the prefilter (decoded, masked, perhaps parsed: native memory the
   * scan's collection budget counts, gc.ts), or of a file too large for the thread's read buffer;
   * absent for a small file the prefilter stopped (it left only small strings in V8's heap).
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

/**
 * The thread's read buffer, allocated once and never freed: a file up to its size is read whole
 * into it, a larger one in pieces of its size. No file's bytes are ever in a buffer (or a string
 * outside V8's heap) of their own: freeing a block that large is what makes glibc raise its mmap
 * threshold (to the block's size, up to 32 MB) and its trim threshold (twice that) for the rest
 * of the process, after which every thread's malloc arena keeps that much freed memory (a 24 MB
 * register header read whole added some 50 MB to a drivers/ scan's peak). 256 KB keeps each
 * piece's string below the size at which Node makes an external string (about 1 MB).
 */
export const READ_PIECE = 256 * 1024;
let readBuffer: Buffer | undefined;

/**
 * Read `fd` from the start: its text as Latin-1 (a string in V8's heap) and its size; `whole` is
 * the bytes when the file fits in the thread buffer (a view of it, valid until the next read).
 */
function readLatin1(fd: number): { latin1: string; size: number; whole?: Buffer } {
  const buf = (readBuffer ??= Buffer.allocUnsafeSlow(READ_PIECE));
  let n = 0;
  // Read until the end (the file may have grown since it was listed) or until the buffer is full.
  for (;;) {
    const got = fs.readSync(fd, buf, n, buf.length - n, null);
    if (got === 0) {
      const whole = buf.subarray(0, n);
      return { latin1: whole.toString('latin1'), size: n, whole };
    }
    n += got;
    if (n === buf.length) break;
  }
  let latin1 = buf.toString('latin1');
  for (let got = fs.readSync(fd, buf, 0, buf.length, null); got > 0; got = fs.readSync(fd, buf, 0, buf.length, null)) {
    latin1 += buf.toString('latin1', 0, got);
    n += got;
  }
  return { latin1, size: n };
}

/** Read `fd` again from the start, decoded as UTF-8 piece by piece (throws on a malformed byte). */
function readUtf8(fd: number): string {
  const buf = (readBuffer ??= Buffer.allocUnsafeSlow(READ_PIECE));
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let text = '';
  let at = 0;
  for (let got = fs.readSync(fd, buf, 0, buf.length, at); got > 0; got = fs.readSync(fd, buf, 0, buf.length, at)) {
    text += decoder.decode(buf.subarray(0, got), { stream: true });
    at += got;
  }
  return text + decoder.decode();
}

/**
 * Read and scan one file. The prefilter runs on the raw bytes read as Latin-1 (cheap); only files that pass are
 * decoded as UTF-8.
 */
export function scanFile(file: string, rules: readonly Rule[], prefilter: Prefilter): FileOutcome {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return { file, status: 'unreadable', hits: [], lines: 0 };
  }
  try {
    let read: ReturnType<typeof readLatin1>;
    try {
      read = readLatin1(fd);
    } catch {
      return { file, status: 'unreadable', hits: [], lines: 0 };
    }
    // A file read in pieces is a string as large as the file in V8's heap, which V8 may keep
    // until its next full collection: the budget counts it.
    const stopped = read.whole ? undefined : read.size;
    const which = prefilter.candidates(read.latin1);
    if (which.length === 0) return { file, status: 'skipped', hits: [], lines: 0, bytes: stopped };
    if (read.size > MAX_SCAN_BYTES) return { file, status: 'too-large', hits: [], lines: 0, bytes: stopped };
    let text: string;
    try {
      text = read.whole ? utf8.decode(read.whole) : readUtf8(fd);
    } catch {
      return { file, status: 'not-utf8', hits: [], lines: 0, bytes: stopped };
    }
    return { ...scanText(text, file, rules, prefilter, which), bytes: read.size };
  } finally {
    fs.closeSync(fd);
  }
}
