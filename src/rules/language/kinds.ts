/**
 * The rule kinds, each declared once: the keys it takes (beyond the common ones) with their
 * defaults, the keys it requires, the schema combinators it adds, the selectors it takes, where its
 * `/* Xen: *\/` comment may go (and the default), the cross-key checks the schema cannot express,
 * and how its own fields compile. Its edits are built by src/edit/kinds/<kind>.ts.
 */
import type {
  CommentPlacement,
  DeleteRule,
  DisableRule,
  GuardRule,
  IncludesRule,
  InsertRule,
  ReplaceRule,
  Rule,
  RuleBase,
  RuleKind,
} from '../types';
import { REASON_PREFIX } from './keys';
import type { KIND_KEYS } from './keys';
import type { JsonSchema, RawOf } from './value';

/** A rule as written (schema-checked), with the kind-specific keys typed. */
export type RawKindKeys = RawOf<typeof KIND_KEYS>;

/** The fields of a compiled rule that belong to its kind. */
type KindFields<R> = Omit<R, Exclude<keyof RuleBase, 'kind'>>;

/** A combinator the kind adds to its schema (`allOf`), by definition name. */
export interface Combinator {
  name: string;
  schema: JsonSchema;
}

/** A problem a kind finds in a schema-valid rule: at which key, and what is wrong. */
export interface KindProblem {
  key: string;
  message: string;
}

/** One rule kind. */
export interface KindDef<K extends RuleKind = RuleKind, R = Rule> {
  readonly name: K;
  /** Its line in the docs table of kinds (markdown). */
  readonly doc: string;
  /** Keys of KIND_KEYS it takes, in the order the docs list them. */
  readonly keys: ReadonlyArray<keyof typeof KIND_KEYS>;
  /** Keys it requires besides `id` and `kind`. */
  readonly required?: readonly string[];
  /** Its schema combinators (besides "exactly one selector"). */
  readonly combinators?: readonly Combinator[];
  /** The selectors it takes, when not all those whose `kinds` allow it. */
  readonly selectors?: readonly string[];
  /** Where its reason comment may go (`none` included); `defaultComment` when `comment` is absent. */
  readonly placements: readonly CommentPlacement[];
  readonly defaultComment: CommentPlacement;
  /** Defaults of its keys, for the docs. */
  readonly defaults?: Readonly<Record<string, string | boolean>>;
  /** Checks across keys that the schema cannot express. */
  check?(raw: RawKindKeys & { comment: CommentPlacement; reason?: string }): KindProblem[];
  /** Its own fields of the compiled rule, defaults filled in. */
  compile(raw: RawKindKeys): KindFields<R>;
}

function kind<K extends RuleKind, R>(d: KindDef<K, R>): KindDef<K, R> {
  return d;
}

const str = <T extends string>(k: T, v: string | undefined) =>
  v !== undefined ? ({ [k]: v } as { [P in T]?: string }) : {};

