/**
 * Edit stage: turns each rule's matches into edits (one builder per rule kind), resolves regions
 * and overlaps, and applies the result. The runner has no rule-specific logic.
 */
import { Diagnostic } from '../diagnostics';
import type { RuleMatches } from '../match';
import type { Rule } from '../rules/types';
import { Built } from './kinds/common';
import { buildDelete } from './kinds/delete';
import { buildDisable } from './kinds/disable';
import { buildGuard } from './kinds/guard';
import { buildIncludes } from './kinds/includes';
import { buildInsert } from './kinds/insert';
import { buildReplace } from './kinds/replace';
import { collapseBlankLines } from './blank-lines';
import { resolveEdits } from './resolve';
import { Edit, Region } from './types';

export { applyEdits } from './apply';
export { blockPlaceholder } from './kinds/common';
export type { Edit, Region } from './types';
export { Slot } from './types';

function buildFor(r: RuleMatches, text: string, file: string): Built {
  const { rule, matches } = r;
  switch (rule.kind) {
    case 'replace':
      return buildReplace(rule, matches, text, file);
    case 'delete':
      return buildDelete(rule, matches, text);
    case 'disable':
      return buildDisable(rule, matches, text, file);
    case 'insert':
      return buildInsert(rule, matches, text);
    case 'includes':
      return buildIncludes(rule, matches, text);
    case 'guard':
      return buildGuard(rule, matches, text, file);
  }
}

/** Build and resolve the edits of all rules. */
export function buildEdits(results: RuleMatches[], text: string, file: string): { edits: Edit[]; regions: Region[]; diagnostics: Diagnostic[] } {
  const edits: Edit[] = [];
  const regions: Region[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const r of results) {
    const b = buildFor(r, text, file);
    edits.push(...b.edits);
    regions.push(...b.regions);
    diagnostics.push(...b.diagnostics);
  }
  collapseBlankLines(edits, text);
  const rules = new Map<string, Rule>(results.map((r) => [r.rule.id, r.rule]));
  const resolved = resolveEdits(edits, regions, rules, text, file);
  return { edits: resolved.edits, regions: resolved.regions, diagnostics: [...diagnostics, ...resolved.diagnostics] };
}
