/**
 * Templates and `/* Xen: ... *\/` comments: metavariable substitution, indentation of multi-line
 * text, and the comment styles of the real ports.
 */
import type { Bindings } from '../match';
import type { CommentStyle } from '../rules/types';

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
    const out = c ? c.text ?? text.slice(c.start, c.end) : whole;
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
