/**
 * The rules a scan runs: a port folder (with port.yaml, includes followed) or a plain folder of
 * rule files (every *.yaml / *.yml in it). Rules anchored on the file's start or end are left out:
 * they match every file and say nothing about where a rule applies.
 */
import * as fs from 'fs';
import * as path from 'path';
import { diag, hasErrors } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { loadRuleSet, numberRules, parseRuleFile } from '../rules';
import type { Rule } from '../rules/types';
import { selectorModule } from '../match/selectors';

/** Rules ready for scanning, and those left out with the reason. */
export interface ScanRules {
  rules: Rule[];
  skipped: Array<{ id: string; why: string }>;
  diagnostics: Diagnostic[];
}

function fromFolder(dir: string): { rules?: Rule[]; diagnostics: Diagnostic[] } {
  let names: string[];
  try {
    names = fs
      .readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch {
    return { diagnostics: [diag('XP100', `rules folder ${dir} not found or not a directory`)] };
  }
  if (names.length === 0)
    return { diagnostics: [diag('XP100', `rules folder ${dir} has no port.yaml and no rule files (*.yaml)`)] };
  const rules: Rule[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const n of names) {
    const file = path.join(dir, n);
    const r = parseRuleFile(fs.readFileSync(file, 'utf8'), file);
    rules.push(...r.rules);
    diagnostics.push(...r.diagnostics);
  }
  return { rules, diagnostics };
}

/** Load the rules of `dir` for a scan; `rules` is empty when there are errors. */
export function loadScanRules(dir: string): ScanRules {
  const isPort = fs.existsSync(path.join(dir, 'port.yaml'));
  const loaded = isPort
    ? (({ ruleSet, diagnostics }) => ({ rules: ruleSet?.rules, diagnostics }))(loadRuleSet(dir))
    : fromFolder(dir);
  if (!loaded.rules || hasErrors(loaded.diagnostics))
    return { rules: [], skipped: [], diagnostics: loaded.diagnostics };
  const sorted = numberRules(loaded.rules, dir);
  const rules: Rule[] = [];
  const skipped: ScanRules['skipped'] = [];
  for (const r of sorted) {
    const why = selectorModule(r.select).everyFile?.(r.select);
    if (why) skipped.push({ id: r.id, why });
    else rules.push(r);
  }
  return { rules, skipped, diagnostics: loaded.diagnostics };
}
