/** Per-rule and per-status totals of a scan, for the summary table and --json. */
import type { Rule } from '../rules/types';
import type { FileOutcome } from './file-scan';

/** Totals of one rule: files it matched in and matches. */
export interface RuleSummary {
  id: string;
  files: number;
  matches: number;
}

/** Totals of a scan. */
export interface ScanSummary {
  rules: RuleSummary[];
  files: { total: number; parsed: number; skipped: number; tooLarge: number; unreadable: number; notUtf8: number };
  /** Lines of the parsed files. */
  parsedLines: number;
  matches: number;
}

/** Sum the outcomes of a scan. */
export function summarize(rules: readonly Rule[], outcomes: readonly FileOutcome[]): ScanSummary {
  const per = rules.map((r) => ({ id: r.id, files: 0, matches: 0 }));
  const files = { total: outcomes.length, parsed: 0, skipped: 0, tooLarge: 0, unreadable: 0, notUtf8: 0 };
  let parsedLines = 0;
  let matches = 0;
  for (const o of outcomes) {
    if (o.status === 'parsed') (files.parsed++, (parsedLines += o.lines));
    else if (o.status === 'skipped') files.skipped++;
    else if (o.status === 'too-large') files.tooLarge++;
    else if (o.status === 'unreadable') files.unreadable++;
    else files.notUtf8++;
    const seen = new Set<number>();
    for (const h of o.hits) {
      per[h.rule].matches++;
      matches++;
      if (!seen.has(h.rule)) (seen.add(h.rule), per[h.rule].files++);
    }
  }
  return { rules: per, files, parsedLines, matches };
}
