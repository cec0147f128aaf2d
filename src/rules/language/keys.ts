/**
 * The keys of the rule language that are not selectors, each declared once: its value (schema and
 * type), its schema description and its line in the docs/rules.md tables. Which kinds take which
 * key, and the defaults, are in kinds.ts; each selector is a module of src/match/selectors/.
 */
import { BLOCK_NAME, choice, custom, flag, names, text } from './value';
import type { Value } from './value';
import { TRANSFORM_DOC, TRANSFORM_VALUE } from './transform';

/** One key: its value and the text of its row in docs/rules.md (markdown). */
export interface KeyDef<T = unknown> {
  readonly value: Value<T>;
  readonly doc: string;
}

function key<T>(value: Value<T>, doc: string): KeyDef<T> {
  return { value, doc };
}

/** The placements of the `/* Xen: reason *\/` comment, in the order the docs list them. */
export const PLACEMENTS = ['if0', 'inside', 'above', 'end-of-line', 'in-comment', 'none'] as const;

/** The placements whose reason is a comment of its own lines, laid out by `comment-style`. */
export const STYLED_PLACEMENTS: ReadonlyArray<(typeof PLACEMENTS)[number]> = ['if0', 'inside', 'above'];

/** The text before a placed reason, unless the rule gives its own `reason-prefix`. */
export const REASON_PREFIX = 'Xen: ';

/** What each placement means (docs and messages). */
export const PLACEMENT_DOC: Record<(typeof PLACEMENTS)[number], string> = {
  if0: 'on the opening `#if 0` / `#ifdef` line',
  inside: 'own line(s) at the top of the `#if 0` region, right after a bare `#if 0` line',
  above: 'own line(s) above the changed statement, the inserted text or the region',
  'end-of-line': 'at the end of the changed or inserted line',
  'in-comment': 'a new ` * Xen: ...` line at the end of the comment just above the changed statement',
  none: 'nowhere: the reason is documentation only',
};

/** The rule kinds, in the order the docs list them. */
export const KIND_NAMES = ['replace', 'delete', 'disable', 'insert', 'includes', 'guard'] as const;

/** Keys every rule may have, in the order the docs list them. */
export const COMMON_KEYS = {
  id: key(
    text(
      'Unique name of the rule over the port and everything it includes; used in every message and in the report. Lower-case letters, digits and dashes.',
      {
        minLength: 0,
        pattern: '^[a-z0-9][a-z0-9-]*$',
      },
    ),
    'unique name, used in every message and in the report',
  ),
  kind: key(
    choice(
      'What the rule does: replace, delete, disable (wrap in #if 0), insert, includes (replace the Linux include run), or guard (wrap in #ifdef CONFIG_X ... #endif).',
      KIND_NAMES,
    ),
    'what the rule does (one section per kind below)',
  ),
  reason: key(
    text('Why Xen changes this; written as a /* Xen: ... */ comment. A multi-line string gives a multi-line comment.'),
    'why Xen changes this; a multi-line YAML string gives a multi-line comment',
  ),
  comment: key(
    choice(
      'Where the reason goes: if0 (on the #if 0 line; default for disable), inside (own line(s) right after a bare #if 0 line), above (own line(s) above; default otherwise), end-of-line, in-comment (new " * Xen: ..." line in the comment just above), none (documentation only). Each kind takes only some placements (docs/rules.md).',
      PLACEMENTS,
    ),
    'where the reason goes: ' +
      PLACEMENTS.map((p) => `\`${p}\` (${PLACEMENT_DOC[p]})`).join(', ') +
      '. Each kind takes only some placements, and its default differs (see "Rule kinds"); a placement other than `none` needs a `reason`',
  ),
  'comment-style': key(
    choice(
      'Layout of multi-line reasons placed if0, inside or above: block (default: /*, then " * Xen: ..." lines, then */) or compact (/* Xen: first line, " * next lines", */).',
      ['block', 'compact'],
    ),
    'multi-line reasons placed `above`, `if0` or `inside`: `block` (default: `/*`, then ` * Xen: ...` lines, then ` */`) or `compact` (`/* Xen: first line`, ` * next lines`, ` */`)',
  ),
  expect: key(
    custom<number | string>({
      description:
        'How many matches the rule expects: an integer N, ">=N", "<=N" or "N..M" (default ">=1"). Any other count is drift (XP200). Counts are at most 100000.',
      type: ['integer', 'string'],
      minimum: 0,
      maximum: 100000,
      pattern: '^\\s*(?:(?:>=|<=)\\s*\\d{1,9}|\\d{1,9}\\s*\\.\\.\\s*\\d{1,9}|\\d{1,9})\\s*$',
    }),
    'match count: `2`, `">=1"` (default), `"<=3"`, `"0..2"`. Any other count is **drift** (error XP200). A name selector expects each name once: its `expect` may not allow fewer matches than names',
  ),
  scope: key(
    custom<{ function?: string | string[]; struct?: string | string[] }>({
      description: 'Where the rule may match: inside these functions and/or structs (default: the whole file).',
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        function: names('Function name or list of function names the rule is limited to.').schema,
        struct: names('Struct tag name or list of struct tag names the rule is limited to.').schema,
      },
    }),
    '`{ function: name or [names] }` and/or `{ struct: name or [names] }`: the rule only matches inside these',
  ),
  types: key(
    custom<Record<string, string>>({
      description:
        'Metavariables bound to declared types: `T: "*$P"` binds $T to the declared type of *$P (looked up from locals, parameters, file-scope declarations and struct fields). A match whose type cannot be known is an error (XP203).',
      type: 'object',
      minProperties: 1,
      propertyNames: { pattern: '^[A-Z_][A-Z0-9_]*$' },
      additionalProperties: { type: 'string', pattern: '^\\s*\\**\\s*\\$[A-Z_][A-Z0-9_]*\\s*$' },
    }),
    '`{ T: "*$P" }`: `$T` is the declared type of `*$P` (see "types")',
  ),
  transform: key(TRANSFORM_VALUE, TRANSFORM_DOC),
  files: key(
    names("Globs on the input file's base name (*.c, *.h); the rule only runs on those files. Default: every file."),
    "globs on the input file's base name (`*.h`); the rule runs only on those files (default: every file)",
  ),
  unless: key(
    text(
      'A C pattern that vetoes a match: text that the selector matches and that this pattern also matches is left alone (e.g. a generic rule that leaves the forms of a more specific rule to it).',
    ),
    'a pattern that vetoes a match (see "unless and overrides")',
  ),
  overrides: key(
    names(
      'Ids of rules (typically from an included library such as xen-api) whose edits this rule replaces where they overlap: a driver-specific form of a generic rewrite.',
    ),
    'ids of rules whose edits (and their reason comments) this rule replaces where they overlap (see "unless and overrides")',
  ),
  swallowed: key(
    choice(
      "'expected': edits of this rule that fall inside text another rule deletes or disables (#if 0) are dropped there by design; without it, such edits of a rule that expects at least one match are a warning (XP206) naming both rules.",
      ['expected'],
    ),
    "`expected`: this rule's edits inside text another rule deletes or wraps in `#if 0` are dropped by design. Without it, such edits of a rule that expects at least one match are a warning (XP206) naming both rules",
  ),
} as const;

