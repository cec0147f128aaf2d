/**
 * Templates and `/* Xen: ... *\/` comments: metavariable substitution, indentation of multi-line
 * text, and the comment styles of the real ports.
 */
import type { Bindings } from '../match';
import type { CommentStyle } from '../rules/types';

const METAVAR = /\$\$\$([A-Z_][A-Z0-9_]*)|\$([A-Z_][A-Z0-9_]*)/g;

/** Substitute metavariables with the original text they matched; drop one trailing newline. */
export function substitute(template: string, captures: Bindings, text: string): string {
  const body = template.endsWith('\n') ? template.slice(0, -1) : template;
  return body.replace(METAVAR, (whole, seq: string | undefined, one: string | undefined) => {
    const c = captures.get((seq ?? one) as string);
    return c ? c.text ?? text.slice(c.start, c.end) : whole;
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
