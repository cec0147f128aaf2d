/**
 * What a rule needs from a file, derived once when it is compiled: its selector's declared need
 * (selectors.ts) narrowed by its scope. The scan's prefilter and partial copies and the port's
 * folding of function bodies all read the result (`rule.need`). A selector that declares no need
 * gets NEEDS_EVERYTHING: it runs on the whole tree (fail closed).
 */
import { NEEDS_EVERYTHING } from '../../match/need';
import type { RuleNeed } from '../../match/need';
import type { Scope, Selector } from '../types';
import type { SelectorDef } from './selectors';

/** The need of a rule with selector `select` (defined by `def`) and scope `scope`. */
export function ruleNeed(def: SelectorDef, select: Selector, scope: Scope): RuleNeed {
  const own = def.need?.(select);
  if (!own) return NEEDS_EVERYTHING;
  const scopeNames = [...scope.functions, ...scope.structs];
  // Every match of a scoped rule lies in a function or struct of its scope: their definitions (and
  // the bodies of the functions, whose name is in their header) are what it needs.
  const body = scopeNames.length
    ? {
        words: [],
        defs: [
          ...scope.functions.map((name) => ({ kind: 'function' as const, name })),
          ...scope.structs.map((name) => ({ kind: 'struct' as const, name })),
        ],
        scopes: [...scope.functions],
      }
    : own.body;
  return {
    words: own.words,
    // An item inside a scope has the scope's name in it only when there is a single scope name.
    ...(own.oneItem
      ? { itemWords: { all: [...own.words.all, ...(scopeNames.length === 1 ? scopeNames : [])], any: own.words.any } }
      : {}),
    oneStatement: own.oneStatement,
    ...(body ? { body } : {}),
  };
}
