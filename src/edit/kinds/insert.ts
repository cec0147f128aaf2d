/**
 * `insert`: a template, a Xen-owned block, or only a reason comment, on its own lines before or
 * after the anchor (inline when the anchor does not own its lines).
 */
import type { Match } from '../../match';
import type { InsertRule } from '../../rules/types';
import { endsLine, indentAt, lineStart, nextLineStart, startsLine } from '../layout';
import { withSite } from '../reason';
import { indentAll, substitute } from '../template';
import { Slot } from '../types';
import { blockPlaceholder, Built, built, edit, group } from './common';

/** The insertion offset and whether it is at a line boundary. */
function position(rule: InsertRule, m: Match, text: string): { at: number; lines: boolean } {
  if (rule.select.type === 'file') return { at: m.start, lines: true };
  if (rule.where === 'before')
    return startsLine(text, m.start) ? { at: lineStart(text, m.start), lines: true } : { at: m.start, lines: false };
  return endsLine(text, m.end) ? { at: nextLineStart(text, m.end), lines: true } : { at: m.end, lines: false };
}

/** Build the edits of an insert rule. */
export function buildInsert(rule: InsertRule, matches: Match[], text: string): Built {
  const out = built();
  const slot = rule.where === 'before' ? Slot.Before : Slot.After;
  // Insertions into a Xen-owned block are applied to the block text (src/blocks/amend.ts).
  if (rule.intoBlock) return out;
  for (const [i, m] of matches.entries()) {
    const from = out.edits.length;
    build(m);
    group(out, from, i);
  }
  return out;

  function build(m: Match): void {
    const { at, lines } = position(rule, m, text);
    // Continuation lines of a block comment carry their own ` * ` prefix: text goes in as written there.
    const inComment = rule.select.type === 'comment-line' && !/^\s*\/[*/]/.test(text.slice(m.start, m.end));
    const indent = lines && rule.select.type !== 'file' && !inComment ? indentAt(text, m.start) : '';
    // At the end of a file without a final newline, start a new line first.
    const lead = lines && at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
    let body = '';
    if (rule.text !== undefined) {
      const b = substitute(rule.text, m.captures, text);
      body = lines ? `${indentAll(b, indent)}\n` : b;
    }
    // The reason goes above the inserted text (or block), or at the end of inserted lines.
    let e = withSite(edit(rule, at, at, lead + body, slot), 'above', indent, lead.length);
    if (rule.block !== undefined) {
      out.edits.push(e);
      out.edits.push(edit(rule, at, at, blockPlaceholder(rule.block), slot, rule.block));
      return;
    }
    if (body.endsWith('\n')) e = withSite(e, 'end-of-line', '', lead.length + body.length - 1);
    out.edits.push(e);
  }
}
