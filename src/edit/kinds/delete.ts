/**
 * `delete`: whole lines when the match covers whole lines (with one doubled blank line collapsed
 * unless `blank-lines: keep`), the exact range otherwise. A reason above replaces the deleted lines.
 */
import type { Match } from '../../match';
import type { DeleteRule } from '../../rules/types';
import { blankLineAt, indentAt, lineText, nextLineStart, prevLineStart, wholeLines } from '../layout';
import { renderReason } from '../template';
import { Slot } from '../types';
import { Built, built, edit } from './common';

/** Merge ranges that overlap or touch. */
function mergeRanges(rs: Array<{ start: number; end: number }>): Array<{ start: number; end: number }> {
  const sorted = [...rs].sort((a, b) => a.start - b.start);
  const out: Array<{ start: number; end: number }> = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ ...r });
  }
  return out;
}

/** Grow a whole-line deletion so it does not leave two blank lines, or a blank line before `}`. */
function collapse(text: string, r: { start: number; end: number }): { start: number; end: number } {
  const prev = prevLineStart(text, r.start);
  const prevBlank = prev >= 0 && blankLineAt(text, prev);
  if (!prevBlank) return r;
  if (blankLineAt(text, r.end)) return { start: r.start, end: nextLineStart(text, r.end) };
  if (r.end >= text.length || /^\s*\}/.test(lineText(text, r.end))) return { start: prev, end: r.end };
  return r;
}

/** Build the edits of a delete rule. */
export function buildDelete(rule: DeleteRule, matches: Match[], text: string): Built {
  const out = built();
  const lines: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    const w = wholeLines(text, m.start, m.end);
    if (w) lines.push(w);
    else out.edits.push(edit(rule, m.start, m.end, '', Slot.After));
  }
  for (const r of mergeRanges(lines)) {
    const range = rule.blankLines === 'collapse' ? collapse(text, r) : r;
    let replacement = '';
    if (rule.reason && rule.comment === 'above') {
      const indent = indentAt(text, r.start);
      replacement = `${indent}${renderReason(rule.reason, rule.commentStyle, indent)}\n`;
    }
    out.edits.push(edit(rule, range.start, range.end, replacement, Slot.After));
  }
  return out;
}
