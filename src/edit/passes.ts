/**
 * The edit stage as explicit steps, each with its own input and output:
 * 1. build: each rule kind's builder turns the rule's matches into planned edits and regions, and
 *    marks where on them the rule's reason can go (kinds/, with reason.ts); matches inside a
 *    `#define` body go only to edits that keep it one logical line (macro-bodies.ts);
 * 2. reasons: the `/* Xen: *\/` reason is written at the sites of the rule's placement (reason.ts);
 * 3. blank lines: touching whole-line deletions take a doubled blank line with them (blank-lines.ts);
 * 4. regions: edits inside other rules' `#if 0` regions go, edits crossing them are errors (regions.ts);
 * 5. overrides: edits of overridden rules go where an overriding rule edits, with their reasons (overrides.ts);
 * 6. nesting: edits inside deletions go, edits inside copied template text are applied to the copy (nest.ts);
 * 7. order: the one order, overlaps reported, planned edits become `Edit`s (overlaps.ts).
 * The result goes to the one applier (apply.ts).
 */
import type { Diagnostic } from '../diagnostics';
import type { RuleMatches } from '../match';
import type { RuleDerived } from '../match/memo';
import type { Rule } from './kinds';
import { collapseBlankLines } from './blank-lines';
import { editableMatches } from './macro-bodies';
import { buildRule } from './kinds';
import { resolveNesting } from './nest';
import { orderEdits } from './overlaps';
import { dropOverridden } from './overrides';
import { placeReasons } from './reason';
import { dropInsideRegions } from './regions';
import type { Edit, PlannedEdit, Region } from './types';

/** What step 1 makes of one rule's matches. */
interface RuleBuilt {
  edits: readonly PlannedEdit[];
  regions: readonly Region[];
  diagnostics: readonly Diagnostic[];
}

/** The planned edits, regions and diagnostics of one rule's matches (step 1 for one rule). */
function buildOne(r: RuleMatches<Rule>, text: string, file: string): RuleBuilt {
  const { matches, diagnostics } = editableMatches(r.rule, r.matches, text, file);
  const b = buildRule(r.rule, matches, text, file);
  return { edits: b.edits, regions: b.regions, diagnostics: [...diagnostics, ...b.diagnostics] };
}

/** The planned edits and regions of every rule, with their reason sites (step 1). */
function buildAll(
  results: readonly RuleMatches<Rule>[],
  text: string,
  file: string,
  keep?: RuleDerived,
): { edits: PlannedEdit[]; regions: Region[]; diagnostics: Diagnostic[] } {
  const out = { edits: [] as PlannedEdit[], regions: [] as Region[], diagnostics: [] as Diagnostic[] };
  for (const r of results) {
    const b = keep ? keep(r.rule, r.matches, text, file, () => buildOne(r, text, file)) : buildOne(r, text, file);
    out.edits.push(...b.edits);
    out.regions.push(...b.regions);
    // Diagnostics are the caller's to change: kept ones are copied.
    out.diagnostics.push(...(keep && b.diagnostics.length ? structuredClone(b.diagnostics) : b.diagnostics));
  }
  return out;
}

/**
 * The edits of all rules, through every pass: sorted and ready for the applier. With `keep` (a
 * match memo's `derived`, src/match/memo.ts), what step 1 made of an unchanged rule's matches in an
 * earlier port is taken again; the passes after it copy what they change.
 */
export function buildEdits(
  results: RuleMatches<Rule>[],
  text: string,
  file: string,
  keep?: RuleDerived,
): { edits: Edit[]; regions: Region[]; diagnostics: Diagnostic[] } {
  const rules = new Map<string, Rule>(results.map((r) => [r.rule.id, r.rule]));
  const built = buildAll(results, text, file, keep);
  const placed = placeReasons(built.edits, rules);
  const tidy = collapseBlankLines(placed, text);
  const outside = dropInsideRegions(tidy, built.regions, rules, text, file);
  const kept = dropOverridden(outside.edits, rules);
  const nested = resolveNesting(kept, text, file);
  const ordered = orderEdits(nested.edits, rules, text, file);
  return {
    edits: ordered.edits,
    regions: outside.regions,
    diagnostics: [...built.diagnostics, ...outside.diagnostics, ...nested.diagnostics, ...ordered.diagnostics],
  };
}
