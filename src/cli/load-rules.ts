/**
 * `--rules` for `port`: a port folder (port.yaml), or a single rule file, for trying a rule in
 * seconds without writing a manifest. A single file is a port of its own: its rules numbered as a port's,
 * blocks from a `blocks/` folder beside it. `--rule <id>` then keeps only some rules.
 */
import * as path from 'path';
import { Diagnostic, diag, hasErrors } from '../diagnostics';
import { memoized, pruning } from '../rules/memo';
import type { RuleFileMemo } from '../rules/memo';
import { exists, isFile, readLoose } from '../rules/files';
import { missingReasons } from '../rules/reasons';
import type { RuleSet } from '../rules/types';
import { cachedLoad, RuleCacheOptions } from './rule-cache';
import { selectRules } from './rule-select';

/**
 * The rule compiler (YAML, schema checks, patterns), loaded on first use: a port whose compiled
 * rules come from the cache (./rule-cache.ts) never loads it.
 */
const compiler = () => require('../rules') as typeof import('../rules');

/** Whether `--rules` names a single rule file rather than a port folder. */
export const isRuleFile = (p: string): boolean => /\.ya?ml$/.test(p) && isFile(p);

/** Load one rule file as a port (compiled through `memo` when given). */
function loadRuleFile(file: string, memo?: RuleFileMemo): { ruleSet?: RuleSet; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readLoose(file);
  } catch (e) {
    return {
      diagnostics: [
        diag('XP008', `cannot read rule file ${file}: ${(e as Error).message}`, {
          location: { file, line: 1, col: 1 },
        }),
      ],
    };
  }
  const { rules, diagnostics } = memoized(memo, `${file}\0${text}`, () => compiler().parseRuleFile(text, file));
  if (hasErrors(diagnostics)) return { diagnostics };
  const sorted = compiler().numberRules(rules, path.dirname(file));
  const dir = path.dirname(file);
  const blocks = path.join(dir, 'blocks');
  const name = path.basename(file).replace(/\.ya?ml$/, '');
  const unreasoned = missingReasons(sorted, 'a port.yaml (a single rule file has none: add the reasons)');
  return {
    ruleSet: { name, dir, rules: sorted, blockDirs: exists(blocks) ? [blocks] : [], files: [file] },
    diagnostics: [...diagnostics, ...unreasoned],
  };
}

/**
 * Load `--rules` (a port folder or one rule file) and keep the rules `only` names (all when empty).
 * With `cache` (src/cli/rule-cache.ts), a load that read the same files before comes from the cache;
 * with `memo` (`xenport watch`), only the rule files that changed since the last load are compiled.
 */
export function loadRules(
  rules: string,
  only: readonly string[] = [],
  cache?: RuleCacheOptions,
  memo?: RuleFileMemo,
): { ruleSet?: RuleSet; diagnostics: Diagnostic[] } {
  const load = () =>
    isRuleFile(rules) ? pruning(memo, () => loadRuleFile(rules, memo)) : compiler().loadRuleSet(rules, undefined, memo);
  const loaded = cache ? cachedLoad(rules, load, cache).loaded : load();
  if (!loaded.ruleSet || hasErrors(loaded.diagnostics) || only.length === 0) return loaded;
  const picked = selectRules(loaded.ruleSet, only);
  if ('error' in picked) return { diagnostics: [...loaded.diagnostics, diag('XP105', `--rule: ${picked.error}`)] };
  return { ruleSet: picked.ruleSet, diagnostics: loaded.diagnostics };
}