/** Every rule kind, in the order the docs list them. */
export const KINDS: readonly KindDef[] = [
  kind<'replace', ReplaceRule>({
    name: 'replace',
    doc: 'change an expression, statement, declaration, field or signature: the match becomes `with` (a template) or a `block`',
    keys: ['with', 'block'],
    combinators: [
      {
        name: 'replacement',
        schema: {
          description: 'A replace rule has exactly one of with and block.',
          oneOf: [{ required: ['with'] }, { required: ['block'] }],
        },
      },
    ],
    placements: ['above', 'end-of-line', 'in-comment', 'none'],
    defaultComment: 'above',
    compile: (raw) => ({ kind: 'replace', ...str('with', raw.with), ...str('block', raw.block) }),
  }),
  kind<'delete', DeleteRule>({
    name: 'delete',
    doc: 'remove code (whole lines when the match covers whole lines)',
    keys: ['blank-lines', 'with-comment'],
    placements: ['above', 'none'],
    defaultComment: 'above',
    defaults: { 'blank-lines': 'collapse', 'with-comment': false },
    compile: (raw) => ({
      kind: 'delete',
      blankLines: raw['blank-lines'] ?? 'collapse',
      withComment: raw['with-comment'] ?? false,
    }),
  }),
  kind<'disable', DisableRule>({
    name: 'disable',
    doc: 'wrap dead code in `#if 0 ... #endif`',
    keys: ['with-comment', 'opening-blank-line', 'reason-prefix'],
    placements: ['if0', 'inside', 'above', 'none'],
    defaultComment: 'if0',
    defaults: { 'with-comment': true, 'opening-blank-line': false, 'reason-prefix': `"${REASON_PREFIX}"` },
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
  }),
  kind<'insert', InsertRule>({
    name: 'insert',
    doc: 'add a statement, field, comment or Xen-owned block next to an anchor',
    keys: ['where', 'text', 'block', 'into-block'],
    combinators: [
      {
        name: 'insertContent',
        schema: {
          description: 'An insert rule has text, block or reason, and not both text and block.',
          anyOf: [{ required: ['text'] }, { required: ['block'] }, { required: ['reason'] }],
          not: { required: ['text', 'block'] },
        },
      },
    ],
    placements: ['above', 'end-of-line', 'none'],
    defaultComment: 'above',
    defaults: { where: 'after' },
    check: (raw) => {
      const out: KindProblem[] = [];
      if (raw['into-block']) {
        // The text goes into a block's text, once: there is no anchor to put a comment or a side at.
        if (raw.text === undefined)
          out.push({
            key: 'into-block',
            message: "`into-block` inserts the rule's `text` into the block; this rule has no `text`",
          });
        for (const k of ['block', 'where'] as const)
          if (raw[k] !== undefined)
            out.push({
              key: k,
              message: `\`${k}\` has no effect with \`into-block\` (the text goes after the block line containing \`after-line\`)`,
            });
        if (raw.reason !== undefined && raw.comment !== 'none')
          out.push({
            key: 'comment',
            message: '`into-block` places no reason comment: give `comment: none` (the reason is documentation)',
          });
      } else if (raw.comment === 'end-of-line' && raw.text === undefined) {
        out.push({
          key: 'comment',
          message:
            '`comment: end-of-line` puts the reason at the end of the inserted `text`; this rule has no `text` (use `above` or `none`)',
        });
      }
      return out;
    },
    compile: (raw) => ({
      kind: 'insert',
      where: raw.where ?? 'after',
      ...str('text', raw.text),
      ...str('block', raw.block),
      ...(raw['into-block']
        ? { intoBlock: { block: raw['into-block'].block, afterLine: raw['into-block']['after-line'] } }
        : {}),
    }),
  }),
  kind<'includes', IncludesRule>({
    name: 'includes',
    doc: 'replace the run of Linux `#include` lines with the `add` list',
    keys: ['add'],
    required: ['include', 'add'],
    selectors: ['include'],
    placements: ['above', 'none'],
    defaultComment: 'above',
    compile: (raw) => ({ kind: 'includes', add: [...(raw.add ?? [])] }),
  }),
  kind<'guard', GuardRule>({
    name: 'guard',
    doc: 'wrap the selected items in `#ifdef CONFIG_X ... #endif`, with optional `#else` stubs',
    keys: ['with-comment', 'condition', 'else-block', 'else-text', 'end-comment'],
    required: ['condition'],
    combinators: [
      {
        name: 'oneElse',
        schema: {
          description: 'A guard rule has at most one of else-block and else-text.',
          not: { required: ['else-block', 'else-text'] },
        },
      },
    ],
    placements: ['none', 'above', 'if0'],
    defaultComment: 'none',
    defaults: { 'with-comment': true, 'end-comment': true },
    compile: (raw) => ({
      kind: 'guard',
      condition: raw.condition ?? '',
      withComment: raw['with-comment'] ?? true,
      endComment: raw['end-comment'] ?? true,
      ...str('elseBlock', raw['else-block']),
      ...str('elseText', raw['else-text']),
    }),
  }),
];

/**
 * The order of the kinds for edits of several rules at one place (one offset and slot, see
 * src/edit/types.ts): text that rules insert first, then regions, then the changes whose reason
 * comment must stay next to the code it explains (a replacement's `above` reason right above its
 * statement, after a blank line another rule inserts there). Rules of one kind at one place follow
 * where they are written (src/rules/order.ts).
 */
export const KIND_TIE_ORDER: readonly RuleKind[] = ['insert', 'includes', 'guard', 'disable', 'delete', 'replace'];

/** The definition of kind `name`. */
export function kindDef(name: RuleKind): KindDef {
  return KINDS.find((k) => k.name === name)!;
}
