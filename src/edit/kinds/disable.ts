/**
 * `disable`: wrap whole lines in `#if 0 /* Xen: reason *\/ ... #endif`. The comment right above an
 * item goes in with it; items of one rule separated only by blank lines share one region. The
 * layouts of real Xen files: the reason on the `#if 0` line, above it, or as the region's first
 * line after a bare `#if 0` (`comment: inside`); an empty line after the opening (`opening-blank-line`).
 *
 * The module of the `disable` kind: its compiled rule type, its keys with their doc text and
 * defaults, its comment placements, tie rank, compile step and edit builder (registry: index.ts).
 */
import { diag } from '../../diagnostics';
import type { Match } from '../../match';
import { flag, key, text as textValue } from '../../match/selectors/value';
import { REASON_PREFIX } from '../rule';
import type { RuleBase } from '../rule';
import { kindModule } from './kind';
import { WITH_COMMENT_KEY } from './keys';
import { indentAt, lineStart, mergeBlankSeparated, wholeLines } from '../layout';
import { openingLine, reasonAbove } from '../reason';
import { Slot } from '../types';
import { Built, built, edit, group, startWithComments, where } from './common';

/** Wrap the selected items in `#if 0 ... #endif`; adjacent items of one rule share one region. */
export interface DisableRule extends RuleBase {
  kind: 'disable';
  /** Also wrap the comment directly above each item (default true for top-level items). */
  withComment: boolean;
  /** An empty line after the opening `#if 0` line (and after a reason placed `inside`). */
  openingBlankLine: boolean;
  /** What the placed reason starts with (`Xen: ` unless the rule says otherwise). */
  reasonPrefix: string;
}

const DISABLE_KEYS = {
  'with-comment': WITH_COMMENT_KEY,
  'opening-blank-line': key(
    flag(
      'disable: an empty line after the opening #if 0 line, and after the reason when it is placed inside (default false).',
    ),
    'an empty line after the `#if 0` line (after the reason, when it is placed `inside`)',
  ),
  'reason-prefix': key(
    textValue(
      'disable: the text the placed reason starts with (default "Xen: "); "" writes the reason as it is given, e.g. when the Xen file writes "XXX: ..." or a plain sentence. One line, without */.',
      {
        minLength: 0,
        pattern: '^(?:(?!\\*/)[^\\n])*$',
      },
    ),
    'what the placed reason starts with (`"Xen: "`); `""` writes the reason as given, for a Xen file that writes it otherwise',
    'one line without `*/`',
  ),
} as const;

/** Build the edits and regions of a disable rule. */
export function buildDisable(rule: DisableRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  const ranges: Array<{ start: number; end: number }> = [];
  for (const m of matches) {
    const start = rule.withComment && m.nodes.length ? startWithComments(m.nodes[0], text) : m.start;
    const w = wholeLines(text, start, m.end);
    if (!w) {
      out.diagnostics.push(
        diag('XP205', `#if 0 wraps whole lines; this match shares its lines with other code`, {
          location: where(file, text, m.start),
          ruleId: rule.id,
        }),
      );
      continue;
    }
    ranges.push(w);
  }
  const merged = mergeBlankSeparated(ranges, text);
  for (const [i, r] of merged.entries()) {
    const from = out.edits.length;
    const close = r.end === text.length && !text.endsWith('\n') ? '\n#endif\n' : '#endif\n';
    out.edits.push(
      openingLine(rule, r.start, '#if 0', Slot.RegionStart, indentAt(text, r.start), rule.openingBlankLine ? '\n' : ''),
    );
    out.edits.push(edit(rule, r.end, r.end, close, Slot.RegionEnd));
    out.regions.push({ start: r.start, end: r.end, ruleId: rule.id, order: rule.order });
    out.edits.push(reasonAbove(rule, lineStart(text, r.start), ''));
    group(out, from, i);
  }
  return out;
}

/** The `disable` kind. */
export const DISABLE = kindModule<'disable', DisableRule, typeof DISABLE_KEYS>({
  name: 'disable',
  doc: 'wrap dead code in `#if 0 ... #endif`',
  brief: 'wrap in #if 0',
  keys: DISABLE_KEYS,
  placements: ['if0', 'inside', 'above', 'none'],
  defaultComment: 'if0',
  defaults: { 'with-comment': true, 'opening-blank-line': false, 'reason-prefix': `"${REASON_PREFIX}"` },
  tieRank: 3,
  check: (raw) =>
    // A prefix of a reason that is not written would do nothing.
    raw['reason-prefix'] !== undefined && (raw.comment === 'none' || raw.reason === undefined)
      ? [
          {
            key: 'reason-prefix',
            message: `\`reason-prefix\` starts the placed reason; this rule places none (${raw.reason === undefined ? 'it has no `reason`' : '`comment: none`'})`,
          },
        ]
      : [],
  compile: (raw) => ({
    kind: 'disable',
    withComment: raw['with-comment'] ?? true,
    openingBlankLine: raw['opening-blank-line'] ?? false,
    reasonPrefix: raw['reason-prefix'] ?? REASON_PREFIX,
  }),
  build: buildDisable,
});
