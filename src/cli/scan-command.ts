/**
 * `xenport scan`: every match of every rule over files and folders, as `path:line:col: rule-id`
 * lines (or JSON), with a per-rule summary. Writes nothing. A progress line is shown on a terminal.
 */
import { formatDiagnostics } from '../emit';
import { diag } from '../diagnostics';
import { listFiles, loadScanRules, runScan, summarize, DEFAULT_EXTENSIONS } from '../scan';
import type { FileOutcome, ScanSummary } from '../scan';
import type { Rule } from '../rules/types';
import { Console } from './console';
import { EXIT } from './exit-codes';

/** Options of `xenport scan`. */
export interface ScanArgs {
  paths: string[];
  rules: string;
  json: boolean;
  jobs?: number;
  /** File name endings to scan in folders (default .c and .h). */
  ext?: string[];
  quiet: boolean;
  /** Show each match with the rewrite its rule makes there. */
  diff?: boolean;
  /** Show the progress line (default: when stderr is a terminal). */
  progress?: boolean;
}

/** The `path:line:col: rule-id` lines of a scan, in file order. */
export function formatHits(rules: readonly Rule[], outcomes: readonly FileOutcome[]): string {
  const lines: string[] = [];
  for (const o of outcomes) for (const h of o.hits) lines.push(`${o.file}:${h.line}:${h.col}: ${rules[h.rule].id}`);
  return lines.join('\n');
}

/** The per-rule summary table and the file totals. */
export function formatSummary(s: ScanSummary, seconds: number): string {
  const w = Math.max(4, ...s.rules.map((r) => r.id.length));
  const rows = s.rules.map((r) => `  ${r.id.padEnd(w)} ${String(r.files).padStart(7)} ${String(r.matches).padStart(8)}`);
  const f = s.files;
  const other = [f.tooLarge && `${f.tooLarge} too large`, f.unreadable && `${f.unreadable} unreadable`, f.notUtf8 && `${f.notUtf8} not UTF-8`].filter(Boolean);
  return [
    `  ${'rule'.padEnd(w)} ${'files'.padStart(7)} ${'matches'.padStart(8)}`,
    ...rows,
    `  ${s.matches} matches in ${f.total} files (${f.parsed} parsed, ${s.parsedLines} lines; ${f.skipped} skipped by the literal prefilter${other.length ? `; ${other.join(', ')}` : ''}) in ${seconds.toFixed(2)} s`,
  ].join('\n');
}

function progressPrinter(enabled: boolean): { update(done: number, total: number, hits: number): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total, hits) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      process.stderr.write(`\rxenport scan: ${done}/${total} files, ${hits} matches\x1b[K`);
    },
    clear() {
      if (shown) process.stderr.write('\r\x1b[K');
    },
  };
}

/** Run `xenport scan`; resolves to the exit code (0 even when nothing matches: a scan is a report). */
export async function runScanCommand(a: ScanArgs, out: Console): Promise<number> {
  const t0 = Date.now();
  const loaded = loadScanRules(a.rules);
  if (loaded.rules.length === 0) {
    const ds = loaded.diagnostics.length ? loaded.diagnostics : [diag('XP100', `no scannable rules in ${a.rules}`)];
    out.stderr(formatDiagnostics(ds, false));
    return EXIT.invalidRules;
  }
  const exts = (a.ext?.length ? a.ext : DEFAULT_EXTENSIONS).map((e) => (e.startsWith('.') ? e : `.${e}`));
  const { files, missing } = listFiles(a.paths, exts);
  if (missing.length) {
    out.stderr(formatDiagnostics(missing.map((m) => diag('XP001', `input file not found: ${m}`, { location: { file: m, line: 1, col: 1 } })), false));
    return EXIT.io;
  }
  const progress = progressPrinter(a.progress ?? (!a.json && !a.quiet && process.stderr.isTTY === true));
  const outcomes = await runScan(files, loaded.rules, { jobs: a.jobs, onProgress: progress.update });
  progress.clear();
  const summary = summarize(loaded.rules, outcomes);
  const seconds = (Date.now() - t0) / 1000;
  if (a.json) {
    const matches = outcomes.flatMap((o) => o.hits.map((h) => ({ file: o.file, line: h.line, col: h.col, endLine: h.endLine, endCol: h.endCol, rule: loaded.rules[h.rule].id })));
    const notRead = outcomes.filter((o) => o.status !== 'parsed' && o.status !== 'skipped').map((o) => ({ file: o.file, status: o.status }));
    out.stdout(JSON.stringify({ matches, summary, notRead, skippedRules: loaded.skipped, seconds }, null, 1));
    return EXIT.ok;
  }
  let text = formatHits(loaded.rules, outcomes);
  if (a.diff) {
    const { formatHitDiffs } = require('./scan-diff') as typeof import('./scan-diff');
    const d = formatHitDiffs(loaded.rules, outcomes, a.rules);
    if (d.diagnostics.length) out.stderr(formatDiagnostics(d.diagnostics, false));
    text = d.text;
  }
  if (text) out.stdout(text);
  if (!a.quiet) {
    for (const s of loaded.skipped) out.stderr(`xenport scan: rule '${s.id}' not scanned: ${s.why}`);
    for (const o of outcomes) if (o.status !== 'parsed' && o.status !== 'skipped') out.stderr(`${o.file}:1:1: warning: not scanned (${o.status})`);
    out.stderr(formatSummary(summary, seconds));
  }
  return EXIT.ok;
}
