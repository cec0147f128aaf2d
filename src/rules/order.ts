/**
 * The order of a port's rules. Rules run, and are listed, sorted by id; their `order` breaks ties
 * between edits of different rules at one offset and slot (src/edit/types.ts): first by kind
 * (KIND_TIE_ORDER, from the `tieRank` of each kind module of src/edit/kinds/), then by where the
 * rule is written: rule file path relative to the port folder (the same whatever the working
 * folder), then line and column. So renaming a rule never changes the output, nor does the order
 * of `include:` and `rules:` lists; the place of a rule orders only insertions of rules of one
 * kind at one place (docs/rules.md, "Where edits go, and in which order").
 */
import * as path from 'path';
import { KIND_TIE_ORDER } from './language/kinds';
import type { Rule } from './types';

/** Plain code-unit order (locale-independent). */
export const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rules in the order of where they are written: file, line, column (never load order). */
export function byOrigin(a: Rule, b: Rule): number {
  return cmp(a.origin.file, b.origin.file) || a.origin.line - b.origin.line || a.origin.col - b.origin.col;
}

/**
 * Set each rule's `order`: by kind (KIND_TIE_ORDER), then by where it is written, its file taken
 * relative to `portDir` (rules written at one place, as `learn` makes them, by id); return the
 * rules sorted by id, the order they run and are listed in.
 */
export function numberRules<R extends Rule>(rules: readonly R[], portDir = '.'): R[] {
  // Each rule's kind rank and relative file, worked out once per rule (per file for the path), not
  // on every comparison of the sort.
  const relative = new Map<string, string>();
  const keyed = rules.map((r) => {
    let file = relative.get(r.origin.file);
    if (file === undefined)
      relative.set(r.origin.file, (file = path.relative(portDir, r.origin.file).split(path.sep).join('/')));
    return { r, kind: KIND_TIE_ORDER.indexOf(r.kind), file };
  });
  keyed
    .sort(
      (a, b) =>
        a.kind - b.kind ||
        cmp(a.file, b.file) ||
        a.r.origin.line - b.r.origin.line ||
        a.r.origin.col - b.r.origin.col ||
        cmp(a.r.id, b.r.id),
    )
    .forEach((k, i) => (k.r.order = i));
  return [...rules].sort((a, b) => cmp(a.id, b.id) || a.order - b.order);
}
