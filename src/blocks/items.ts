/**
 * Top-level items of a C text found by name, as whole lines: what a block derived for a file split
 * is made of. An item is a macro, a typedef, a struct/enum/union definition, a declaration or a
 * function at file level (also inside file-level `#if`/`#ifdef`), with the comment directly above it.
 */
import { childByField, declaratorName, flatten, functionName } from '../match';
import type { FNode } from '../match';
import { parseSource } from '../parse';

/** An item as a range of lines (0-based, inclusive). */
export interface LineItem {
  name: string;
  /** First line of the comment directly above the item, or `first` when there is none. */
  commentFirst: number;
  first: number;
  last: number;
  node: FNode;
}

/** A parsed text's top-level items by name, and its lines. */
export interface ItemIndex {
  byName: Map<string, LineItem[]>;
  /** Line number (0-based) of an offset. */
  lineOf: (offset: number) => number;
  text: string;
}

const CONDITIONALS = new Set(['preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef']);
const SPECIFIERS = new Set(['struct_specifier', 'enum_specifier', 'union_specifier']);

/** The tag of a struct/enum/union specifier that has a body. */
function tagName(n: FNode | undefined, text: string): string | undefined {
  if (!n || !SPECIFIERS.has(n.type) || !childByField(n, 'body')) return undefined;
  const name = childByField(n, 'name');
  return name ? text.slice(name.start, name.end) : undefined;
}

/** The names an item defines. */
function namesOf(n: FNode, text: string): string[] {
  const decls = (): string[] =>
    n.children.filter((c) => c.field === 'declarator').map((d) => declaratorName(d, text) ?? '');
  switch (n.type) {
    case 'preproc_def':
    case 'preproc_function_def': {
      const name = childByField(n, 'name');
      return name ? [text.slice(name.start, name.end)] : [];
    }
    case 'function_definition':
      return [functionName(n, text) ?? ''];
    case 'type_definition':
      return decls();
    case 'declaration':
      return [...decls(), tagName(childByField(n, 'type'), text) ?? ''];
    default:
      return [tagName(n, text) ?? ''];
  }
}

/** Index the top-level items of `text` by name. */
export function indexItems(text: string, file: string): ItemIndex {
  const src = parseSource(text, file);
  const lineOf = (offset: number): number => src.lines.position(offset).line - 1;
  const byName = new Map<string, LineItem[]>();
  const visit = (parent: FNode): void => {
    for (const n of parent.children) {
      if (CONDITIONALS.has(n.type)) {
        visit(n);
        continue;
      }
      if (!n.named || n.type === 'comment') continue;
      // A struct or enum definition at file level ends with the `;` after it.
      const next = parent.children[n.index + 1];
      const end = SPECIFIERS.has(n.type) && next?.type === ';' ? next.end : n.end;
      const first = lineOf(n.start);
      const item = {
        commentFirst: commentAbove(n, first, text, lineOf),
        first,
        last: lineOf(Math.max(n.start, end - 1)),
        node: n,
      };
      for (const name of namesOf(n, text)) {
        if (!name) continue;
        const list = byName.get(name) ?? [];
        list.push({ ...item, name });
        byName.set(name, list);
      }
    }
  };
  visit(flatten(src.tree).root);
  return { byName, lineOf, text };
}

/** First line of the comments that end on the line right above `first` and start their own lines. */
function commentAbove(n: FNode, first: number, text: string, lineOf: (o: number) => number): number {
  let top = first;
  const kids = n.parent?.children ?? [];
  for (let i = n.index - 1; i >= 0; i--) {
    const c = kids[i];
    if (c.type !== 'comment' || lineOf(c.end - 1) !== top - 1) break;
    const ls = text.lastIndexOf('\n', c.start - 1) + 1;
    if (text.slice(ls, c.start).trim() !== '') break;
    top = lineOf(c.start);
  }
  return top;
}

/**
 * Items selected by name, as units of lines: a file-level `#if`/`#ifdef` (without `#else`) whose
 * items are all selected becomes one unit with its directive lines. Units keep the order of the
 * first name of each; `missing` lists names found zero or several times.
 */
export function selectUnits(
  index: ItemIndex,
  names: readonly string[],
): { units: LineItem[]; missing: Array<{ name: string; found: number }> } {
  const missing: Array<{ name: string; found: number }> = [];
  const picked: LineItem[] = [];
  for (const name of names) {
    const found = index.byName.get(name) ?? [];
    if (found.length !== 1) missing.push({ name, found: found.length });
    else picked.push(found[0]);
  }
  const nodes = new Set(picked.map((p) => p.node));
  const units: LineItem[] = [];
  const seen = new Set<FNode>();
  for (const p of picked) {
    let unit = p;
    for (let c = p.node.parent; c && isWholeConditional(c, nodes); c = c.parent) {
      unit = { name: p.name, node: c, first: index.lineOf(c.start), last: index.lineOf(c.end - 1), commentFirst: 0 };
      nodes.add(c);
    }
    if (unit.node !== p.node) unit.commentFirst = commentAbove(unit.node, unit.first, index.text, index.lineOf);
    if (seen.has(unit.node)) continue;
    seen.add(unit.node);
    units.push(unit);
  }
  return { units, missing };
}

/** A file-level `#if`/`#ifdef` without `#else` whose every item is in `nodes`. */
function isWholeConditional(c: FNode, nodes: ReadonlySet<FNode>): boolean {
  if (c.type !== 'preproc_if' && c.type !== 'preproc_ifdef') return false;
  if (childByField(c, 'alternative')) return false;
  const body = c.children.filter(
    (k) => k.named && k.type !== 'comment' && k.field !== 'name' && k.field !== 'condition',
  );
  return body.length > 0 && body.every((k) => nodes.has(k));
}
