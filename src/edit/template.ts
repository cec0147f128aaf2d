/**
 * Templates: metavariable substitution and indentation of multi-line text (the `/* Xen: ... *\/`
 * comments are rendered by reason.ts).
 */
import type { Bindings } from '../match';

const METAVAR = /\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g;

/** Longest text one template may expand to (characters): 16 Mi, twice the largest input. */
export const MAX_EXPANSION_CHARS = 16 * 1024 * 1024;

/** Thrown by `substitute` when a template would expand past MAX_EXPANSION_CHARS (the port names the rule). */
export class ExpansionLimitError extends Error {
  constructor() {
    super(`a template expands past ${MAX_EXPANSION_CHARS} characters`);
    this.name = 'ExpansionLimitError';
  }
}

/** Substitute metavariables with the original text they matched; drop one trailing newline. */
export function substitute(template: string, captures: Bindings, text: string): string {
  const body = template.endsWith('\n') ? template.slice(0, -1) : template;
  let size = body.length;
  return body.replace(METAVAR, (whole, seq: string | undefined, one: string | undefined) => {
    const c = captures.get((seq ?? one) as string);
    const out = c ? (c.text ?? text.slice(c.start, c.end)) : whole;
    if ((size += out.length) > MAX_EXPANSION_CHARS) throw new ExpansionLimitError();
    return out;
  });
}

/** Prefix every non-empty line after the first with `indent`. */
export function indentRest(s: string, indent: string): string {
  return s
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : indent + l))
    .join('\n');
}

/** Prefix every non-empty line with `indent`. */
export function indentAll(s: string, indent: string): string {
  return s
    .split('\n')
    .map((l) => (l === '' ? l : indent + l))
    .join('\n');
}
