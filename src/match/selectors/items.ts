/** `items:`: named items of several kinds as one selection. */
import type { BodyNeed } from '../need';
import { namedBodyNeed, selectNamed } from './named';
import type { NamedKind } from './named';
import { selector } from './types';
import type { NameGroup } from './types';
import { custom, nameList } from './value';

/** The `items:` selector. Its schema names the other named selectors: built in rules/language/schema.ts. */
export const ITEMS = selector<
  Array<Record<string, string | string[]>>,
  { type: 'items'; items: Array<NameGroup<NamedKind>> }
>({
  key: 'items',
  value: custom({}),
  doc: 'named items of several kinds as one selection: a list of `{ function: ... }`, `{ declaration: ... }`, `{ call: ... }`, ... entries (e.g. functions, an initializer and module macros wrapped in one `#if 0` region)',
  owns: (sel) => sel.type === 'items',
  compile: (v) => {
    const items = v.map((entry) => {
      const [kind, list] = Object.entries(entry)[0];
      return { kind: kind as NamedKind, names: nameList(list) };
    });
    return { select: { type: 'items', items }, bound: [], diagnostics: [] };
  },
  find: (ctx, sel) => sel.items.flatMap((i) => selectNamed(ctx, i.kind, i.names)).sort((a, b) => a.start - b.start),
  need: (s) => {
    const body: BodyNeed = { words: [], defs: [], scopes: [] };
    for (const i of s.items) namedBodyNeed(i.kind, i.names, body);
    return { words: { all: [], any: [] }, oneItem: false, oneStatement: false, body };
  },
  nameGroups: (s) => s.items,
});
