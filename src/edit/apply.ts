/**
 * The one applier: edits, sorted and resolved by the passes (passes.ts), are laid out in a single
 * walk over the text. It gives the output and, for each edit, where its text landed in the output
 * (the port's provenance reads these). At one offset the order is the order of the edits: the text
 * replacing a range that ends there, the insertions there, then the text replacing a range that
 * starts there. The nesting pass uses it too, to apply edits inside the text a template copies.
 */
import type { Replacement } from '../parse';
import type { Edit } from './types';

/** A half-open range of the output. */
export interface Placed {
  start: number;
  end: number;
}

/** The output of applying edits, and where each edit's text is in it (`placed[i]` for `edits[i]`). */
export interface Applied {
  output: string;
  placed: Placed[];
}

/**
 * Apply `edits` (sorted, as the passes order them) to `text`, or to `text.slice(from, to)` when a
 * range is given; `blockText` gives each block's content (its placeholder is kept when it returns
 * undefined). An edit that starts inside text an earlier edit replaced is left out (placed at an
 * empty range): the passes leave none, a nested rewrite may (nest.ts).
 */
export function applyEdits(
  text: string,
  edits: readonly Edit[],
  blockText: (name: string) => string | undefined,
  from = 0,
  to = text.length,
): Applied {
  const parts: string[] = [];
  const placed: Placed[] = [];
  let at = from;
  let size = 0;
  for (const e of edits) {
    if (e.start < at) {
      placed.push({ start: size, end: size });
      continue;
    }
    const kept = text.slice(at, e.start);
    const put = e.block !== undefined ? (blockText(e.block) ?? e.text) : e.text;
    parts.push(kept, put);
    size += kept.length;
    placed.push({ start: size, end: size + put.length });
    size += put.length;
    at = e.end;
  }
  parts.push(text.slice(at, to));
  return { output: parts.join(''), placed };
}

/**
 * The replacements `applyEdits(text, edits, ...)` made, in order, from its `placed`: the edits it
 * left out (starting inside text an earlier edit replaced) are not listed. Between two of them, and
 * before the first and after the last, input and output hold the same text.
 */
export function replacements(edits: readonly Edit[], placed: readonly Placed[]): Replacement[] {
  const out: Replacement[] = [];
  let at = 0;
  edits.forEach((e, i) => {
    if (e.start < at) return;
    out.push({ start: e.start, end: e.end, outStart: placed[i].start, outEnd: placed[i].end });
    at = e.end;
  });
  return out;
}
