/**
 * The registry of selectors: every selector module, in the order the docs list them. The rule
 * language (rules/language: schema, docs tables, compiler, needs) and the matching dispatch
 * (`select`) read this list; the compiled `Selector` type is the union of the modules' compiled
 * forms. Adding a selector is adding its module here.
 */
import type { Match, MatchContext } from '../select';
import { COMMENT_LINE } from './comment-line';
import { FILE } from './file';
import { INCLUDE } from './include';
import { ITEMS } from './items';
import { NAMED_KIND_MODULES } from './named';
import type { NamedKind } from './named';
import type { NamedSelector } from './named/kind';
import { PATTERN } from './pattern';
import { QUERY } from './query';
import type { CompiledOf, SelectorModule } from './types';

/** Every selector, in the order the docs list them. */
export const SELECTOR_MODULES = [PATTERN, QUERY, ...NAMED_KIND_MODULES, ITEMS, INCLUDE, COMMENT_LINE, FILE] as const;

/**
 * What a rule selects (the text it changes) or, for `insert`, the anchor it inserts next to.
 * Exactly one per rule: the compiled form of one selector module.
 */
export type Selector = Exclude<CompiledOf<(typeof SELECTOR_MODULES)[number]>, NamedSelector> | NamedSelector<NamedKind>;

/** A selector module as the dispatch sees it. */
export type AnySelectorModule = SelectorModule<never, Selector>;

const MODULES = SELECTOR_MODULES as unknown as readonly AnySelectorModule[];

/** The module that compiled `sel`. */
export function selectorModule(sel: Selector): AnySelectorModule {
  const m = MODULES.find((s) => s.owns(sel));
  if (!m) throw new Error(`no selector module for '${sel.type}'`);
  return m;
}

/**
 * All matches of a selector, in document order (before scope filtering). `within` (the rule's scope
 * ranges) lets a selector skip work outside them; matches outside may still be returned.
 */
export function select(
  ctx: MatchContext,
  sel: Selector,
  within?: ReadonlyArray<{ start: number; end: number }>,
): Match[] {
  return selectorModule(sel).find(ctx, sel, within);
}

export {
  NAMED_KIND_MODULES,
  itemRange,
  itemsOf,
  namedBodyNeed,
  namedItems,
  namedKindModule,
  selectNamed,
} from './named';
export type { NamedKind } from './named';
export type { CompiledSelector, NameGroup, SelectorInput, SelectorModule, SelectorNeed } from './types';
export { SelectorRefusal } from './types';
export { includePath } from './include';
