/**
 * Edits swallowed by another rule (XP206): an edit inside text that another rule deletes or wraps
 * in `#if 0` is dropped (info XP202, one per edit). For a rule that expects at least one match this
 * is a warning, once per pair of rules, naming both: its matches still count for `expect:`, so
 * the rule could otherwise do nothing and pass. A rule that accepts no match (`>=0`) or declares
 * `swallowed: expected` is not reported.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { Rule } from '../rules/types';

/** The host rule named by an XP202 message ("... rule '<host>' and is not applied"). */
const HOST = /rule '([^']+)' and is not applied$/;

/** The rule whose deletion, block or `#if 0` swallowed the edit an XP202 diagnostic reports. */
export function swallowHost(d: Diagnostic): string | undefined {
  return d.code === 'XP202' ? HOST.exec(d.message)?.[1] : undefined;
}

/** XP206 warnings for the XP202 diagnostics of a port. */
export function swallowedWarnings(diagnostics: readonly Diagnostic[], rules: readonly Rule[]): Diagnostic[] {
  const byId = new Map(rules.map((r) => [r.id, r]));
  const pairs = new Map<string, { rule: Rule; host: string; count: number; first: Diagnostic }>();
  for (const d of diagnostics) {
    if (d.code !== 'XP202' || !d.ruleId) continue;
    const rule = byId.get(d.ruleId);
    const host = swallowHost(d);
    if (!rule || !host || rule.expect.min === 0 || rule.swallowed === 'expected') continue;
    const key = `${rule.id}\u0000${host}`;
    const p = pairs.get(key);
    if (p) p.count++;
    else pairs.set(key, { rule, host, count: 1, first: d });
  }
  const ref = (id: string): string => {
    const r = byId.get(id);
    return r ? `'${id}' (${r.origin.file}:${r.origin.line})` : `'${id}'`;
  };
  return [...pairs.values()].map((p) =>
    diag(
      'XP206',
      `${p.count} edit(s) of rule ${ref(p.rule.id)} are inside text that rule ${ref(p.host)} deletes or disables, and are not applied; if that is expected, add 'swallowed: expected' to rule '${p.rule.id}'`,
      { ...(p.first.location ? { location: p.first.location } : {}), ruleId: p.rule.id },
    ),
  );
}
