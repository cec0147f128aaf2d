/**
 * Conflict resolution before applying: edits strictly inside another rule's `#if 0` region are
 * dropped (info XP202: Linux text stays verbatim there); overlapping edits are errors naming both
 * rules (XP201). Touching ranges are not overlaps. A rule that `overrides` another replaces its
 * edits where they overlap, and its `#if 0` regions lying inside the overriding edit.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { Rule } from '../rules/types';
import { where } from './kinds/common';
import { resolveNesting } from './nest';
import { compareEdits, Edit, Region } from './types';

function strictlyInside(e: Edit, r: Region): boolean {
  if (e.start === e.end) return r.start < e.start && e.start < r.end;
  return r.start <= e.start && e.end <= r.end;
}

/** True when a non-empty edit straddles a region boundary (or swallows the region). */
function crosses(e: Edit, r: Region): boolean {
  return (e.start < r.start && e.end > r.start) || (e.start < r.end && e.end > r.end);
}

/**
 * Remove, in place, edits of rules that another rule overrides (`overrides:`) where their ranges
 * overlap, with the rest of their group (the reason comment of the same match goes with it).
 */
function dropOverridden(edits: Edit[], rules: Map<string, Rule>): void {
  const by = edits.filter((e) => rules.get(e.ruleId)?.overrides?.length);
  if (by.length === 0) return;
  const hit = (a: Edit, b: Edit): boolean => a.start < b.end && b.start < a.end;
  const gone = edits.filter((e) => by.some((o) => rules.get(o.ruleId)!.overrides!.includes(e.ruleId) && hit(o, e)));
  const groups = new Set(gone.filter((e) => e.group !== undefined).map((e) => `${e.ruleId}\u0000${e.group}`));
  for (let i = edits.length - 1; i >= 0; i--) {
    const e = edits[i];
    if (gone.includes(e) || (e.group !== undefined && groups.has(`${e.ruleId}\u0000${e.group}`))) edits.splice(i, 1);
  }
}

/** Resolve regions and overlaps; returns the edits to apply, sorted. */
export function resolveEdits(
  edits: Edit[],
  regions: Region[],
  rules: Map<string, Rule>,
  text: string,
  file: string,
): { edits: Edit[]; diagnostics: Diagnostic[]; regions: Region[] } {
  const diagnostics: Diagnostic[] = [];
  const ruleRef = (id: string): string => {
    const r = rules.get(id);
    return r ? `'${id}' (${r.origin.file}:${r.origin.line})` : `'${id}'`;
  };
  // A region inside an edit of a rule that overrides the region's rule goes, with its markers
  // (dropOverridden below): a Xen-owned block replacing a function that held a disabled region.
  const overriders = edits.filter((e) => rules.get(e.ruleId)?.overrides?.length && e.end > e.start);
  regions = regions.filter((r) => !overriders.some((o) => rules.get(o.ruleId)!.overrides!.includes(r.ruleId) && o.start <= r.start && r.end <= o.end));
  // Regions nested in other rules' regions are dropped like any inner edit.
  const outer = regions.filter((r) => !regions.some((o) => o !== r && o.ruleId !== r.ruleId && o.start <= r.start && r.end <= o.end && (o.start < r.start || r.end < o.end || o.order < r.order)));
  const kept: Edit[] = [];
  for (const e of edits) {
    const host = outer.find((r) => r.ruleId !== e.ruleId && strictlyInside(e, r));
    if (host) {
      diagnostics.push(diag('XP202', `edit of rule '${e.ruleId}' is inside the #if 0 region of rule '${host.ruleId}' and is not applied`, { location: where(file, text, e.start), ruleId: e.ruleId }));
      continue;
    }
    const crossed = outer.find((r) => r.ruleId !== e.ruleId && e.start !== e.end && crosses(e, r));
    if (crossed) {
      diagnostics.push(diag('XP201', `edit of rule ${ruleRef(e.ruleId)} crosses the boundary of the #if 0 region of rule ${ruleRef(crossed.ruleId)}`, { location: where(file, text, e.start), ruleId: e.ruleId }));
      continue;
    }
    kept.push(e);
  }
  dropOverridden(kept, rules);
  const nested = resolveNesting(kept, text, file);
  diagnostics.push(...nested.diagnostics);
  kept.length = 0;
  kept.push(...nested.edits);
  kept.sort(compareEdits);
  const out: Edit[] = [];
  let last: Edit | undefined; // last non-empty-range edit
  for (const e of kept) {
    if (last && e.start < last.end && (e.start !== e.end || e.start > last.start)) {
      const same = last.ruleId === e.ruleId;
      diagnostics.push(diag('XP201', same
        ? `rule ${ruleRef(e.ruleId)} makes two overlapping edits here`
        : `rules ${ruleRef(last.ruleId)} and ${ruleRef(e.ruleId)} edit overlapping text`, { location: where(file, text, e.start), ruleId: e.ruleId }));
      continue;
    }
    out.push(e);
    if (e.end > e.start) last = e;
  }
  return { edits: out, diagnostics, regions: outer };
}
