/**
 * Keep only some rules of a loaded port (`--rule <id>`, and the rule under test of a rule test).
 * An id the port does not have is an error naming the closest ids.
 */
import { similarNames } from '../match/named';
import type { Rule, RuleSet } from '../rules/types';

/** The rule set with only the rules `ids` names, or the message naming an unknown id. */
export function selectRules(ruleSet: RuleSet, ids: readonly string[]): { ruleSet: RuleSet } | { error: string } {
  if (ids.length === 0) return { ruleSet };
  const known = new Set(ruleSet.rules.map((r) => r.id));
  for (const id of ids) {
    if (known.has(id)) continue;
    const near = similarNames(id, known);
    return {
      error: `no rule '${id}' in ${ruleSet.dir}${near.length ? `; did you mean ${near.map((n) => `'${n}'`).join(', ')}?` : ''}`,
    };
  }
  const keep = new Set(ids);
  return { ruleSet: { ...ruleSet, rules: ruleSet.rules.filter((r) => keep.has(r.id)) } };
}

/** A copy of the rule that accepts any number of matches (a rule test counts the matches itself). */
export function anyCount(rule: Rule): Rule {
  return { ...rule, expect: { min: 0, max: Infinity, text: '>=0' } };
}
