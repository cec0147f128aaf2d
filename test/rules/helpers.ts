/** Helpers for rules-stage tests: compact views of diagnostics. */
import type { Diagnostic } from '../../src/diagnostics';

/** `CODE@line:col` for each diagnostic, in order. */
export function codesAt(ds: readonly Diagnostic[]): string[] {
  return ds.map((d) => `${d.code}@${d.location ? `${d.location.line}:${d.location.col}` : '-'}`);
}

/** A rule file with one rule, given as YAML lines indented under `- `. */
export function oneRule(...lines: string[]): string {
  return `rules:\n  - ${lines.join('\n    ')}\n`;
}
