/**
 * The overrides pass (passes.ts): edits of rules that another rule overrides (`overrides:`) are
 * dropped where their ranges overlap, with the rest of their group, so the reason comment of the
 * same match goes with them.
 */
import type { Rule } from './kinds';
import type { PlannedEdit } from './types';

/** `edits` without those of overridden rules where an overriding rule's edits overlap them (and their groups). */
export function dropOverridden(edits: readonly PlannedEdit[], rules: ReadonlyMap<string, Rule>): PlannedEdit[] {
  const by = edits.filter((e) => rules.get(e.ruleId)?.overrides?.length);
  if (by.length === 0) return [...edits];
  const hit = (a: PlannedEdit, b: PlannedEdit): boolean => a.start < b.end && b.start < a.end;
  const gone = new Set(
    edits.filter((e) => by.some((o) => rules.get(o.ruleId)!.overrides!.includes(e.ruleId) && hit(o, e))),
  );
  const groups = new Set([...gone].filter((e) => e.group !== undefined).map((e) => `${e.ruleId}\u0000${e.group}`));
  return edits.filter((e) => !gone.has(e) && !(e.group !== undefined && groups.has(`${e.ruleId}\u0000${e.group}`)));
}
