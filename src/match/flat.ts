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
  /**
   * Set on a function body that was not copied (see `flatten`'s `keepBody`): it has no children
   * here, and `hasError` tells whether its native subtree holds an ERROR or MISSING node.
   */
  folded?: { hasError: boolean };
}

/** A flat tree with an index of nodes by type. */
export interface FlatTree {
  root: FNode;
  byType: Map<string, FNode[]>;
  /** Every node in document order (pre-order). */
  all: FNode[];
  /** With `FlattenOptions.indexKey`: the nodes by that key of their type, each list in document order. */
  byKey?: Map<string, FNode[]>;
}

/**
 * Per-grammar facts learnt from the cursor the first time a symbol or field id is seen: reading a
 * number from the cursor is cheaper than building a string or a boolean across the native
 * boundary for each of the tens of thousands of nodes of a driver. A node's type name and whether
 * it is named depend only on its (alias-resolved) symbol id.
 */
interface IdTables {
  types: Array<string | undefined>;
  named: boolean[];
  fields: Array<string | null | undefined>;
  /** Types that hold no field (from the grammar's node-types): their children need no field lookup. */
  fieldless: boolean[];
  /** Types that never have children (tokens): the walk does not try to descend into them. */
  leaf: boolean[];
  /** Statement types (`*_statement`): `keepStatement` is asked about them. */
  statement: boolean[];
  /**
   * Tokens whose text is their type (`;`, `(`, `return`): their end is their start plus the type's
   * length, unless MISSING. Not the preprocessor's `#define`, `#ifdef`...: tree-sitter-c's alias of
   * `#` + spaces + the word.
   */
  literal: boolean[];
  fieldlessNames: Set<string>;
  leafNames: Set<string>;
}

/** The children of every token: one frozen empty array rather than one per token (a third of a tree's allocations). */
const NO_CHILDREN: FNode[] = Object.freeze([]) as unknown as FNode[];

/** Tables per language object (trees of one grammar share them). */
const tablesByLanguage = new WeakMap<object, IdTables>();

/** A type of node-types.json as the grammar package ships it. */
interface NodeTypeInfo {
  type: string;
  named: boolean;
  fields?: Record<string, unknown>;
  children?: unknown;
  subtypes?: unknown;
}

function idTables(tree: Tree): IdTables {
  const lang = (tree as unknown as { language?: object }).language ?? tablesByLanguage;
  let t = tablesByLanguage.get(lang);
  if (!t) {
    // node-types.json as the grammar package ships it: a named type listed without fields never
    // has a child under a field, and a token is listed with no `fields` entry at all (a rule with
    // only unnamed children, `static` in a storage_class_specifier, has `fields: {}`). ERROR and
    // anything not listed are asked about every child.
    const info = (lang as { nodeTypeInfo?: NodeTypeInfo[] }).nodeTypeInfo ?? [];
    const fieldless = info.filter((i) => i.named && Object.keys(i.fields ?? {}).length === 0);
    const fieldlessNames = new Set(fieldless.map((i) => i.type));
    const leafNames = new Set(fieldless.filter((i) => !i.fields && !i.children && !i.subtypes).map((i) => i.type));
    fieldlessNames.delete('ERROR');
    leafNames.delete('ERROR');
    t = {
      types: [],
      named: [],
      fields: [],
      fieldless: [],
      leaf: [],
      statement: [],
      literal: [],
      fieldlessNames,
      leafNames,
    };
    tablesByLanguage.set(lang, t);
  }
  return t;
}

/** Which parts of a tree `flatten` copies; by default all of it. */
export interface FlattenOptions {
  /**
   * Called with each top-level item's range and type (a child of the root): false keeps the item as a leaf,
   * its subtree not copied (scans skip the items in which no rule's words occur; the file's item
   * list and sibling indexes stay as they are).
   */
  keepItem?: (start: number, end: number, type: string) => boolean;
  /**
   * Called with each function definition's range and its body's start: false keeps the body as a leaf marked `folded`
   * (ports skip the bodies no rule can match in; the signature is copied).
   */
  keepBody?: (start: number, end: number, bodyStart: number) => boolean;
  /**
   * Called with the range of each statement below the root's children: false keeps the statement
   * as a leaf (scans skip the statements in which no rule's words occur, when no rule's pattern
   * spans statements).
   */
  keepStatement?: (start: number, end: number) => boolean;
  /**
   * Also index the nodes by this key of their type (`FlatTree.byKey`; the matcher's normalised
   * type): made while each node is new, it saves a second pass over every node of a large file.
   */
  indexKey?: (type: string) => string;
}

/**
 * Build the flat tree of `tree` (see `FlattenOptions` for the parts left out). Each read of the
 * cursor crosses into the native binding, so the walk reads only what it cannot know: a node with
 * children starts where its first child starts (its start is filled in when the walk reaches its
 * first token), a token is not asked for children, and a literal token's end is its start plus
 * its length (test/match/flat.test.ts checks the copy against one that asks for everything).
 */
