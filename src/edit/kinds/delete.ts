/**
 * `delete`: whole lines when the match covers whole lines (marked for blank-line tidying unless
 * `blank-lines: keep`), the exact range otherwise. A reason above replaces the deleted lines.
 */
import type { Match } from '../../match';
import type { DeleteRule } from '../../rules/types';
import { indentAt, mergeBlankSeparated, wholeLines } from '../layout';
import { renderReason } from '../template';
import { Slot } from '../types';
import { Built, built, edit, startWithComments } from './common';

/** Build the edits of a delete rule. */
export function buildDelete(rule: DeleteRule, matches: Match[], text: string): Built {
  const out = built();
  const lines: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    const start = rule.withComment && m.nodes.length ? startWithComments(m.nodes[0], text) : m.start;
    // A struct/enum/union specifier at file level ends before its `;` token: delete that too.
    const n = m.nodes.length === 1 ? m.nodes[0] : undefined;
    const semi = n && /_specifier$/.test(n.type) ? n.parent?.children[n.index + 1] : undefined;
    const end = semi?.type === ';' ? semi.end : m.end;
    const w = wholeLines(text, start, end);
    if (w) lines.push(w);
    else out.edits.push({ ...edit(rule, m.start, m.end, '', Slot.After), drops: true });
  }
  // Items of one rule separated only by blank lines go as one deletion (no run of blank lines left).
  for (const r of mergeBlankSeparated(lines, text)) {
    let replacement = '';
    if (rule.reason && rule.comment === 'above') {
      const indent = indentAt(text, r.start);
      replacement = `${indent}${renderReason(rule.reason, rule.commentStyle, indent)}\n`;
    }
    const e: ReturnType<typeof edit> = { ...edit(rule, r.start, r.end, replacement, Slot.After), drops: true };
    // Blank lines are tidied over all rules' touching deletions at once (edit/blank-lines.ts).
    if (rule.blankLines === 'collapse' && replacement === '') e.collapse = true;
    out.edits.push(e);
  }
  return out;
}
