/**
 * Named items: functions, structs, top-level declarations, macros, top-level macro statements,
 * struct fields and labels, found by name. Used by named selectors, scopes and drift hints.
 */
import type { NamedKind } from './rule';
import { childByField, FlatTree, FNode } from './flat';

/** A named item found in the file. */
export interface NamedItem {
  kind: NamedKind;
  name: string;
  /** The node that makes up the item (its range may be widened by `itemRange`). */
  node: FNode;
}

const DECLARATOR_WRAPPERS = new Set([
  'pointer_declarator', 'function_declarator', 'array_declarator', 'parenthesized_declarator',
  'attributed_declarator', 'init_declarator',
]);

/** The identifier a declarator declares (through pointers, arrays, parentheses, initializers). */
export function declaratorName(d: FNode | undefined, text: string): string | undefined {
  let n = d;
  while (n) {
    if (n.type === 'identifier' || n.type === 'field_identifier' || n.type === 'type_identifier') return text.slice(n.start, n.end);
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
function atTopLevel(n: FNode): boolean {
  for (let p = n.parent; p; p = p.parent) {
    if (p.type === 'translation_unit') return true;
    if (!p.type.startsWith('preproc_')) return false;
  }
  return false;
}

/** The identifier a top-level macro statement calls: `module_exit(f);` gives `module_exit`. */
function macroStatementName(n: FNode, text: string): string | undefined {
  const call = n.children.find((c) => c.type === 'call_expression');
  const fn = call && childByField(call, 'function');
  return fn?.type === 'identifier' ? text.slice(fn.start, fn.end) : undefined;
}

/** Every named item of one kind, in document order. */
export function namedItems(tree: FlatTree, kind: NamedKind, text: string): NamedItem[] {
  const out: NamedItem[] = [];
  const push = (node: FNode, name: string | undefined): void => {
    if (name) out.push({ kind, name, node });
  };
  const nodes = (type: string): FNode[] => tree.byType.get(type) ?? [];
  switch (kind) {
    case 'function':
    case 'signature':
      for (const n of nodes('function_definition')) push(n, functionName(n, text));
      break;
    case 'struct':
      for (const n of nodes('struct_specifier')) {
        const name = childByField(n, 'name');
        if (name && childByField(n, 'body')) push(n, text.slice(name.start, name.end));
      }
      break;
    case 'declaration':
      for (const n of nodes('declaration')) {
        if (!atTopLevel(n)) continue;
        for (const d of n.children.filter((c) => c.field === 'declarator')) push(n, declaratorName(d, text));
      }
      break;
    case 'macro':
      for (const t of ['preproc_def', 'preproc_function_def']) {
        for (const n of nodes(t)) {
          const name = childByField(n, 'name');
          if (name) push(n, text.slice(name.start, name.end));
        }
      }
      out.sort((a, b) => a.node.start - b.node.start);
      break;
    case 'call':
      for (const n of nodes('expression_statement')) if (atTopLevel(n)) push(n, macroStatementName(n, text));
      break;
    case 'field':
      for (const n of nodes('field_declaration')) {
        for (const d of n.children.filter((c) => c.field === 'declarator')) push(n, declaratorName(d, text));
      }
      break;
    case 'label':
      for (const n of nodes('labeled_statement')) {
        const l = childByField(n, 'label');
        if (l) push(n, text.slice(l.start, l.end));
      }
      break;
  }
  return out;
}

/**
 * The source range of an item: a top-level struct definition takes its `;`; a `#define` stops
 * before its newline.
 */
export function itemRange(item: NamedItem, text: string): { start: number; end: number } {
  const n = item.node;
  if (item.kind === 'signature') {
    const d = childByField(n, 'declarator');
    return { start: n.start, end: d ? d.end : n.end };
  }
  let end = n.end;
  if (item.kind === 'struct' && n.parent) {
    const next = n.parent.children[n.index + 1];
    if (n.parent.type !== 'declaration' && next?.type === ';') end = next.end;
    else if (n.parent.type === 'declaration') return { start: n.parent.start, end: n.parent.end };
  }
  while (end > n.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return { start: n.start, end };
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
  return scored.sort((a, b) => a[0] - b[0] || a[1].localeCompare(b[1])).slice(0, 3).map((s) => s[1]);
}
