/**
 * One rule file from text: YAML, schema check, then compilation of every valid rule. All errors
 * are collected; a rule with any error is left out of the result.
 */
import { diag } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { compileRule } from './compile';
import { layerDefaults, NO_DEFAULTS, readDefaults } from './language/defaults';
import type { Defaults } from './language/defaults';
import { checkSchema } from './schema';
import type { Rule } from './types';
import { parseYaml } from './yaml';

/**
 * Parse one rule file without checking ids across rules (the loader checks them port-wide);
 * `portDefaults` are the `defaults:` of the port.yaml that lists it.
 */
export function parseRuleFileUnchecked(
  text: string,
  file: string,
  portDefaults: Defaults = NO_DEFAULTS,
): { rules: Rule[]; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.yaml) return { rules: [], diagnostics: parsed.diagnostics };
  const y = parsed.yaml;
  const check = checkSchema(y, 'rules');
  const diagnostics = [...check.diagnostics];
  const rules: Rule[] = [];
  const raws = (y.data as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(raws)) return { rules, diagnostics };
  const defaults = layerDefaults(portDefaults, readDefaults(y));
  raws.forEach((raw, i) => {
    if (check.badRules.has(i)) return;
    const r = compileRule(y, i, raw as Parameters<typeof compileRule>[2], defaults);
    diagnostics.push(...r.diagnostics);
    if (r.rule) rules.push(r.rule);
  });
  return { rules, diagnostics };
}

/** XP108 for every rule whose id was already used by an earlier rule (both positions named). */
export function checkDuplicateIds(rules: readonly Rule[]): Diagnostic[] {
  const first = new Map<string, Rule>();
  const out: Diagnostic[] = [];
  for (const r of rules) {
    const prev = first.get(r.id);
    if (!prev) {
      first.set(r.id, r);
      continue;
    }
    const p = prev.origin;
    out.push(
      diag('XP108', `duplicate rule id \`${r.id}\`; first defined at ${p.file}:${p.line}:${p.col}`, {
        location: r.origin,
        ruleId: r.id,
      }),
    );
  }
  return out;
}

/**
 * Parse and check one rule file given as text; `file` is the name used in diagnostics. Returns the
 * compiled rules (in file order, `order` not yet set) and every error found, duplicate ids included.
 */
export function parseRuleFile(text: string, file: string): { rules: Rule[]; diagnostics: Diagnostic[] } {
  const r = parseRuleFileUnchecked(text, file);
  const dups = checkDuplicateIds(r.rules);
  const dupIds = new Set(dups.map((d) => d.ruleId));
  return { rules: r.rules.filter((x) => !dupIds.has(x.id)), diagnostics: [...r.diagnostics, ...dups] };
}
