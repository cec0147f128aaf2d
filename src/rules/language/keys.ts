/**
 * The keys every rule may have, each declared once: its value (schema and type), its schema
 * description and its line in the docs/rules.md tables. The keys of a kind (with their defaults)
 * are declared by the kind's module (src/edit/kinds/<kind>.ts, collected in KIND_KEYS); each
 * selector is a module of src/match/selectors/.
 */
import { KIND_KEYS, KIND_MODULES, KIND_NAMES } from '../../edit/kinds';
import { PLACEMENTS } from '../../edit/rule';
import { choice, custom, key, names, text } from './value';
import { TRANSFORM_DOC, TRANSFORM_VALUE } from './transform';

export type { KeyDef } from './value';
export { PLACEMENTS, REASON_PREFIX, STYLED_PLACEMENTS } from '../../edit/rule';
export { KIND_KEYS, KIND_NAMES };

/** What each placement means (docs and messages). */
export const PLACEMENT_DOC: Record<(typeof PLACEMENTS)[number], string> = {
  if0: 'on the opening `#if 0` / `#ifdef` line',
  inside: 'own line(s) at the top of the `#if 0` region, right after a bare `#if 0` line',
  above: 'own line(s) above the changed statement, the inserted text or the region',
  'end-of-line': 'at the end of the changed or inserted line',
  'in-comment': 'a new ` * Xen: ...` line at the end of the comment just above the changed statement',
  none: 'nowhere: the reason is documentation only',
};

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
    'lower-case letters, digits and dashes, starting with a letter or digit',
  ),
  kind: key(
    choice(
      `What the rule does: ${KIND_MODULES.map((k) => (k.brief ? `${k.name} (${k.brief})` : k.name))
        .map((k, i, all) => (i === all.length - 1 ? `or ${k}` : k))
        .join(', ')}.`,
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
      'Where the reason goes: if0 (on the #if 0 line), inside (own line(s) right after a bare #if 0 line), above (own line(s) above), end-of-line, in-comment (new " * Xen: ..." line in the comment just above), none (documentation only). Each kind takes only some placements (docs/rules.md). Default: ' +
        KIND_MODULES.map((m) => `${m.defaultComment} for ${m.name}`).join(', ') +
        '.',
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
    'N, ">=N", "<=N" or "N..M"',
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
