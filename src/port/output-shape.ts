/**
 * The masked and shaped texts of a port's new output, made from those of the last output of the
 * same file by shaping again only the top-level items around the one change between the two
 * outputs (`xenport watch` after a rule edit: src/port/parse-memo.ts). Whole-file shaping reads
 * the text around a macro use (the code map, the brace depth, the code before and after it), so
 * the region shaped again is the changed items with an unchanged item of code on each side, and
 * the shortcut is taken only when the text outside the region reads as before: the region starts
 * and ends where the code map's state is that of a line start outside any directive, comment or
 * literal, its braces leave the depth as they found it in both outputs, and the new output's
 * items still end where the region ends (src/scan/segments.ts). Inside the region the shaped text
 * is `shapeSpans`' (whole-file shaping inside a run of items) and the masked text `quickMask`'s;
 * outside, the last output's. Otherwise undefined: the caller shapes the whole output.
 * test/port/output-shape.test.ts compares the result with whole-file shaping on random edits of
 * the corpus files.
 */
import { codeMap, CODE } from '../parse/code-map';
import { isSpace } from '../parse/shape-text';
import { quickMask } from '../parse/quick-mask';
import { shapeSpans } from '../parse/shape';
import type { MacroHints, ShapedText } from '../parse';
import type { Replacement } from '../parse/incremental';
import { itemSegments } from '../scan/segments';
import type { Segment } from '../scan/segments';
import { countStartsBelow } from '../sorted';

/** What is kept of the last output to shape the next one from: its texts, code map and items. */
export interface ShapedOutput extends ShapedText {
  text: string;
  /** The code map of `text` (src/parse/code-map.ts). */
  kind: Uint8Array;
  /** The segments of `masked` (src/scan/segments.ts), or undefined when it does not fit their model. */
  segments: Segment[] | undefined;
}

/** The texts of `last` kept for `reshapeOutput` (its code map and segments read once, off the critical path). */
export function shapedOutput(text: string, shaped: ShapedText): ShapedOutput {
  return { text, ...shaped, kind: codeMap(text), segments: itemSegments(shaped.masked) };
}

/**
 * `shapeMacros(next, hints)` where `next` is `last.text` with `change` applied, from `last`
 * (shaped with the same hints), or undefined when the change may reach past the items it is in.
 */
export function reshapeOutput(
  last: ShapedOutput,
  next: string,
  change: Replacement,
  hints: MacroHints,
): ShapedText | undefined {
  const segs = last.segments;
  if (!segs?.length) return undefined;
  const delta = change.outEnd - change.outStart - (change.end - change.start);
  // The segments holding the change's first and last characters, widened by one segment holding code on each side.
  let i = segmentAt(segs, change.start);
  let j = Math.max(i, segmentAt(segs, Math.max(change.start, change.end - 1)));
  do i--;
  while (i > 0 && !hasCode(last, segs[i]));
  do j++;
  while (j < segs.length - 1 && !hasCode(last, segs[j]));
  i = Math.max(0, i);
  j = Math.min(segs.length - 1, j);
  const a = segs[i].start;
  const b = segs[j].end;
  const b2 = b + delta;
  if (a > change.start || b < change.end || b2 > next.length) return undefined;
  const region = next.slice(a, b2);
  const kindRegion = codeMap(region);
  // Clean ends: a line start after a newline that is code (not in a directive, comment or literal).
  if (a > 0 && !cleanLineEnd(last.text, last.kind, a - 1)) return undefined;
  if (b < last.text.length && !cleanLineEnd(last.text, last.kind, b - 1)) return undefined;
  if (b2 < next.length && !cleanLineEnd(region, kindRegion, region.length - 1)) return undefined;
  const was = braces(last.text, last.kind, a, b);
  const now = braces(region, kindRegion, 0, region.length);
  if (!was || !now || was.net !== now.net) return undefined;
  const maskedRegion = quickMask(region, hints, kindRegion);
  if (maskedRegion === undefined) return undefined;
  // The new output's items still end where the region ends: a segment of it (with the next item) starts there.
  const after = j + 1 < segs.length ? segs[j + 1].end - segs[j + 1].start : 0;
  const around = itemSegments(maskedRegion + last.masked.slice(b, b + after));
  if (!around || (after > 0 && !around.some((s) => s.start === region.length))) return undefined;
  if (after === 0 && b2 !== next.length) return undefined;
  const kind = new Uint8Array(next.length);
  kind.set(last.kind.subarray(0, a));
  kind.set(kindRegion, a);
  kind.set(last.kind.subarray(b), b2);
  const masked = last.masked.slice(0, a) + maskedRegion + last.masked.slice(b);
  const shapedRegion = shapeSpans(next, masked, [{ start: a, end: b2 }], hints, kind).slice(a, b2);
  return { masked, shaped: last.shaped.slice(0, a) + shapedRegion + last.shaped.slice(b) };
}

/** The index of the segment holding offset `at` (the last one for the text's end). */
function segmentAt(segs: readonly Segment[], at: number): number {
  return Math.max(countStartsBelow(segs, at + 1) - 1, 0);
}

/** Whether a segment holds code other than blanks (not only comments or a directive). */
function hasCode(o: ShapedOutput, s: Segment): boolean {
  if (s.cond) return false;
  for (let k = s.start; k < s.end; k++) {
    if (o.kind[k] === CODE && !isSpace(o.text.charCodeAt(k))) return true;
  }
  return false;
}

/** Whether `text[at]` is a newline that is code: the next line starts outside any directive, comment or literal. */
function cleanLineEnd(text: string, kind: Uint8Array, at: number): boolean {
  return text.charCodeAt(at) === 10 && kind[at] === CODE;
}

/**
 * The net count of the code braces of `text[from, to)` (what shaping's brace depth counts), or
 * undefined when it goes below its start (shaping's depth stops at 0 there, so the depth after
 * would depend on the depth before).
 */
function braces(text: string, kind: Uint8Array, from: number, to: number): { net: number } | undefined {
  let d = 0;
  for (let k = text.indexOf('{', from), m = text.indexOf('}', from); ;) {
    const open = k >= 0 && k < to ? k : to;
    const close = m >= 0 && m < to ? m : to;
    if (open === to && close === to) return { net: d };
    if (open < close) {
      if (kind[open] === CODE) d++;
      k = text.indexOf('{', open + 1);
    } else {
      if (kind[close] === CODE && --d < 0) return undefined;
      m = text.indexOf('}', close + 1);
    }
  }
}
