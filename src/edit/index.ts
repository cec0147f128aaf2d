/**
 * Edit stage: turns each rule's matches into edits (one builder per rule kind), puts them through
 * the passes (passes.ts: blank lines, regions, overrides, nesting, order) and applies the result
 * with the one applier (apply.ts). The runner has no rule-specific logic.
 */
export { applyEdits, replacements } from './apply';
export type { Applied, Placed } from './apply';
export { blockPlaceholder } from './kinds/common';
export { buildEdits } from './passes';
export type { Edit, Region } from './types';
export { Slot } from './types';
