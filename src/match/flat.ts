/**
 * A flat, plain-JavaScript copy of a tree-sitter tree, built once per file with a TreeCursor.
 * Matching walks it instead of native nodes: property reads on plain objects are far cheaper than
 * crossing into the native binding, and the matcher stays independent of tree-sitter's API.
 */
import type { Tree } from '../parse';

/** One node of the flat tree. Offsets are UTF-16 indices into the source text. */
export interface FNode {
  type: string;
  start: number;
  end: number;
  named: boolean;
  /** The field name under which the parent holds this node (`declarator`, `body`, ...), if any. */
  field: string | null;
  children: FNode[];
  parent: FNode | null;
  /** ERROR node, or MISSING token inserted by the parser. */
  error: boolean;
  missing: boolean;
  /** Position among the parent's children. */
  index: number;
}

/** A flat tree with an index of nodes by type. */
export interface FlatTree {
  root: FNode;
  byType: Map<string, FNode[]>;
  /** Every node in document order (pre-order). */
  all: FNode[];
}

/** Build the flat tree of `tree`. */
export function flatten(tree: Tree): FlatTree {
  const cursor = tree.walk();
  const byType = new Map<string, FNode[]>();
  const all: FNode[] = [];
  const make = (parent: FNode | null, index: number): FNode => {
    const n: FNode = {
      type: cursor.nodeType,
      start: cursor.startIndex,
      end: cursor.endIndex,
      named: cursor.nodeIsNamed,
      field: cursor.currentFieldName ?? null,
      children: [],
      parent,
      error: cursor.nodeType === 'ERROR',
      missing: cursor.nodeIsMissing,
      index,
    };
    all.push(n);
    let list = byType.get(n.type);
    if (!list) byType.set(n.type, (list = []));
    list.push(n);
    return n;
  };
  const root = make(null, 0);
  // Iterative pre-order walk.
  const stack: FNode[] = [root];
  let node = root;
  for (;;) {
    if (cursor.gotoFirstChild()) {
      const child = make(node, 0);
      node.children.push(child);
      stack.push(child);
      node = child;
      continue;
    }
    for (;;) {
      if (stack.length === 1) return { root, byType, all };
      if (cursor.gotoNextSibling()) {
        stack.pop();
        const parent = stack[stack.length - 1];
        const sib = make(parent, parent.children.length);
        parent.children.push(sib);
        stack.push(sib);
        node = sib;
        break;
      }
      cursor.gotoParent();
      stack.pop();
      node = stack[stack.length - 1];
    }
  }
}

/** The first child held under `field`, if any. */
export function childByField(n: FNode, field: string): FNode | undefined {
  return n.children.find((c) => c.field === field);
}

/** Named children that are not comments. */
export function namedChildren(n: FNode): FNode[] {
  return n.children.filter((c) => c.named && c.type !== 'comment');
}

/** True when `inner` lies within `outer` (inclusive). */
export function contains(outer: { start: number; end: number }, inner: { start: number; end: number }): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}
