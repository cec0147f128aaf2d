/**
 * The rule kinds of the rule language. Each is one module of the edit stage
 * (src/edit/kinds/<kind>.ts) that owns its keys with their doc text, defaults, comment placements,
 * tie rank, cross-key checks, compile step and edit builder; this file gives the rule language
 * (schema, docs, compiler, messages, rule order) the registry in its terms.
 */
import { KIND_KEYS, KIND_MODULES, KIND_TIE_ORDER, kindModuleOf } from '../../edit/kinds';
import type { AnyKindModule, RuleKind } from '../../edit/kinds';
import type { RawOf } from './value';

export type { KindProblem } from '../../edit/kinds';
export { KIND_TIE_ORDER };
export { blocksPlaced } from '../../edit/kinds';

/** A rule as written (schema-checked), with the kind-specific keys typed. */
export type RawKindKeys = RawOf<typeof KIND_KEYS>;

/** One rule kind (a module of src/edit/kinds). */
export type KindDef = AnyKindModule;

/** Every rule kind, in the order the docs list them. */
export const KINDS: readonly KindDef[] = KIND_MODULES as unknown as readonly KindDef[];

/** The definition of kind `name`. */
export function kindDef(name: RuleKind): KindDef {
  return kindModuleOf(name);
}
