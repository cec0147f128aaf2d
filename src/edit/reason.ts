/**
 * The one place the `/* Xen: reason *\/` comment of a rule is rendered and placed. A kind's builder
 * says where its change can carry the reason (the sites below); this module decides, from the
 * rule's `comment` placement and `comment-style`, what text goes there. Which placements each kind
 * accepts is declared in src/rules/language/kinds.ts; every accepted kind x placement works
 * (test/edit/placements.test.ts).
 * - `above`: a line of its own before a given offset, with a given indentation (`reasonLine`,
 *   `reasonAbove`), or before the statement holding a match (`reasonAtMatch`);
 * - `if0`: at the end of a region's opening line, `#if 0` or `#ifdef X` (`openingLine`);
 * - `end-of-line`: at the end of the changed line or of the inserted text (`lineEndReason`, `reasonAtMatch`);
 * - `in-comment`: a ` * Xen: ...` line at the end of the comment right above the statement holding a match
 * (`reasonAtMatch`).
 */
import { Diagnostic, diag } from '../diagnostics';
import type { FNode, Match } from '../match';
import type { CommentStyle, Rule } from '../rules/types';
import { commentAbove, edit, holdingStatement, where } from './kinds/common';
import { indentAt, lineEnd, lineStart, startsLine } from './layout';
import { Edit, Slot } from './types';

/**
 * Render a reason as a C comment whose first line starts where the caller puts it and whose other
 * lines start with `indent`. One line: `/* Xen: r *\/`. Several: kernel `block` style or `compact`.
 */
export function renderReason(reason: string, style: CommentStyle, indent: string): string {
  const lines = reason.replace(/\s+$/, '').split('\n');
  if (lines.length === 1) return `/* Xen: ${lines[0]} */`;
  const star = (l: string): string => (l === '' ? `${indent} *` : `${indent} * ${l}`);
  if (style === 'compact') {
    return [`/* Xen: ${lines[0]}`, ...lines.slice(1).map(star), `${indent} */`].join('\n');
  }
  return ['/*', star(`Xen: ${lines[0]}`), ...lines.slice(1).map(star), `${indent} */`].join('\n');
}

/** True when the rule places its reason at `placement`. */
function places(rule: Rule, placement: Rule['comment']): rule is Rule & { reason: string } {
  return rule.reason !== undefined && rule.comment === placement;
}

/** `above`: the reason's own line(s), indented by `indent`, newline included; '' when placed elsewhere. */
export function reasonLine(rule: Rule, indent: string): string {
  return places(rule, 'above') ? `${indent}${renderReason(rule.reason, rule.commentStyle, indent)}\n` : '';
}

/** `above`: an edit putting the reason's line(s) before offset `at` (a line start), or none. */
export function reasonAbove(rule: Rule, at: number, indent: string, slot: Slot = Slot.Before): Edit[] {
  const line = reasonLine(rule, indent);
  return line ? [edit(rule, at, at, line, slot)] : [];
}

/** `if0`: a region's opening line (`#if 0`, `#ifdef X`) with the reason at its end, newline included. */
export function openingLine(rule: Rule, open: string): string {
  return places(rule, 'if0') ? `${open} ${renderReason(rule.reason, rule.commentStyle, ' '.repeat(open.length + 1))}\n` : `${open}\n`;
}

/** `end-of-line`: the text that ends a changed or inserted line with the reason (one line), or ''. */
export function lineEndReason(rule: Rule): string {
  return places(rule, 'end-of-line') ? ` ${renderReason(rule.reason, 'block', '')}` : '';
}

/**
 * The reason of a change at match `m`, placed relative to the statement that holds it: `above`
 * that statement (with its indentation), at the end of the match's line, or `in-comment`.
 */
export function reasonAtMatch(rule: Rule, m: Match, text: string, file: string): { edits: Edit[]; diagnostics: Diagnostic[] } {
  const out = { edits: [] as Edit[], diagnostics: [] as Diagnostic[] };
  if (!rule.reason) return out;
  if (rule.comment === 'end-of-line') {
    const at = lineEnd(text, m.end);
    out.edits.push(edit(rule, at, at, lineEndReason(rule), Slot.After));
    return out;
  }
  if (rule.comment === 'above') {
    const stmt = holdingStatement(m, text);
    const anchor = stmt ? stmt.start : m.start;
    out.edits.push(...reasonAbove(rule, lineStart(text, anchor), indentAt(text, anchor)));
    return out;
  }
  if (rule.comment !== 'in-comment') return out;
  // A new ` * Xen: ...` line at the end of the comment right above the holding statement.
  for (let n: FNode | null = m.nodes[0] ?? null; n; n = n.parent) {
    if (!startsLine(text, n.start)) continue;
    const c = commentAbove(n, text);
    if (!c) continue;
    const close = text.lastIndexOf('*/', c.end);
    if (!text.startsWith('/*', c.start) || !startsLine(text, close)) break;
    const prefix = text.slice(lineStart(text, close), close);
    const lines = rule.reason.replace(/\s+$/, '').split('\n');
    const body = lines.map((l, i) => `${prefix}* ${i === 0 ? 'Xen: ' : ''}${l}`.replace(/\s+$/, '')).join('\n');
    const at = lineStart(text, close);
    out.edits.push(edit(rule, at, at, `${body}\n`, Slot.Before));
    return out;
  }
  out.diagnostics.push(
    diag('XP205', `comment: in-comment needs a multi-line /* */ comment right above the changed statement`, {
      location: where(file, text, m.start),
      ruleId: rule.id,
    }),
  );
  return out;
}
