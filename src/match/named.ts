/**
 * Helpers of the named kinds (selectors/named/: functions, structs, top-level declarations,
 * macros, ... found by name): the name a declarator declares, file level, the range of a tag's
 * definition, and "did you mean" names for drift and scope hints.
 */
import { childByField, FlatTree, FNode } from './flat';

/** A named item found in the file. */
export interface NamedItem {
  /** Its named kind (`function`, `struct`, ...: selectors/named/). */
  kind: string;
  name: string;
  /** The node that makes up the item (its range may be widened by `itemRange`). */
  node: FNode;
}

const DECLARATOR_WRAPPERS = new Set([
  'pointer_declarator',
  'function_declarator',
  'array_declarator',
  'parenthesized_declarator',
  'attributed_declarator',
  'init_declarator',
]);

/** The identifier a declarator declares (through pointers, arrays, parentheses, initializers). */
export function declaratorName(d: FNode | undefined, text: string): string | undefined {
  let n = d;
  while (n) {
    if (n.type === 'identifier' || n.type === 'field_identifier' || n.type === 'type_identifier')
      return text.slice(n.start, n.end);
    if (!DECLARATOR_WRAPPERS.has(n.type)) return undefined;
    n = childByField(n, 'declarator') ?? n.children.find((c) => c.named && c.type !== 'comment');
  }
  return undefined;
}

/** The name of a function definition. */
export function functionName(fn: FNode, text: string): string | undefined {
  return declaratorName(childByField(fn, 'declarator'), text);
}

/** True when a node sits at file level (possibly inside top-level preprocessor conditionals). */
export function atTopLevel(n: FNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'translation_unit') return true;
    if (!p.type.startsWith('preproc_')) return false;
  }
  return false;
}

/** `end` moved back over the line break(s) that end the text from `start` to `end`. */
export function withoutNewline(text: string, start: number, end: number): number {
  while (end > start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return end;
}

/** A node's range without the newline that ends it (a `#define` stops before its newline). */
export function nodeRange(n: FNode, text: string): { start: number; end: number } {
  return { start: n.start, end: withoutNewline(text, n.start, n.end) };
}

/** The definitions (with a body) of tags of node type `type` (`struct_specifier`, ...), with their tag names. */
export function tagDefinitions(tree: FlatTree, type: string, text: string): Array<{ node: FNode; name: string }> {
  return (tree.byType.get(type) ?? []).flatMap((node) => {
    const name = childByField(node, 'name');
    return name && childByField(node, 'body') ? [{ node, name: text.slice(name.start, name.end) }] : [];
  });
}

/**
 * The range of a tag's definition (`struct s { ... }`): a top-level definition takes its `;`; one
 * that declares variables (`struct s { ... } x;`) is the whole declaration.
 */
export function tagDefinitionRange(n: FNode, text: string): { start: number; end: number } {
  let end = n.end;
  if (n.parent) {
    const next = n.parent.children[n.index + 1];
    if (n.parent.type !== 'declaration' && next?.type === ';') end = next.end;
    else if (n.parent.type === 'declaration') return { start: n.parent.start, end: n.parent.end };
  }
  return { start: n.start, end: withoutNewline(text, n.start, end) };
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** Up to three existing names close to `name` (edit distance or shared stem). */
export function similarNames(name: string, existing: Iterable<string>): string[] {
  const scored: Array<[number, string]> = [];
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const e of new Set(existing)) {
    if (e === name || e.length < 3) continue;
    const d = editDistance(name, e);
    // A shared stem counts only between names long enough to mean something (`e` is in every name).
    const stem = Math.min(e.length, name.length) >= 4 && (e.includes(name) || name.includes(e));
    if (d <= limit || stem) scored.push([stem ? Math.min(d, limit) : d, e]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1]))
    .slice(0, 3)
    .map((s) => s[1]);
}
