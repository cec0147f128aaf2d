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

/**
 * Templates split at their metavariables (`String.split` with METAVAR's groups: literal text, then
 * per metavariable its `$$$` name or `undefined`, its `$` name or `undefined`, and the text after
 * it), by template text. A rule's template is substituted once per match, with few distinct texts
 * (the rule's, and the same indented by the match's indentation); the bound keeps the map small.
 */
const splitTemplates = new Map<string, Array<string | undefined>>();
const MAX_SPLIT_TEMPLATES = 512;

function split(body: string): Array<string | undefined> {
  let parts = splitTemplates.get(body);
  if (parts === undefined) {
    if (splitTemplates.size >= MAX_SPLIT_TEMPLATES) splitTemplates.clear();
    parts = body.split(METAVAR);
    splitTemplates.set(body, parts);
  }
  return parts;
}

/** Substitute metavariables with the original text they matched; drop one trailing newline. */
export function substitute(template: string, captures: Bindings, text: string): string {
  const body = template.endsWith('\n') ? template.slice(0, -1) : template;
  const parts = split(body);
  let size = body.length;
  let out = parts[0] as string;
  for (let i = 1; i < parts.length; i += 3) {
    const seq = parts[i];
    const one = parts[i + 1];
    const c = captures.get((seq ?? one) as string);
    const value = c ? (c.text ?? text.slice(c.start, c.end)) : seq !== undefined ? `$$$${seq}` : `$${one}`;
    if ((size += value.length) > MAX_EXPANSION_CHARS) throw new ExpansionLimitError();
    out += value + (parts[i + 2] as string);
  }
  return out;
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
