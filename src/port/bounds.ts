/**
 * Bounds on what a port builds (issue 10): no template expands past MAX_EXPANSION_CHARS, and the
 * edits together add at most MAX_EDIT_CHARS, so that a rule like `with: "$X$X$X..."` on a large
 * capture stops with an error naming the rule (XP211) instead of exhausting memory or JavaScript's
 * string limit (which ended as an internal error, exit 70).
 */
import { Diagnostic, diag } from '../diagnostics';
import { buildEdits, Edit, Region } from '../edit';
import type { RuleDerived } from '../match/memo';
import { ExpansionLimitError, MAX_EXPANSION_CHARS } from '../edit/template';
import type { RuleMatches } from '../match';
import type { Rule } from '../rules/types';

/** Most characters all edits of one port may insert: 64 Mi, eight times the largest input. */
export const MAX_EDIT_CHARS = 64 * 1024 * 1024;

type Built = { edits: Edit[]; regions: Region[]; diagnostics: Diagnostic[] };

/** XP211 for `ruleId` (or the rule set, when none can be named). */
function tooLarge(results: RuleMatches<Rule>[], ruleId: string | undefined, what: string): Built {
  const rule = results.find((r) => r.rule.id === ruleId)?.rule;
  return {
    edits: [],
    regions: [],
    diagnostics: [
      diag(
        'XP211',
        `${rule ? `rule '${rule.id}': ` : ''}${what}`,
        rule ? { location: rule.origin, ruleId: rule.id } : {},
      ),
    ],
  };
}

/**
 * `buildEdits` (with `keep`, what step 1 made of unchanged rules is taken again), bounded: one
 * rule's oversized template or all edits together give XP211 and no edits.
 */
export function buildEditsBounded(results: RuleMatches<Rule>[], text: string, file: string, keep?: RuleDerived): Built {
  let built: Built;
  try {
    built = buildEdits(results, text, file, keep);
  } catch (e) {
    if (!(e instanceof ExpansionLimitError)) throw e;
    // Rare: find the rule by building its edits alone.
    const culprit = results.find((r) => {
      try {
        buildEdits([r], text, file);
        return false;
      } catch (x) {
        return x instanceof ExpansionLimitError;
      }
    });
    return tooLarge(
      results,
      culprit?.rule.id,
      `a template expands past ${MAX_EXPANSION_CHARS / 1048576} Mi characters`,
    );
  }
  const byRule = new Map<string, number>();
  let total = 0;
  for (const ed of built.edits) {
    total += ed.text.length;
    byRule.set(ed.ruleId, (byRule.get(ed.ruleId) ?? 0) + ed.text.length);
  }
  if (total <= MAX_EDIT_CHARS) return built;
  const [largest] = [...byRule].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
  return tooLarge(
    results,
    largest,
    `the edits insert ${total} characters, more than ${MAX_EDIT_CHARS / 1048576} Mi (this rule inserts the most)`,
  );
}