export function flatten(tree: Tree, options: FlattenOptions = {}): FlatTree {
  const { keepItem, keepBody, keepStatement, indexKey } = options;
  const cursor = tree.walk();
  const byType = new Map<string, FNode[]>();
  const all: FNode[] = [];
  const ids = idTables(tree);
  // MISSING nodes only exist in trees with errors, and are always empty: ask only for those.
  const mayMiss = tree.rootNode.hasError;
  // `keepItem` and `keepStatement` read an item's or a statement's start before the walk enters it.
  const itemStart = !!keepItem;
  const statementStart = !!keepStatement;
  // Per node on the stack: whether its type holds no field (its children skip the field lookup).
  const noFields: boolean[] = [];
  // What the node `make` made last is, from its symbol id's tables.
  let nodeFieldless = false;
  let nodeLeaf = false;
  let nodeStatement = false;
  // Nodes made whose start is not known yet: the chain of first children down to the next token.
  const pending: FNode[] = [];
  // The children of the nodes on the walk's stack, each node's after its parent's (`bases`: where
  // each one's start). A node's list is cut from it, at its size, when the walk leaves it: an array
  // grown by `push` from empty keeps room for 16 children, and most nodes have two or three.
  const kids: FNode[] = [];
  const bases: number[] = [];
  // This walk's `byType` list for each symbol id.
  const lists: Array<FNode[] | undefined> = [];
  // The same for `byKey`.
  const byKey = indexKey ? new Map<string, FNode[]>() : undefined;
  const keyLists: Array<FNode[] | undefined> = [];
  const make = (parent: FNode | null, index: number): FNode => {
    const id = cursor.nodeTypeId;
    let type = ids.types[id];
    if (type === undefined) {
      type = ids.types[id] = cursor.nodeType;
      const named = (ids.named[id] = cursor.nodeIsNamed);
      ids.fieldless[id] = named && ids.fieldlessNames.has(type);
      ids.leaf[id] = named ? ids.leafNames.has(type) : true;
      ids.literal[id] = !named && !type.startsWith('#');
      ids.statement[id] = type.endsWith('_statement');
    }
    let field: string | null = null;
    if (parent === null || !noFields[noFields.length - 1]) {
      const fid = cursor.currentFieldId;
      const known = ids.fields[fid];
      field = known !== undefined ? known : (ids.fields[fid] = cursor.currentFieldName ?? null);
    }
    nodeLeaf = ids.leaf[id];
    let start = -1;
    let end: number;
    let missing = false;
    if (nodeLeaf || (itemStart && parent !== null && parent.parent === null) || (statementStart && ids.statement[id]))
      start = cursor.startIndex;
    if (nodeLeaf && ids.literal[id] && !mayMiss) end = start + type.length;
    else {
      end = cursor.endIndex;
      missing = mayMiss && start === end && nodeLeaf && cursor.nodeIsMissing;
    }
    const n: FNode = {
      type,
      start,
      end,
      named: ids.named[id],
      field,
      // A node that may have children gets its own list when the walk leaves it (`done`).
      children: NO_CHILDREN,
      parent,
      error: type === 'ERROR',
      missing,
      index,
    };
    if (start < 0) pending.push(n);
    else if (pending.length > 0) {
      for (const p of pending) p.start = start;
      pending.length = 0;
    }
    nodeFieldless = ids.fieldless[id];
    nodeStatement = ids.statement[id];
    all.push(n);
    let list = lists[id];
    if (list === undefined) {
      list = byType.get(type);
      if (!list) byType.set(type, (list = []));
      lists[id] = list;
    }
    list.push(n);
    if (byKey) {
      let keyed = keyLists[id];
      if (keyed === undefined) {
        const key = (indexKey as (type: string) => string)(type);
        keyed = byKey.get(key);
        if (!keyed) byKey.set(key, (keyed = []));
        keyLists[id] = keyed;
      }
      keyed.push(n);
    }
    return n;
  };
  // The walk enters `n` (just made): a node that may have children starts its list in `kids`.
  const enter = (n: FNode): void => {
    stack.push(n);
    noFields.push(nodeFieldless);
    bases.push(nodeLeaf ? -1 : kids.length);
  };
  // The walk leaves the node on top of the stack: it takes its children, in an array of their number.
  const leave = (): void => {
    const n = stack.pop() as FNode;
    noFields.pop();
    const base = bases.pop() as number;
    if (base < 0) return;
    n.children = kids.slice(base);
    kids.length = base;
  };
  const stack: FNode[] = [];
  const root = make(null, 0);
  enter(root);
  // Iterative pre-order walk.
  let node = root;
  for (;;) {
    let descend = !nodeLeaf && (!keepItem || stack.length !== 2 || keepItem(node.start, node.end, node.type));
    // The function whose body this node is, if it is one.
    const fn = node.field === 'body' && node.type === 'compound_statement' ? node.parent : null;
    const body = fn?.type === 'function_definition';
    if (descend && keepBody && fn && body) {
      // Its start, and so the function's, is known once asked (a body is never the first child).
      const bodyStart = node.start >= 0 ? node.start : cursor.startIndex;
      if (!keepBody(fn.start, fn.end, bodyStart)) {
        node.folded = { hasError: mayMiss && cursor.currentNode.hasError };
        descend = false;
      }
    }
    // A function body `keepBody` kept is copied: it is folded (and marked) or not at all.
    if (
      descend &&
      keepStatement &&
      stack.length > 2 &&
      !(body && keepBody) &&
      nodeStatement &&
      !keepStatement(node.start, node.end)
    )
      descend = false;
    if (descend && cursor.gotoFirstChild()) {
      const child = make(node, 0);
      kids.push(child);
      enter(child);
      node = child;
      continue;
    }
    // A node left without children (folded, kept as a leaf, or a token node-types does not name as
    // one): its start is asked, and whether it is MISSING as for a token.
    if (node.start < 0) {
      const start = cursor.startIndex;
      for (const p of pending) p.start = start;
      pending.length = 0;
      node.missing = mayMiss && start === node.end && cursor.nodeIsMissing;
    }
    for (;;) {
      if (stack.length === 1) {
        leave();
        return byKey ? { root, byType, all, byKey } : { root, byType, all };
      }
      leave();
      if (cursor.gotoNextSibling()) {
        const top = stack.length - 1;
        const sib = make(stack[top], kids.length - bases[top]);
        kids.push(sib);
        enter(sib);
        node = sib;
        break;
      }
      cursor.gotoParent();
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