/** Keys that only some kinds take (kinds.ts says which), each declared once. */
export const KIND_KEYS = {
  with: key(
    text('replace: the template replacing the match; metavariables bound by the selector are substituted.', {
      minLength: 0,
    }),
    'the template replacing the match',
  ),
  block: key(
    text('replace/insert: name of a Xen-owned block (blocks/<name>.<ext>) used instead of with/text.', {
      minLength: 0,
      pattern: BLOCK_NAME,
    }),
    'a Xen-owned block used instead of `with` / `text` (see "Blocks")',
  ),
  where: key(
    choice('insert: before or after the anchor (default after).', ['before', 'after']),
    '`before` or `after` (default) the anchor',
  ),
  'blank-lines': key(
    choice(
      'delete: collapse (default) removes one blank line left doubled by the deletion; keep leaves blank lines alone.',
      ['collapse', 'keep'],
    ),
    '`collapse` (default) or `keep` the blank lines a deletion leaves',
  ),
  'with-comment': key(
    flag(
      'disable/delete/guard: also take the comment directly above each item (default true for disable and guard, false for delete).',
    ),
    'also take the comment directly above each item',
  ),
  text: key(
    text('insert: the template to insert; metavariables bound by the selector are substituted.'),
    'the template to insert',
  ),
  add: key(
    custom<string[]>({
      description:
        'includes: the include lines replacing the run, one #include <...> per entry (entries in double quotes keep them).',
      type: 'array',
      items: { type: 'string', minLength: 1 },
    }),
    'the include lines replacing the run',
  ),
  condition: key(
    text('guard: the configuration macro of the #ifdef line (CONFIG_MSI).', {
      minLength: 0,
      pattern: '^[A-Za-z_][A-Za-z0-9_]*$',
    }),
    'the macro of the `#ifdef` line',
  ),
  'else-block': key(
    text('guard: name of a Xen-owned block placed between #else and #endif (stubs for when the option is off).', {
      minLength: 0,
      pattern: BLOCK_NAME,
    }),
    'a Xen-owned block between `#else` and `#endif`',
  ),
  'else-text': key(
    text('guard: a short template placed between #else and #endif.'),
    'a short template between `#else` and `#endif`',
  ),
  'opening-blank-line': key(
    flag(
      'disable: an empty line after the opening #if 0 line, and after the reason when it is placed inside (default false).',
    ),
    'an empty line after the `#if 0` line (after the reason, when it is placed `inside`)',
  ),
  'reason-prefix': key(
    text(
      'disable: the text the placed reason starts with (default "Xen: "); "" writes the reason as it is given, e.g. when the Xen file writes "XXX: ..." or a plain sentence. One line, without */.',
      {
        minLength: 0,
        pattern: '^(?:(?!\\*/)[^\\n])*$',
      },
    ),
    'what the placed reason starts with (`"Xen: "`); `""` writes the reason as given, for a Xen file that writes it otherwise',
  ),
  'end-comment': key(
    flag('guard: write the condition as a comment after #endif (default true): #endif /* CONFIG_MSI */.'),
    '`#endif /* CONDITION */` (true) or a bare `#endif`',
  ),
  'into-block': key(
    custom<{ block: string; 'after-line': string }>({
      description:
        'insert: put text once into a Xen-owned block (after the first block line containing after-line) when the selector matches at least once, e.g. a compatibility definition needed once the Linux code uses a new API. Nothing is inserted when the block already holds the text.',
      type: 'object',
      additionalProperties: false,
      required: ['block', 'after-line'],
      properties: {
        block: { $ref: '#/definitions/block' },
        'after-line': {
          description: 'Text of the block line after which the text goes.',
          type: 'string',
          minLength: 1,
        },
      },
    }),
    'put `text` once into a Xen-owned block (see "into-block")',
  ),
} as const;
