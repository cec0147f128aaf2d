/**
 * Edit stage: turns each rule's matches into edits (one builder per rule kind), resolves regions
 * and overlaps, and applies the result. The runner has no rule-specific logic.
 */
import { Diagnostic } from '../diagnostics';
import type { RuleMatches } from '../match';
import type { Rule } from '../rules/types';
import { collapseBlankLines } from './blank-lines';
import { buildRule } from './kinds';
import { resolveEdits } from './resolve';
import { Edit, Region } from './types';

export { applyEdits } from './apply';
export { blockPlaceholder } from './kinds/common';
export type { Edit, Region } from './types';
export { Slot } from './types';

/** Build and resolve the edits of all rules. */
export function buildEdits(results: RuleMatches<Rule>[], text: string, file: string): { edits: Edit[]; regions: Region[]; diagnostics: Diagnostic[] } {
  const edits: Edit[] = [];
  const regions: Region[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of results) {
    const b = buildRule(r.rule, r.matches, text, file);
    edits.push(...b.edits);
    regions.push(...b.regions);
    diagnostics.push(...b.diagnostics);
  }
  collapseBlankLines(edits, text);
  const rules = new Map<string, Rule>(results.map((r) => [r.rule.id, r.rule]));
  const resolved = resolveEdits(edits, regions, rules, text, file);
  return { edits: resolved.edits, regions: resolved.regions, diagnostics: [...diagnostics, ...resolved.diagnostics] };
}
