/**
 * The JSON format (`--json`): the results of `port`, `rules check` and `scan` (results.ts beside
 * this file) as one JSON document on stdout. The text format is text.ts.
 */
import { matchPositions } from '../annotate';
import type { Chunk, PortOutcome, RulesCheckResult, ScanResult } from './results';

const json = (value: unknown, indent: number): Chunk[] => [
  { stream: 'stdout', text: JSON.stringify(value, null, indent) },
];

/**
 * `port --json`: ok, the exit code, the diagnostics, the report, what was written or the diff, and,
 * once the port ran, every rule match with its input and output position and every applied edit.
 */
export function portJson(o: PortOutcome): Chunk[] {
  const trace =
    o.report && o.trace
      ? { matches: matchPositions(o.trace.output, o.trace.provenance), edits: o.trace.provenance.edits }
      : {};
  const { exitCode, diagnostics, report, written, diff } = o;
  return json({ ok: exitCode === 0, exitCode, diagnostics, report, written, diff, ...trace }, 2);
}

/** `rules check --json`: ok, the exit code, the rule count, the rules per kind and the diagnostics. */
export function rulesCheckJson(r: RulesCheckResult): Chunk[] {
  const { ok, exitCode, rules, diagnostics } = r;
  return json({ ok, exitCode, rules, byKind: Object.fromEntries(r.byKind), diagnostics }, 2);
}

/** `scan --json`: every match, the summary, the files not read, the rules not scanned and the time. */
export function scanJson(r: ScanResult): Chunk[] {
  const matches = r.outcomes.flatMap((o) =>
    o.hits.map((h) => ({
      file: o.file,
      line: h.line,
      col: h.col,
      endLine: h.endLine,
      endCol: h.endCol,
      rule: r.ruleIds[h.rule],
    })),
  );
  const notRead = r.outcomes
    .filter((o) => o.status !== 'parsed' && o.status !== 'skipped')
    .map((o) => ({ file: o.file, status: o.status }));
  return json({ matches, summary: r.summary, notRead, skippedRules: r.skipped, seconds: r.seconds }, 1);
}
