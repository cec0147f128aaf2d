/**
 * The registry of rule kinds: every kind module (src/edit/kinds/<kind>.ts), in the order the docs
 * list them. Each module owns its keys with their doc text, defaults, comment placements, tie rank,
 * compile step and edit builder; the rule language (src/rules/language: schema, docs tables,
 * compiler, messages), the compiled `Rule` type and the edit dispatch read this list. Adding a kind
 * is adding its module here.
 */
import type { Match } from '../../match';
import type { Built } from './common';
import { DELETE } from './delete';
import { DISABLE } from './disable';
import { GUARD } from './guard';
import { INCLUDES } from './includes';
import { INSERT } from './insert';
import type { KindKeys, KindModule } from './kind';
import { REPLACE } from './replace';

/** Every rule kind, in the order the docs list them. */
export const KIND_MODULES = [REPLACE, DELETE, DISABLE, INSERT, INCLUDES, GUARD] as const;

type Modules = (typeof KIND_MODULES)[number];

/** The kinds of rule. */
export type RuleKind = Modules['name'];

/** Any compiled rule: the union of the kinds' compiled forms. */
export type Rule = Modules extends infer M ? (M extends KindModule<string, infer R, KindKeys> ? R : never) : never;

/** A kind module as the dispatch sees it. */
export type AnyKindModule = KindModule<RuleKind, never, KindKeys>;

const MODULES = KIND_MODULES as unknown as readonly AnyKindModule[];

/** The kind names, in the order the docs list them. */
export const KIND_NAMES: readonly RuleKind[] = MODULES.map((m) => m.name);

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/** Every key that some kind takes (a key shared by kinds once), in the order the kinds list them. */
export const KIND_KEYS = Object.assign({}, ...MODULES.map((m) => m.keys)) as UnionToIntersection<Modules['keys']>;

/**
 * The order of the kinds for edits of several rules at one place (one offset and slot, see
 * ../types.ts), by each module's `tieRank`: text that rules insert first, then regions, then the
 * changes whose reason comment must stay next to the code it explains (a replacement's `above`
 * reason right above its statement, after a blank line another rule inserts there). Rules of one
 * kind at one place follow where they are written (src/rules/order.ts).
 */
export const KIND_TIE_ORDER: readonly RuleKind[] = [...MODULES]
  .sort((a, b) => a.tieRank - b.tieRank)
  .map((m) => m.name);

/** The module of kind `name`. */
export function kindModuleOf(name: RuleKind): AnyKindModule {
  const m = MODULES.find((k) => k.name === name);
  if (!m) throw new Error(`unknown rule kind '${name}'`);
  return m;
}

/** The Xen-owned blocks the edits of `rule` place, by its kind's module. */
export function blocksPlaced(rule: Rule): string[] {
  const placed = kindModuleOf(rule.kind).blocksPlaced?.(rule as never) ?? [];
  return placed.filter((b): b is string => b !== undefined);
}

/** The edits of one rule, built by its kind's module. */
export function buildRule(rule: Rule, matches: Match[], text: string, file: string): Built {
  return kindModuleOf(rule.kind).build(rule as never, matches, text, file);
}

export type { Combinator, KindFields, KindKeys, KindModule, KindProblem } from './kind';
export { DELETE, DISABLE, GUARD, INCLUDES, INSERT, REPLACE };
export type { DeleteRule } from './delete';
export type { DisableRule } from './disable';
export type { GuardRule } from './guard';
export type { IncludesRule } from './includes';
export type { InsertRule } from './insert';
export type { ReplaceRule } from './replace';
