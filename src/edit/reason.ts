/**
 * The one place the `/* Xen: reason *\/` comment of a rule is rendered and placed, in two halves.
 * A kind's builder says where its change can carry the reason: it marks sites on its planned edits
 * (`ReasonSite`: an index in the edit's text, a placement, an indentation) with the helpers below.
 * The reason pass (`placeReasons`, step 2 of passes.ts) then writes, from the rule's `comment`
 * placement, `comment-style` and `reason-prefix`, the reason at the sites of that placement and
 * nothing at the others, and drops the edits that only stood for a reason not placed there. Which
 * placements each kind accepts is declared by its module (src/edit/kinds/<kind>.ts); every accepted
 * kind x placement works (test/edit/placements.test.ts).
 * - `above`: line(s) of their own before a given offset (`reasonAbove`, `withLines`), or before
 *   the statement holding a match (`reasonAtMatch`);
 * - `if0`: at the end of a region's opening line, `#if 0` or `#ifdef X` (`openingLine`);
 * - `inside`: line(s) of their own right after a bare `#if 0` line, inside the region (`openingLine`);
 * - `end-of-line`: at the end of the changed line or of the inserted text (`reasonAtMatch`, `withSite`);
 * - `in-comment`: a ` * Xen: ...` line at the end of the comment right above the statement holding
 *   a match (`reasonAtMatch`).
 * The reason starts with `Xen: ` unless the rule gives another `reason-prefix` (`disable` rules).
 */
import { Diagnostic, diag } from '../diagnostics';
import type { FNode, Match } from '../match';
import { REASON_PREFIX } from './rule';
import type { CommentPlacement, CommentStyle } from './rule';
import type { Rule } from './kinds';
import { commentAbove, edit, holdingStatement, where } from './kinds/common';
import { indentAt, lineEnd, lineStart, startsLine } from './layout';
import { PlannedEdit, ReasonSite, Slot, withChanges } from './types';

/**
 * Render a reason as a C comment whose first line starts where the caller puts it and whose other
 * lines start with `indent`. One line: `/* Xen: r *\/`. Several: kernel `block` style or `compact`.
 */
export function renderReason(
  reason: string,
  style: CommentStyle,
  indent: string,
  prefix: string = REASON_PREFIX,
): string {
  const lines = reason.replace(/\s+$/, '').split('\n');
  if (lines.length === 1) return `/* ${prefix}${lines[0]} */`;
  const star = (l: string): string => (l === '' ? `${indent} *` : `${indent} * ${l}`);
  if (style === 'compact') {
    return [`/* ${prefix}${lines[0]}`, ...lines.slice(1).map(star), `${indent} */`].join('\n');
  }
  return ['/*', star(`${prefix}${lines[0]}`), ...lines.slice(1).map(star), `${indent} */`].join('\n');
}

/** What the rule's placed reason starts with: its `reason-prefix`, or `Xen: `. */
function prefixOf(rule: Rule): string {
  return 'reasonPrefix' in rule ? rule.reasonPrefix : REASON_PREFIX;
}

/** True when the rule places its reason at `placement`. */
export function placesReason(rule: Rule, placement: CommentPlacement): rule is Rule & { reason: string } {
  return rule.reason !== undefined && rule.comment === placement;
}

/** The text of the rule's reason at a site of its placement. */
function rendered(rule: Rule & { reason: string }, site: ReasonSite): string {
  switch (site.placement) {
    case 'above':
    case 'inside':
      return `${site.indent}${renderReason(rule.reason, rule.commentStyle, site.indent, prefixOf(rule))}\n`;
    case 'if0':
      return ` ${renderReason(rule.reason, rule.commentStyle, site.indent, prefixOf(rule))}`;
    case 'end-of-line':
      return ` ${renderReason(rule.reason, 'block', '', prefixOf(rule))}`;
    case 'in-comment': {
      // `indent` is what starts the comment's closing line (` ` or `\t `).
      const lines = rule.reason.replace(/\s+$/, '').split('\n');
      return `${lines.map((l, i) => `${site.indent}* ${i === 0 ? prefixOf(rule) : ''}${l}`.replace(/\s+$/, '')).join('\n')}\n`;
    }
    case 'none':
      return '';
  }
}

