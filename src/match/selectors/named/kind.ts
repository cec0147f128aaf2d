/**
 * A named kind: a selector of items found by name (`function:`, `struct:`, ...). Each kind is one
 * module of this folder that says how to find its items in the tree (and, when it differs, their
 * range and where they can be defined); `namedKind` makes the rest of its selector (compile, find,
 * need, names) the same for every kind.
 */
import type { FlatTree, FNode } from '../../flat';
import { nodeRange } from '../../named';
import type { NamedItem } from '../../named';
import type { BodyNeed } from '../../need';
import type { Match, MatchContext } from '../../select';
import type { NameGroup, SelectorModule } from '../types';
import { nameList, names } from '../value';

/** The compiled selector of a named kind: every name must match. */
export interface NamedSelector<K extends string = string> {
  type: 'named';
  kind: K;
  names: string[];
}

/**
 * Where an item of a kind can be: `function` / `struct`: it is a function or struct definition,
 * found from its name without reading its body (only a definition nested in a body needs that
 * body); `top-level`: only at file level (it never needs a body); absent: anywhere, its name in
 * the text.
 */
export type NamedWhere = 'function' | 'struct' | 'top-level';

/** What a named kind's module declares. */
export interface NamedKindDef<K extends string> {
  key: K;
  /** Its schema description. */
  description: string;
  /** Its row in the docs table of selectors. */
  doc: string;
  /** False when `items:` entries may not use it (default true). */
  inItems?: boolean;
  where?: NamedWhere;
  /** Every item of the kind in `tree` (of `text`), with its name, in document order. */
  items(tree: FlatTree, text: string): Array<{ node: FNode; name: string }>;
  /** The source range of an item; default: its node, without a final newline. */
  range?(node: FNode, text: string): { start: number; end: number };
}

/** A named kind's selector module, with what the other selectors read of it. */
export type NamedKindModule<K extends string = string> = SelectorModule<string | string[], NamedSelector<K>> &
  Pick<NamedKindDef<K>, 'where' | 'items'> & {
    key: K;
    range(node: FNode, text: string): { start: number; end: number };
  };

/** The items of kind `key`, found once per context. */
export function cachedItems(ctx: MatchContext, key: string, items: NamedKindDef<string>['items']): NamedItem[] {
  let found = ctx.named.get(key);
  if (!found) ctx.named.set(key, (found = items(ctx.flat, ctx.src.masked).map((it) => ({ kind: key, ...it }))));
  return found;
}

/** Add what named items of a kind (at `where`) over `list` need from function bodies to `need`. */
export function addBodyNeed(where: NamedWhere | undefined, list: readonly string[], need: BodyNeed): void {
  if (where === 'top-level') return;
  if (where) need.defs.push(...list.map((name) => ({ kind: where, name })));
  else need.words.push({ all: [], any: list });
}

/** The selector module of a named kind. */
export function namedKind<const K extends string>(def: NamedKindDef<K>): NamedKindModule<K> {
  const range = def.range ?? nodeRange;
  return {
    key: def.key,
    value: names(def.description),
    doc: def.doc,
    named: true,
    inItems: def.inItems ?? true,
    where: def.where,
    items: def.items,
    range,
    owns: (sel) => sel.type === 'named' && sel.kind === def.key,
    compile: (v) => ({ select: { type: 'named', kind: def.key, names: nameList(v) }, bound: [], diagnostics: [] }),
    find: (ctx, sel): Match[] => {
      const wanted = new Set(sel.names);
      return cachedItems(ctx, def.key, def.items)
        .filter((it) => wanted.has(it.name))
        .map((it) => ({
          ...range(it.node, ctx.src.text),
          nodes: [it.node],
          captures: new Map(),
          name: it.name,
          kind: def.key,
        }));
    },
    need: (sel) => {
      const body: BodyNeed = { words: [], defs: [], scopes: [] };
      addBodyNeed(def.where, sel.names, body);
      return { words: { all: [], any: sel.names }, oneItem: true, oneStatement: false, body };
    },
    nameGroups: (sel): NameGroup[] => [{ kind: sel.kind, names: sel.names }],
  };
}
