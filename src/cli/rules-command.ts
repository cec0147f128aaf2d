/** `xenport rules check`: load and validate a port's rules without porting anything. */
import { formatDiagnostics } from '../emit';
import { hasErrors } from '../diagnostics';
import { loadRuleSet, readBlockFiles } from '../rules';
import { Console } from './console';
import { EXIT } from './exit-codes';

/** Run `xenport rules check <port-dir>`; returns the exit code. */
export function runRulesCheck(dir: string, json: boolean, out: Console): number {
  const loaded = loadRuleSet(dir);
  const { ruleSet } = loaded;
  // Block files too: a link out of the port, a FIFO or a bad byte is found before a port runs.
  const diagnostics = [...loaded.diagnostics, ...(ruleSet ? readBlockFiles(ruleSet.blockDirs).diagnostics : [])];
  const ok = !!ruleSet && !hasErrors(diagnostics);
  const byKind = new Map<string, number>();
  for (const r of ruleSet?.rules ?? []) byKind.set(r.kind, (byKind.get(r.kind) ?? 0) + 1);
  if (json) {
    out.stdout(JSON.stringify({ ok, exitCode: ok ? EXIT.ok : EXIT.invalidRules, rules: ruleSet?.rules.length ?? 0, byKind: Object.fromEntries(byKind), diagnostics }, null, 2));
  } else {
    const text = formatDiagnostics(diagnostics, false);
    if (text) out.stderr(text);
    if (ok && ruleSet) {
      const kinds = [...byKind].sort().map(([k, n]) => `${k} ${n}`).join(', ');
      out.stdout(`${dir}: ${ruleSet.rules.length} rules in ${ruleSet.files.length} files (${kinds}); valid`);
    }
  }
  return ok ? EXIT.ok : EXIT.invalidRules;
}