/** `e` with one more reason site, at index `at` of its text (default: the start). */
export function withSite(e: PlannedEdit, placement: CommentPlacement, indent: string, at = 0): PlannedEdit {
  return withChanges(e, { reasons: [...(e.reasons ?? []), { at, placement, indent }] });
}

/** An edit of `rule` that is only a reason site: own line(s) indented by `indent` before offset `at`. */
export function reasonAbove(rule: Rule, at: number, indent: string, slot: Slot = Slot.Before): PlannedEdit {
  return withSite(edit(rule, at, at, '', slot), 'above', indent);
}

/**
 * A region's opening line (`#if 0`, `#ifdef X`) with its `if0` site, and its `inside` site under it (indented by
 * `inside`).
 */
export function openingLine(
  rule: Rule,
  at: number,
  open: string,
  slot: Slot,
  inside?: string,
  after = '',
): PlannedEdit {
  const e = withSite(edit(rule, at, at, `${open}\n${after}`, slot), 'if0', ' '.repeat(open.length + 1), open.length);
  return inside === undefined ? e : withSite(e, 'inside', inside, open.length + 1);
}

/**
 * The reason site of a change at match `m` at the rule's placement, relative to the statement that
 * holds it: `above` that statement (with its indentation), at the end of the match's line, or
 * `in-comment` (a rule placing its reason there without such a comment gets XP205); none for the
 * other placements. `above: false` leaves out the site above, for a change that carries it itself
 * (a braced replacement).
 */
export function reasonAtMatch(
  rule: Rule,
  m: Match,
  text: string,
  file: string,
  above = true,
): { edits: PlannedEdit[]; diagnostics: Diagnostic[] } {
  const out = { edits: [] as PlannedEdit[], diagnostics: [] as Diagnostic[] };
  // Sites of other placements would be empty insertions the reason pass drops: a port of many
  // matches spent much of its edit stage making and dropping them.
  if (!rule.reason) return out;
  if (rule.comment === 'end-of-line') {
    const eol = lineEnd(text, m.end);
    out.edits.push(withSite(edit(rule, eol, eol, '', Slot.After), 'end-of-line', ''));
  }
  if (above && rule.comment === 'above') {
    const stmt = holdingStatement(m, text);
    const anchor = stmt ? stmt.start : m.start;
    out.edits.push(reasonAbove(rule, lineStart(text, anchor), indentAt(text, anchor)));
  }
  if (rule.comment !== 'in-comment') return out;
  // A new ` * Xen: ...` line at the end of the comment right above the holding statement.
  for (let n: FNode | null = m.nodes[0] ?? null; n; n = n.parent) {
    if (!startsLine(text, n.start)) continue;
    const c = commentAbove(n, text);
    if (!c) continue;
    const close = text.lastIndexOf('*/', c.end);
    if (!text.startsWith('/*', c.start) || !startsLine(text, close)) break;
    const at = lineStart(text, close);
    out.edits.push(withSite(edit(rule, at, at, '', Slot.Before), 'in-comment', text.slice(at, close)));
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

/** A copy of `e` without its reason sites, with `text` (copied key by key: see `withChanges`). */
function placed(e: PlannedEdit, text: string): PlannedEdit {
  const out: Record<string, unknown> = {};
  for (const k in e) if (k !== 'reasons') out[k] = e[k as keyof PlannedEdit];
  out.text = text;
  return out as unknown as PlannedEdit;
}

/**
 * The reason pass: each planned edit with reason sites gets its rule's reason written at the sites
 * of the rule's placement (nothing at the others); an insertion left empty is dropped.
 */
export function placeReasons(edits: readonly PlannedEdit[], rules: ReadonlyMap<string, Rule>): PlannedEdit[] {
  const out: PlannedEdit[] = [];
  for (const e of edits) {
    if (!e.reasons) {
      out.push(e);
      continue;
    }
    const rule = rules.get(e.ruleId);
    let text = e.text;
    // From the last site back, so the indexes of the earlier ones stay valid.
    for (const s of [...e.reasons].sort((a, b) => b.at - a.at)) {
      if (rule && placesReason(rule, s.placement)) text = text.slice(0, s.at) + rendered(rule, s) + text.slice(s.at);
    }
    if (e.start === e.end && text === '') continue;
    out.push(placed(e, text));
  }
  return out;
}
