/**
 * The marking policy (docs/DESIGN: every Xen change says why): a rule without a `reason` is a
 * warning (XP114) unless its port.yaml says `reasons: optional`. `comment: none` with a reason is a
 * rule's own explicit choice to leave no mark in the output, and is not reported.
 */
import { diag } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import type { Rule } from './types';

/** XP114 for every rule of `rules` that has no reason; `manifest` names the port.yaml to opt out in. */
export function missingReasons(rules: readonly Rule[], manifest: string): Diagnostic[] {
  return rules
    .filter((r) => r.reason === undefined || r.reason.trim() === '')
    .map((r) =>
      diag(
        'XP114',
        `rule '${r.id}' changes the code without a reason: add reason: (why Xen differs here; written as a /* Xen: ... */ mark unless comment: none), or put 'reasons: optional' in ${manifest}`,
        {
          location: r.origin,
          ruleId: r.id,
        },
      ),
    );
}
