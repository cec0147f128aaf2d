/**
 * The rule language, defined once: its common keys (keys.ts), selectors (selectors.ts: the registry
 * of the selector modules of src/match/selectors/) and kinds (kinds.ts: the registry of the kind
 * modules of src/edit/kinds/). The published schema (schema.ts), the docs tables (docs.ts), the name lists of the
 * messages and the compiler (../compile.ts) all read these definitions.
 */
export { COMMON_KEYS, KIND_KEYS, KIND_NAMES, PLACEMENTS, REASON_PREFIX, STYLED_PLACEMENTS } from './keys';
export { KINDS, kindDef } from './kinds';
export type { KindDef, KindProblem } from './kinds';
export { NAMED_KINDS, SELECTORS, SELECTOR_KEYS, selectorDef } from './selectors';
export type { SelectorDef, SelectorNeed } from './selectors';
export { kindsText, rulesSchema, rulesSchemaText } from './schema';
