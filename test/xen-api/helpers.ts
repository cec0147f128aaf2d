/** Helpers for xen-api library tests: port a C snippet with one library group (or the whole library). */
import * as path from 'path';
import type { Diagnostic } from '../../src/diagnostics';
import { port, PortResult } from '../../src/port';
import { loadRuleSet } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';

const LIB = path.join(__dirname, '..', '..', 'rules', 'xen-api');
const cache = new Map<string, RuleSet>();

/** The rule set of `rules/xen-api/<group>` (or the whole library for `''`). */
export function library(group = ''): RuleSet {
  let rs = cache.get(group);
  if (!rs) {
    const r = loadRuleSet(path.join(LIB, group));
    if (!r.ruleSet) throw new Error(r.diagnostics.map((d) => d.message).join('\n'));
    cache.set(group, (rs = r.ruleSet));
  }
  return rs;
}

/** Port a C snippet with a library group. */
export function portLib(c: string, group = ''): PortResult {
  return port({ text: c, file: 'in.c' }, library(group));
}

/** Errors of a port, as `CODE [rule]` strings. */
export function errors(ds: readonly Diagnostic[]): string[] {
  return ds.filter((d) => d.severity === 'error').map((d) => `${d.code} [${d.ruleId ?? ''}]`);
}

/** Matches of one rule in a port's report. */
export function found(r: PortResult, id: string): number {
  const rr = r.report.rules.find((x) => x.id === id);
  if (!rr) throw new Error(`no rule ${id} in the report`);
  return rr.matches;
}

/** A C function wrapping `body` lines, with declarations `decls` (tabs added). */
export function fn(decls: string[], body: string[]): string {
  return [
    'static void f(struct dev *dev, u64 *dst, u64 val)',
    '{',
    ...decls.map((d) => `\t${d}`),
    '',
    ...body.map((b) => `\t${b}`),
    '}',
    '',
  ].join('\n');
}
