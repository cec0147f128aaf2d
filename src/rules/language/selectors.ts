/**
 * The selectors of the rule language. Each is one module of the match stage
 * (src/match/selectors/<key>.ts, a named kind src/match/selectors/named/<kind>.ts) that owns its
 * key, schema and doc text, the kinds that take it, its compile step, its matcher and its need;
 * this file gives the rule language (schema, docs, compiler, messages) the registry in its terms.
 * A selector without `need` runs on the whole tree (need.ts).
 */
import { SELECTOR_MODULES } from '../../match/selectors';
import type { AnySelectorModule } from '../../match/selectors';

export type { SelectorNeed } from '../../match/selectors';

/** One selector of the rule language (a module of src/match/selectors). */
export type SelectorDef = AnySelectorModule;

/** Every selector, in the order the docs list them. */
export const SELECTORS: readonly SelectorDef[] = SELECTOR_MODULES as unknown as readonly SelectorDef[];

/** The selector keys, in the order the docs list them. */
export const SELECTOR_KEYS: readonly string[] = SELECTORS.map((s) => s.key);

/** The named kinds (`function:`, `struct:`, ...). */
export const NAMED_KINDS: readonly string[] = SELECTORS.filter((s) => s.named).map((s) => s.key);

/** The definition of selector `key`. */
export function selectorDef(key: string): SelectorDef | undefined {
  return SELECTORS.find((s) => s.key === key);
}
