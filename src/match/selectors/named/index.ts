/**
 * The named kinds (`function:`, `struct:`, ...), one module each, in the order the docs list them.
 * Scopes, drift hints, `items:` and learning find named items through this list.
 */
import type { FlatTree } from '../../flat';
import type { NamedItem } from '../../named';
import type { BodyNeed } from '../../need';
import type { Match, MatchContext } from '../../select';
import { CALL } from './call';
import { DECLARATION } from './declaration';
import { ENUM } from './enum';
import { FIELD } from './field';
import { FUNCTION } from './function';
import { addBodyNeed, cachedItems } from './kind';
import type { NamedKindModule } from './kind';
import { LABEL } from './label';
import { MACRO } from './macro';
import { SIGNATURE } from './signature';
import { STRUCT } from './struct';

/** Every named kind, in the order the docs list them. */
export const NAMED_KIND_MODULES = [FUNCTION, STRUCT, ENUM, DECLARATION, MACRO, CALL, FIELD, LABEL, SIGNATURE] as const;

/** Named items a rule can select or anchor on. */
export type NamedKind = (typeof NAMED_KIND_MODULES)[number]['key'];

const BY_KEY = new Map<string, NamedKindModule>(
  NAMED_KIND_MODULES.map((m) => [m.key, m as unknown as NamedKindModule]),
);

/** The module of named kind `kind`. */
export function namedKindModule(kind: string): NamedKindModule {
  const m = BY_KEY.get(kind);
  if (!m) throw new Error(`unknown named kind '${kind}'`);
  return m;
}

/** Every named item of one kind in `tree` (of `text`), in document order. */
export function namedItems(tree: FlatTree, kind: NamedKind, text: string): NamedItem[] {
  return namedKindModule(kind)
    .items(tree, text)
    .map((it) => ({ kind, ...it }));
}

/** Named items of one kind, found once per context. */
export function itemsOf(ctx: MatchContext, kind: NamedKind): NamedItem[] {
  return cachedItems(ctx, kind, namedKindModule(kind).items);
}

/** The source range of an item (a struct definition takes its `;`, a signature stops at its parameters). */
export function itemRange(item: NamedItem, text: string): { start: number; end: number } {
  return namedKindModule(item.kind).range(item.node, text);
}

/** Named items of kind `kind` whose name is in `names`, as matches. */
export function selectNamed(ctx: MatchContext, kind: NamedKind, names: string[]): Match[] {
  return namedKindModule(kind).find(ctx, { type: 'named', kind, names });
}

/** What named items of `kind` over `list` need from function bodies, added to `need`. */
export function namedBodyNeed(kind: NamedKind, list: readonly string[], need: BodyNeed): void {
  addBodyNeed(namedKindModule(kind).where, list, need);
}
