/**
 * The regions pass (passes.ts): edits strictly inside another rule's `#if 0` region are dropped
 * (info XP202: Linux text stays verbatim there), edits crossing a region's boundary are errors
 * naming both rules (XP201), and a region inside another rule's region goes like any inner edit.
 * A rule that `overrides` another also removes that rule's regions lying inside its edits.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { Rule } from './kinds';
import { ContainingIndex } from './containing';
import { countAtMost } from '../sorted';
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
 * The region boundaries (starts and ends) in order, each with its region's position in `regions`:
 * the regions an edit crosses are those with a boundary strictly inside the edit.
 */
class BoundaryIndex {
  private readonly at: Float64Array;
  private readonly ids: Int32Array;

  constructor(regions: readonly Region[]) {
    const all = regions.flatMap((r, i) => [
      [r.start, i],
      [r.end, i],
    ]);
    all.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    this.at = Float64Array.from(all, (b) => b[0]);
    this.ids = Int32Array.from(all, (b) => b[1]);
  }

  /** Positions of the regions with a boundary in `(from, to)`, repeated when both are. */
  within(from: number, to: number): number[] {
    const out: number[] = [];
    for (let k = countAtMost(this.at, from); k < this.at.length && this.at[k] < to; k++) out.push(this.ids[k]);
    return out;
  }
}

/** The first of `ids` (positions in `list`) whose element passes `test`, by position. */
function firstOf<T>(list: readonly T[], ids: readonly number[], test: (x: T) => boolean): T | undefined {
  let best = -1;
  for (const i of ids) if ((best < 0 || i < best) && test(list[i])) best = i;
  return best < 0 ? undefined : list[best];
}

/**
 * The edits outside other rules' regions, and the regions not inside another rule's (of two equal
 * regions, the one of the rule first in rule order is the outer one). Each question goes to an
 * index of the ranges (../edit/containing.ts) rather than to every region: a file with thousands of
 * regions made this pass quadratic.
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
  const overriding = new ContainingIndex(overriders);
  const live = regions.filter(
    (r) =>
      !overriding
        .containing(r.start, r.end)
        .some((i) => rules.get(overriders[i].ruleId)!.overrides!.includes(r.ruleId)),
  );
  const liveIndex = new ContainingIndex(live);
  const outer = live.filter(
    (r) =>
      !liveIndex.containing(r.start, r.end).some((i) => {
        const o = live[i];
        return o !== r && o.ruleId !== r.ruleId && (o.start < r.start || r.end < o.end || o.order < r.order);
      }),
  );
  const outerIndex = new ContainingIndex(outer);
  const boundaries = new BoundaryIndex(outer);
  const kept: PlannedEdit[] = [];
  for (const e of edits) {
    const host = firstOf(
      outer,
      outerIndex.containing(e.start, e.end),
      (r) => r.ruleId !== e.ruleId && strictlyInside(e, r),
    );
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
    const crossed =
      e.start === e.end
        ? undefined
        : firstOf(outer, boundaries.within(e.start, e.end), (r) => r.ruleId !== e.ruleId && crosses(e, r));
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
