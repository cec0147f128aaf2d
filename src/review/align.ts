/**
 * Side-by-side alignment of a Linux file and its port, from the port's provenance. The texts are
 * cut where an edit starts or ends at a line start on both sides; between two cuts lie either
 * unchanged lines (paired one to one) or the lines of one or more edits (paired row by row, the
 * shorter side padded). A block inserted above a changed line is therefore its own piece, and the
 * changed line still faces its Linux original.
 */
import type { AppliedEdit } from '../port';
import { countBelow } from '../sorted';

/** One row of the side-by-side view: a Linux line, a Xen line, or both (0 = none). */
export interface Row {
  l: number;
  r: number;
}

/** A run of rows: unchanged lines, or the lines of the edits `edits` (indices into the provenance). */
export type Piece = { type: 'kept'; rows: Row[] } | { type: 'changed'; rows: Row[]; edits: number[] };

/** Offsets of the line starts of a text (a final empty line after a newline is not a line). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0 && i + 1 < text.length; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return text === '' ? [] : starts;
}

const startsLine = (text: string, off: number): boolean =>
  off === 0 || off === text.length || text.charCodeAt(off - 1) === 10;

interface Cut {
  x: number;
  y: number;
  /** Edits walked before this cut. */
  k: number;
}

/** Align `input` and `output` (the port of `input` by `edits`, in provenance order). */
export function alignPort(input: string, output: string, edits: readonly AppliedEdit[]): Piece[] {
  const inStarts = lineStarts(input);
  const outStarts = lineStarts(output);
  const cuts: Cut[] = [{ x: 0, y: 0, k: 0 }];
  // Unchanged text [from, to) lies before edit k, shifted by `delta` in the output: cut at its first
  // and last line starts, so that the lines between are paired even when the edits around it end
  // or start mid-line.
  const unchanged = (from: number, to: number, delta: number, k: number): void => {
    const first = inStarts[countBelow(inStarts, from + 1)];
    if (first === undefined || first > to) return;
    cuts.push({ x: first, y: first + delta, k });
    const last = inStarts[countBelow(inStarts, to + 1) - 1];
    if (last > first) cuts.push({ x: last, y: last + delta, k });
  };
  let at = 0;
  edits.forEach((e, k) => {
    unchanged(at, e.input.start, e.output.start - e.input.start, k);
    if (startsLine(input, e.input.start) && startsLine(output, e.output.start))
      cuts.push({ x: e.input.start, y: e.output.start, k });
    if (startsLine(input, e.input.end) && startsLine(output, e.output.end))
      cuts.push({ x: e.input.end, y: e.output.end, k: k + 1 });
    at = e.input.end;
  });
  const last = edits[edits.length - 1];
  unchanged(at, input.length, last ? last.output.end - last.input.end : 0, edits.length);
  cuts.push({ x: input.length, y: output.length, k: edits.length });
  const pieces: Piece[] = [];
  for (let i = 1; i < cuts.length; i++) {
    const a = cuts[i - 1];
    const b = cuts[i];
    const l0 = countBelow(inStarts, a.x) + 1;
    const r0 = countBelow(outStarts, a.y) + 1;
    const n = countBelow(inStarts, b.x) + 1 - l0;
    const m = countBelow(outStarts, b.y) + 1 - r0;
    if (n === 0 && m === 0 && b.k === a.k) continue;
    const rows: Row[] = [];
    for (let j = 0; j < Math.max(n, m); j++) rows.push({ l: j < n ? l0 + j : 0, r: j < m ? r0 + j : 0 });
    if (b.k === a.k) {
      pieces.push({ type: 'kept', rows });
    } else {
      const ids = Array.from({ length: b.k - a.k }, (_, j) => a.k + j);
      // An empty edit (a rule that inserted nothing) leaves no rows; keep it with its neighbour.
      if (rows.length === 0 && pieces.length && pieces[pieces.length - 1].type === 'changed') {
        (pieces[pieces.length - 1] as { edits: number[] }).edits.push(...ids);
        continue;
      }
      pieces.push({ type: 'changed', rows, edits: ids });
    }
  }
  return merge(pieces);
}

/** Join adjacent kept pieces (cuts between unchanged text split them for nothing). */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    const last = out[out.length - 1];
    if (last && last.type === 'kept' && p.type === 'kept') last.rows.push(...p.rows);
    else out.push(p);
  }
  return out;
}
