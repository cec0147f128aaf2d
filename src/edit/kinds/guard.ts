/**
 * `guard`: wrap the selected items in `#ifdef CONFIG_X ... #endif /* CONFIG_X *\/`, one region per
 * rule from the first match to the last, with optional `#else` stubs (a Xen-owned block or a short
 * template). Unlike `#if 0`, guarded code stays live: other rules still edit it. The reason goes
 * above the `#ifdef` line or on it (`comment: above` or `if0`).
 *
 * The module of the `guard` kind: its compiled rule type, its keys with their doc text and
 * defaults, its comment placements, tie rank, compile step and edit builder (registry: index.ts).
 */
import { diag } from '../../diagnostics';
import type { Match } from '../../match';
import { BLOCK_NAME, flag, key, text as textValue } from '../../match/selectors/value';
import type { RuleBase } from '../rule';
import { keysIn, kindModule, optional } from './kind';
import { WITH_COMMENT_KEY } from './keys';
import { wholeLines } from '../layout';
import { openingLine, reasonAbove } from '../reason';
import { substitute } from '../template';
import { Slot } from '../types';
import { blockPlaceholder, Built, built, edit, startWithComments, where } from './common';

/**
 * Wrap the selected items in `#ifdef <condition> ... #endif`, from the first match to the last (one
 * region per rule), with optional `#else` stubs from a block or template.
 */
export interface GuardRule extends RuleBase {
  kind: 'guard';
  condition: string;
  /** Also take the comment directly above the first item (default true). */
  withComment: boolean;
  elseBlock?: string;
  elseText?: string;
  /** `#endif /* CONDITION *\/` (default) or a bare `#endif`. */
  endComment: boolean;
}

const GUARD_KEYS = {
  'with-comment': WITH_COMMENT_KEY,
  condition: key(
    textValue('guard: the configuration macro of the #ifdef line (CONFIG_MSI).', {
      minLength: 0,
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    }),
    'the macro of the `#ifdef` line',
  ),
  'else-block': key(
    textValue('guard: name of a Xen-owned block placed between #else and #endif (stubs for when the option is off).', {
      minLength: 0,
      pattern: BLOCK_NAME,
    }),
    'a Xen-owned block between `#else` and `#endif`',
  ),
  'else-text': key(
    textValue('guard: a short template placed between #else and #endif.'),
    'a short template between `#else` and `#endif`',
  ),
  'end-comment': key(
    flag('guard: write the condition as a comment after #endif (default true): #endif /* CONFIG_MSI */.'),
    '`#endif /* CONDITION */` (true) or a bare `#endif`',
  ),
} as const;

/** Build the edits of a guard rule. */
export function buildGuard(rule: GuardRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  if (matches.length === 0) return out;
  const sorted = [...matches].sort((a, b) => a.start - b.start);
  const first = sorted[0];
  const start = rule.withComment && first.nodes.length ? startWithComments(first.nodes[0], text) : first.start;
  const end = Math.max(...sorted.map((m) => m.end));
  const w = wholeLines(text, start, end);
  if (!w) {
    out.diagnostics.push(
      diag('XP205', `#ifdef wraps whole lines; this match shares its lines with other code`, {
        location: where(file, text, first.start),
        ruleId: rule.id,
      }),
    );
    return out;
  }
  out.edits.push(reasonAbove(rule, w.start, ''));
  out.edits.push(openingLine(rule, w.start, `#ifdef ${rule.condition}`, Slot.RegionStart));
  const endif = rule.endComment ? `#endif /* ${rule.condition} */\n` : '#endif\n';
  const lead = w.end === text.length && !text.endsWith('\n') ? '\n' : '';
  if (rule.elseBlock !== undefined) {
    out.edits.push(edit(rule, w.end, w.end, `${lead}#else\n`, Slot.RegionEnd));
    out.edits.push(edit(rule, w.end, w.end, blockPlaceholder(rule.elseBlock), Slot.RegionEnd, rule.elseBlock));
    out.edits.push(edit(rule, w.end, w.end, endif, Slot.RegionEnd));
  } else if (rule.elseText !== undefined) {
    const stub = substitute(rule.elseText, first.captures, text);
    out.edits.push(edit(rule, w.end, w.end, `${lead}#else\n${stub}\n${endif}`, Slot.RegionEnd));
  } else {
    out.edits.push(edit(rule, w.end, w.end, `${lead}${endif}`, Slot.RegionEnd));
  }
  return out;
}

/** The `guard` kind. */
export const GUARD = kindModule<'guard', GuardRule, typeof GUARD_KEYS>({
  name: 'guard',
  doc: 'wrap the selected items in `#ifdef CONFIG_X ... #endif`, with optional `#else` stubs',
  brief: 'wrap in #ifdef CONFIG_X ... #endif',
  keys: GUARD_KEYS,
  templates: ['else-text'],
  required: ['condition'],
  combinators: [
    {
      name: 'oneElse',
      schema: {
        description: 'A guard rule has at most one of else-block and else-text.',
        not: { required: ['else-block', 'else-text'] },
      },
      explain: (failed, data) =>
        failed === 'not'
          ? {
              key: keysIn(data, ['else-block', 'else-text'])[1],
              message: '`else-block` and `else-text` cannot be used together; give one of them',
            }
          : undefined,
    },
  ],
  placements: ['none', 'above', 'if0'],
  defaultComment: 'none',
  defaults: { 'with-comment': true, 'end-comment': true },
  tieRank: 2,
  compile: (raw) => ({
    kind: 'guard',
    condition: raw.condition ?? '',
    withComment: raw['with-comment'] ?? true,
    endComment: raw['end-comment'] ?? true,
    ...optional('elseBlock', raw['else-block']),
    ...optional('elseText', raw['else-text']),
  }),
  blocksPlaced: (rule) => [rule.elseBlock],
  build: buildGuard,
});
