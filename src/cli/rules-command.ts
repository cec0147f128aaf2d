/** `xenport rules check`: load and validate a port's rules without porting anything. */
import { formatFor } from '../emit';
import { hasErrors } from '../diagnostics';
import { readBlockFiles } from '../rules';
import { loadRules } from './load-rules';
import { Console, print } from './console';
import { EXIT } from './exit-codes';

/** Run `xenport rules check <port-dir or rule file>`; returns the exit code. */
export function runRulesCheck(dir: string, json: boolean, out: Console): number {
  const loaded = loadRules(dir);
  const { ruleSet } = loaded;
  // Block files too: a link out of the port, a FIFO or a bad byte is found before a port runs.
  const diagnostics = [...loaded.diagnostics, ...(ruleSet ? readBlockFiles(ruleSet.blockDirs).diagnostics : [])];
  const ok = !!ruleSet && !hasErrors(diagnostics);
  const byKind = new Map<string, number>();
  for (const r of ruleSet?.rules ?? []) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  const exitCode = ok ? EXIT.ok : EXIT.invalidRules;
  const rules = ruleSet?.rules.length ?? 0;
  const files = ruleSet?.files.length ?? 0;
  print(out, formatFor(json).rulesCheck({ target: dir, ok, exitCode, rules, files, byKind: [...byKind], diagnostics }));
  return exitCode;
}
