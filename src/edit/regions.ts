/**
 * The regions pass (passes.ts): edits strictly inside another rule's `#if 0` region are dropped
 * (info XP202: Linux text stays verbatim there), edits crossing a region's boundary are errors
 * naming both rules (XP201), and a region inside another rule's region goes like any inner edit.
 * A rule that `overrides` another also removes that rule's regions lying inside its edits.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { Rule } from './kinds';
import { ruleRef, where } from './kinds/common';
import type { PlannedEdit, Region } from './types';

function strictlyInside(e: PlannedEdit, r: Region): boolean {
  if (e.start === e.end) return r.start < e.start && e.start < r.end;
  return r.start <= e.start && e.end <= r.end;
}

/** True when a non-empty edit straddles a region boundary (or swallows the region). */
function crosses(e: PlannedEdit, r: Region): boolean {
  return (e.start < r.start && e.end > r.start) || (e.start < r.end && e.end > r.end);
}

/**
 * The edits outside other rules' regions, and the regions not inside another rule's (of two equal
 * regions, the one of the rule first in rule order is the outer one).
 */
export function dropInsideRegions(
  edits: readonly PlannedEdit[],
  regions: readonly Region[],
  rules: ReadonlyMap<string, Rule>,
  text: string,
  file: string,
): { edits: PlannedEdit[]; regions: Region[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  // A region inside an edit of a rule that overrides the region's rule goes, with its markers
  // (the overrides pass drops those): a Xen-owned block replacing a function that held a disabled region.
  const overriders = edits.filter((e) => rules.get(e.ruleId)?.overrides?.length && e.end > e.start);
  const live = regions.filter(
    (r) =>
      !overriders.some(
        (o) => rules.get(o.ruleId)!.overrides!.includes(r.ruleId) && o.start <= r.start && r.end <= o.end,
      ),
  );
  const outer = live.filter(
    (r) =>
      !live.some(
        (o) =>
          o !== r &&
          o.ruleId !== r.ruleId &&
          o.start <= r.start &&
          r.end <= o.end &&
          (o.start < r.start || r.end < o.end || o.order < r.order),
      ),
  );
  const kept: PlannedEdit[] = [];
  for (const e of edits) {
    const host = outer.find((r) => r.ruleId !== e.ruleId && strictlyInside(e, r));
    if (host) {
      diagnostics.push(
        diag(
          'XP202',
          `edit of rule '${e.ruleId}' is inside the #if 0 region of rule '${host.ruleId}' and is not applied`,
          { location: where(file, text, e.start), ruleId: e.ruleId },
        ),
      );
      continue;
    }
    const crossed = outer.find((r) => r.ruleId !== e.ruleId && e.start !== e.end && crosses(e, r));
    if (crossed) {
      diagnostics.push(
        diag(
          'XP201',
          `edit of rule ${ruleRef(rules, e.ruleId)} crosses the boundary of the #if 0 region of rule ${ruleRef(rules, crossed.ruleId)}`,
          { location: where(file, text, e.start), ruleId: e.ruleId },
        ),
      );
      continue;
    }
    kept.push(e);
  }
  return { edits: kept, regions: outer, diagnostics };
}
