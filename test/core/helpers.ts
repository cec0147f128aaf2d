/** Helpers for core tests: build a rule set from YAML text and port a C snippet with it. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatDiagnostic } from '../../src/diagnostics';
import type { Diagnostic } from '../../src/diagnostics';
import { port, PortOptions, PortResult } from '../../src/port';
import { numberRules, parseRuleFile } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';

/** A rule set from one rule file's text; throws with the diagnostics when the YAML is invalid. */
export function ruleSet(yaml: string, name = 'test'): RuleSet {
  const { rules, diagnostics } = parseRuleFile(yaml, 'rules.yaml');
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(errors.map(formatDiagnostic).join('\n'));
  const sorted = numberRules(rules);
  return { name, dir: '.', rules: sorted, blockDirs: [], files: ['rules.yaml'] };
}

/** Port `c` with the rules in `yaml`. */
export function portWith(c: string, yaml: string, options: PortOptions = {}): PortResult {
  return port({ text: c, file: 'in.c' }, ruleSet(yaml), options);
}

/** Codes of the diagnostics of a severity (errors by default). */
export function codes(ds: readonly Diagnostic[], severity: Diagnostic['severity'] = 'error'): string[] {
  return ds.filter((d) => d.severity === severity).map((d) => d.code);
}

/** Dedent a template literal: strip the first newline and the common leading tabs/spaces. */
export function c(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = String.raw({ raw: strings }, ...values).replace(/^\n/, '');
  const lines = raw.split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const cut = Math.min(...indents);
  return lines
    .map((l) => l.slice(cut))
    .join('\n')
    .replace(/\\t/g, '\t');
}

const trees: string[] = [];

/** Write `files` (relative path to text) into a fresh temporary folder; `removeTrees` deletes them all. */
export function writeTree(files: Record<string, string>, prefix = 'xenport-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  trees.push(dir);
  for (const [p, t] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    fs.writeFileSync(path.join(dir, p), t);
  }
  return dir;
}

/** Delete the folders `writeTree` made (call from `afterAll`). */
export function removeTrees(): void {
  for (const d of trees.splice(0)) fs.rmSync(d, { recursive: true, force: true });
}
