/**
 * The last pass (passes.ts): planned edits are put in the one order (`compareEdits`), overlapping
 * edits are errors naming both rules (XP201; touching ranges are not overlaps), and what is left
 * becomes the edits the applier takes, without the fields only the passes read.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { Rule } from './kinds';
import { ruleRef, where } from './kinds/common';
import { compareEdits } from './types';
import type { Edit, PlannedEdit } from './types';

/** What applying needs of a planned edit. */
function toEdit(e: PlannedEdit): Edit {
  return {
    start: e.start,
    end: e.end,
    text: e.text,
    ruleId: e.ruleId,
    ...(e.block !== undefined ? { block: e.block } : {}),
  };
}

/** The edits to apply, sorted; an edit overlapping one before it is left out with an XP201 error. */
export function orderEdits(
  edits: readonly PlannedEdit[],
  rules: ReadonlyMap<string, Rule>,
  text: string,
  file: string,
): { edits: Edit[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const out: Edit[] = [];
  let last: PlannedEdit | undefined; // last non-empty-range edit
  for (const e of [...edits].sort(compareEdits)) {
    if (last && e.start < last.end && (e.start !== e.end || e.start > last.start)) {
      const same = last.ruleId === e.ruleId;
      diagnostics.push(
        diag(
          'XP201',
          same
            ? `rule ${ruleRef(rules, e.ruleId)} makes two overlapping edits here`
            : `rules ${ruleRef(rules, last.ruleId)} and ${ruleRef(rules, e.ruleId)} edit overlapping text`,
          { location: where(file, text, e.start), ruleId: e.ruleId },
        ),
      );
      continue;
    }
    out.push(toEdit(e));
    if (e.end > e.start) last = e;
  }
  return { edits: out, diagnostics };
}
