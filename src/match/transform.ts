/**
 * Derived metavariables (`transform:` of a rule, in the manner of ast-grep's `transform`): text
 * computed from the text a metavariable matched, by a regex replace, a case change, a prefix and a
 * suffix, bound as a new metavariable that templates use like any other. The rules stage checks
 * and orders them (src/rules/language/transform.ts); here they are evaluated on each match.
 */
import type { Bindings } from './structural';

/** The case changes a transform can make. */
export const TRANSFORM_CASES = ['upper', 'lower', 'capitalize', 'camel', 'pascal', 'snake', 'kebab'] as const;

/** A case change. */
export type TransformCase = (typeof TRANSFORM_CASES)[number];

/** One derived metavariable, compiled; a rule's transforms are ordered so that each one's `from` is bound before it. */
export interface Transform {
  /** The new metavariable (`$NAME` in templates). */
  name: string;
  /** The metavariable it is computed from. */
  from: string;
  /**
   * Replace every match of `regex` (a global RegExp, checked safe when the rule is loaded) by `by` (`$1`-`$9`:
   * groups, `$$`: `$`).
   */
  replace?: { regex: RegExp; by: string };
  case?: TransformCase;
  prefix?: string;
  suffix?: string;
}

/** Longest text a transform may produce (characters), as a template: 16 Mi. */
export const MAX_TRANSFORM_CHARS = 16 * 1024 * 1024;

/** The words of an identifier-like text: split at `_`, `-`, `.`, blanks and lower-to-upper changes. */
function words(s: string): string[] {
  return s.split(/[_\-.\s]+|(?<=[a-z0-9])(?=[A-Z])/).filter((w) => w !== '');
}

const cap = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1).toLowerCase();

/** `s` in case `c`. */
export function changeCase(s: string, c: TransformCase): string {
  switch (c) {
    case 'upper':
      return s.toUpperCase();
    case 'lower':
      return s.toLowerCase();
    case 'capitalize':
      return s.charAt(0).toUpperCase() + s.slice(1);
    case 'camel':
      return words(s)
        .map((w, i) => (i === 0 ? w.toLowerCase() : cap(w)))
        .join('');
    case 'pascal':
      return words(s).map(cap).join('');
    case 'snake':
      return words(s)
        .map((w) => w.toLowerCase())
        .join('_');
    case 'kebab':
      return words(s)
        .map((w) => w.toLowerCase())
        .join('-');
  }
}

/** `by` with `$1`-`$9` replaced by the groups of one regex match and `$$` by `$`; any other `$` is kept. */
function expandBy(by: string, groups: readonly (string | undefined)[]): string {
  return by.replace(/\$(\$|[1-9])/g, (_w, g: string) => (g === '$' ? '$' : (groups[Number(g)] ?? '')));
}

/** The text of transform `t` applied to `s`. */
export function applyTransform(t: Transform, s: string): string {
  let out = s;
  if (t.replace) {
    const { regex, by } = t.replace;
    regex.lastIndex = 0;
    // The callback gets the match, its groups, then the offset (the first number).
    out = out.replace(regex, (...args: unknown[]) =>
      expandBy(
        by,
        args.slice(
          0,
          args.findIndex((a) => typeof a === 'number'),
        ) as (string | undefined)[],
      ),
    );
  }
  if (t.case) out = changeCase(out, t.case);
  return `${t.prefix ?? ''}${out}${t.suffix ?? ''}`;
}

/**
 * Bind a rule's derived metavariables in `captures` (in order: a transform may use an earlier
 * one). Returns why a match cannot be used (the derived text is too long), or undefined.
 */
export function bindTransforms(transforms: readonly Transform[], captures: Bindings, text: string): string | undefined {
  for (const t of transforms) {
    const c = captures.get(t.from);
    if (!c) continue; // an optional binding the match did not make: the template keeps $NAME, as for $FROM
    const out = applyTransform(t, c.text ?? text.slice(c.start, c.end));
    if (out.length > MAX_TRANSFORM_CHARS)
      return `transform ${t.name}: the derived text is longer than ${MAX_TRANSFORM_CHARS} characters`;
    captures.set(t.name, { start: c.start, end: c.start, nodes: [], text: out });
  }
  return undefined;
}
