/**
 * The structure of the Linux file as learning sees it: top-level items (functions, structs,
 * declarations, macros, macro statements, includes, comments) as ranges of whole lines with the
 * name a rule selects them by, and inside functions the statements that cover a range of lines.
 */
import { flatten, namedItems } from '../match';
import type { FNode } from '../match';
import { parseSource } from '../parse';
import type { ParsedSource } from '../parse';

/** The named kinds learning selects top-level items by. */
export type ItemKind = 'function' | 'struct' | 'declaration' | 'macro' | 'call';

/** A top-level node as a range of lines (0-based, inclusive). */
export interface TopItem {
  node: FNode;
  /** The selector kind and name, when the name selects exactly this item. */
  kind?: ItemKind;
  name?: string;
  first: number;
  last: number;
  /** First line of the comment directly above (own lines, touching), or `first`. */
  commentFirst: number;
}

/** The parsed Linux file with its items. */
export interface Structure {
  src: ParsedSource;
  text: string;
  lineStarts: number[];
  items: TopItem[];
  lineOf: (offset: number) => number;
}

const CONDITIONALS = new Set(['preproc_if', 'preproc_ifdef', 'preproc_else', 'preproc_elif', 'preproc_elifdef']);
const KINDS: ItemKind[] = ['function', 'struct', 'declaration', 'macro', 'call'];

/** Parse `text` and list its top-level items. */
export function buildStructure(text: string, file: string): Structure {
  const src = parseSource(text, file);
  const tree = flatten(src.tree);
  const lineOf = (o: number): number => src.lines.position(o).line - 1;
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  // A name selects an item only when it names exactly one item of its kind.
  const named = new Map<FNode, { kind: ItemKind; name: string }>();
  for (const kind of KINDS) {
    const found = namedItems(tree, kind, text);
    const count = new Map<string, number>();
    for (const f of found) count.set(f.name, (count.get(f.name) ?? 0) + 1);
    for (const f of found) if (count.get(f.name) === 1 && !named.has(f.node)) named.set(f.node, { kind, name: f.name });
  }
  const items: TopItem[] = [];
  const visit = (parent: FNode): void => {
    for (const n of parent.children) {
      if (CONDITIONALS.has(n.type)) {
        visit(n);
        continue;
      }
      if (!n.named || n.field === 'condition' || n.field === 'name') continue;
      const next = parent.children[n.index + 1];
      const end = /_specifier$/.test(n.type) && next?.type === ';' ? next.end : n.end;
      const first = lineOf(n.start);
      const last = lineOf(Math.max(n.start, end - 1));
      const nm = named.get(n);
      items.push({ node: n, ...(nm ? { kind: nm.kind, name: nm.name } : {}), first, last, commentFirst: first });
    }
  };
  visit(tree.root);
  items.sort((a, b) => a.first - b.first || a.node.start - b.node.start);
  // The comment directly above an item: comment items on the lines right above it.
  for (let i = 0; i < items.length; i++) {
    let top = items[i].first;
    for (
      let k = i - 1;
      k >= 0 && items[k].node.type === 'comment' && items[k].last === top - 1 && startsLine(text, lineStarts, items[k]);
      k--
    )
      top = items[k].first;
    items[i].commentFirst = top;
  }
  return { src, text, lineStarts, items, lineOf };
}

/** True when the item's first token is the first non-blank of its line. */
export function startsLine(text: string, lineStarts: number[], it: { node: FNode; first: number }): boolean {
  return text.slice(lineStarts[it.first], it.node.start).trim() === '';
}

/** True when nothing but blanks follows the node on its last line. */
export function endsLine(text: string, end: number): boolean {
  const nl = text.indexOf('\n', end);
  return text.slice(end, nl < 0 ? text.length : nl).trim() === '';
}

/** The top-level item whose lines contain line `l` (an item spanning several lines), if any. */
export function itemAt(s: Structure, l: number): TopItem | undefined {
  return s.items.find((it) => it.first <= l && l <= it.last);
}

/** The statement-like children of a block node (compound statement, case, translation unit). */
function stmtChildren(block: FNode): FNode[] {
  return block.children.filter((c) => c.named && c.field !== 'value' && c.type !== 'comment');
}

const CONTAINERS = new Set(['compound_statement', 'case_statement']);

/**
 * The run of consecutive statements inside function `fn` that covers lines [a, b) exactly as
 * whole lines, descending into nested blocks; undefined when no run of whole statements does.
 */
export function statementsCovering(s: Structure, fn: FNode, a: number, b: number, loose = false): FNode[] | undefined {
  let block = fn.children.find((c) => c.field === 'body');
  while (block) {
    const kids = stmtChildren(block);
    const over = kids.filter((k) => s.lineOf(k.start) <= b - 1 && s.lineOf(k.end - 1) >= a);
    if (over.length === 0) return undefined;
    if (over.length === 1) {
      const inner = innerContainer(s, over[0], a, b);
      if (inner) {
        block = inner;
        continue;
      }
    }
    const first = s.lineOf(over[0].start);
    const last = s.lineOf(over[over.length - 1].end - 1);
    if (!loose && (first !== a || last !== b - 1)) return undefined;
    if (!startsLine(s.text, s.lineStarts, { node: over[0], first }) || !endsLine(s.text, over[over.length - 1].end))
      return undefined;
    // A comment between the statements is left out of the match: refuse so it is not kept by mistake.
    const from = over[0].index;
    const to = over[over.length - 1].index;
    if (block.children.slice(from, to + 1).some((c) => c.type === 'comment' || c.error)) return undefined;
    return over;
  }
  return undefined;
}

/** A block nested in `stmt` whose inner lines strictly contain [a, b). */
function innerContainer(s: Structure, stmt: FNode, a: number, b: number): FNode | undefined {
  let best: FNode | undefined;
  const stack = [...stmt.children];
  while (stack.length) {
    const n = stack.pop() as FNode;
    if (CONTAINERS.has(n.type)) {
      const f = s.lineOf(n.start);
      const l = s.lineOf(n.end - 1);
      const inside = n.type === 'compound_statement' ? f < a && l > b - 1 : f <= a && l >= b - 1 && f < a;
      if (inside && (!best || n.end - n.start < best.end - best.start)) best = n;
    }
    stack.push(...n.children);
  }
  return best;
}

/** The name of the function whose definition is `fn`, if the name selects it. */
export function functionItem(s: Structure, l: number): TopItem | undefined {
  const it = itemAt(s, l);
  return it && it.node.type === 'function_definition' ? it : undefined;
}
