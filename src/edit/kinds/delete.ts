/**
 * `delete`: whole lines when the match covers whole lines (marked for blank-line tidying unless
 * `blank-lines: keep`), the exact range otherwise. A reason above replaces the deleted lines, or goes
 * above the statement holding a deletion inside a line.
 *
 * The module of the `delete` kind: its compiled rule type, its keys with their doc text and
 * defaults, its comment placements, tie rank, compile step and edit builder (registry: index.ts).
 */
import type { Match } from '../../match';
import { choice, key } from '../../match/selectors/value';
import type { RuleBase } from '../rule';
import { kindModule } from './kind';
import { WITH_COMMENT_KEY } from './keys';
import { indentAt, mergeBlankSeparated, wholeLines } from '../layout';
import { placesReason, reasonAtMatch, withSite } from '../reason';
import { Slot } from '../types';
import { Built, built, edit, group, startWithComments } from './common';

/** Delete the selected text (whole lines when it covers whole lines). */
export interface DeleteRule extends RuleBase {
  kind: 'delete';
  /** `collapse` removes one blank line left doubled by the deletion; `keep` leaves blank lines alone. */
  blankLines: 'collapse' | 'keep';
  /** Also delete the comment directly above each item (default false). */
  withComment: boolean;
}

const DELETE_KEYS = {
  'blank-lines': key(
    choice(
      'delete: collapse (default) removes one blank line left doubled by the deletion; keep leaves blank lines alone.',
      ['collapse', 'keep'],
    ),
    '`collapse` (default) or `keep` the blank lines a deletion leaves',
  ),
  'with-comment': WITH_COMMENT_KEY,
} as const;

/** Build the edits of a delete rule. */
export function buildDelete(rule: DeleteRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  const lines: Array<{ start: number; end: number }> = [];
  for (const [i, m] of matches.entries()) {
    const start = rule.withComment && m.nodes.length ? startWithComments(m.nodes[0], text) : m.start;
    // A struct/enum/union specifier at file level ends before its `;` token: delete that too.
    const n = m.nodes.length === 1 ? m.nodes[0] : undefined;
    const semi = n && /_specifier$/.test(n.type) ? n.parent?.children[n.index + 1] : undefined;
    const end = semi?.type === ';' ? semi.end : m.end;
    const w = wholeLines(text, start, end);
    if (w) {
      lines.push(w);
      continue;
    }
    // Part of a line: the reason goes where it goes for a replacement (above the holding statement).
    const from = out.edits.length;
    out.edits.push(Object.assign(edit(rule, m.start, m.end, '', Slot.After), { drops: true }));
    const r = reasonAtMatch(rule, m, text, file);
    out.edits.push(...r.edits);
    out.diagnostics.push(...r.diagnostics);
    group(out, from, i);
  }
  // Items of one rule separated only by blank lines go as one deletion (no run of blank lines left).
  for (const [i, r] of mergeBlankSeparated(lines, text).entries()) {
    // The reason, placed above, takes the place of the deleted lines.
    const del = Object.assign(edit(rule, r.start, r.end, '', Slot.After), { drops: true });
    const e = withSite(del, 'above', indentAt(text, r.start));
    // Blank lines are tidied over all rules' touching deletions at once (edit/blank-lines.ts).
    if (rule.blankLines === 'collapse' && !placesReason(rule, 'above')) e.collapse = true;
    e.group = matches.length + i;
    out.edits.push(e);
  }
  return out;
}

/** The `delete` kind. */
export const DELETE = kindModule<'delete', DeleteRule, typeof DELETE_KEYS>({
  name: 'delete',
  doc: 'remove code (whole lines when the match covers whole lines)',
  keys: DELETE_KEYS,
  placements: ['above', 'none'],
  defaultComment: 'above',
  defaults: { 'blank-lines': 'collapse', 'with-comment': false },
  tieRank: 4,
  compile: (raw) => ({
    kind: 'delete',
    blankLines: raw['blank-lines'] ?? 'collapse',
    withComment: raw['with-comment'] ?? false,
  }),
  build: buildDelete,
});
