/**
 * The text format: every human-readable output of the commands (the port report, rules check,
 * scan matches and summary, golden and rule test results, explain, learn, init, report) rendered
 * from the results in results.ts. Reports and diagnostics go to stderr, the data asked for (a
 * generated file, a diff, matches) to stdout. The JSON format is json.ts beside this file.
 */
import { Diagnostic, formatDiagnostic, hasErrors } from '../../diagnostics';
import type { PortReport } from '../../port';
import type { ScanSummary } from '../../scan';
import { annotate } from '../annotate';
import { unifiedDiff } from '../unified-diff';
import type {
  CaseFailure,
  CaseResult,
  Chunk,
  ExplainResult,
  FileRewrites,
  GoldenTotals,
  InitResult,
  LearnResult,
  PortOutcome,
  ReportOutcome,
  RulesCheckResult,
  RuleTestFailure,
  RuleTestResult,
  ScanResult,
  Verbosity,
  WatchEvent,
} from './results';

const out = (text: string, newline = true): Chunk =>
  newline ? { stream: 'stdout', text } : { stream: 'stdout', text, newline };
const err = (text: string, newline = true): Chunk =>
  newline ? { stream: 'stderr', text } : { stream: 'stderr', text, newline };
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

/** Diagnostics for the terminal, one per line; infos only when `verbose`. */
export function formatDiagnostics(ds: readonly Diagnostic[], verbose: boolean): string {
  return ds
    .filter((d) => verbose || d.severity !== 'info')
    .map(formatDiagnostic)
    .join('\n');
}

/** Diagnostics as one stderr chunk, printed even when empty (the form of a command that only failed). */
export function diagnosticsText(ds: readonly Diagnostic[], verbose = false): Chunk[] {
  return [err(formatDiagnostics(ds, verbose))];
}

/** The port report: one line per rule, then totals. */
export function formatReport(r: PortReport): string {
  const idW = Math.max(4, ...r.rules.map((x) => x.id.length));
  const row = (x: PortReport['rules'][number]): string =>
    `${x.drift ? '! ' : '  '}${x.id.padEnd(idW)}  ${x.kind.padEnd(8)} ${x.expected.padStart(6)} ` +
    `${String(x.matches).padStart(5)} ${String(x.linesTouched).padStart(5)}`;
  const lines = [
    `xenport: ${r.input}: ${r.inputLines} Linux lines -> ${r.outputLines} Xen lines`,
    `  ${'rule'.padEnd(idW)}  ${'kind'.padEnd(8)} ${'expect'.padStart(6)} ` +
      `${'found'.padStart(5)} ${'lines'.padStart(5)}`,
    ...r.rules.map(row),
    `  Linux lines kept verbatim: ${r.linesVerbatim} of ${r.inputLines} (${pct(r.shareVerbatim)})`,
    `  #if 0 regions: ${r.ifZeroRegions} (${r.linesInIfZero} Linux lines inside)`,
  ];
  if (r.blocks.length) {
    lines.push(`  blocks: ${r.blocks.map((b) => `${b.name} (${b.lines} lines, ${b.source})`).join(', ')}`);
  }
  const drifted = r.rules.filter((x) => x.drift).length;
  if (drifted) lines.push(`  drift: ${drifted} of ${r.rules.length} rules no longer fit (marked !, details above)`);
  lines.push(`  syntax error regions: input ${r.syntaxErrors.input}, output ${r.syntaxErrors.output}`);
  lines.push(`  ${r.counts.errors} error(s), ${r.counts.warnings} warning(s), ${r.counts.infos} info(s)`);
  return lines.join('\n');
}

/**
 * `xenport port`: the diff, annotated or generated text on stdout; diagnostics, report and what was written on stderr.
 */
export function portText(o: PortOutcome, v: Verbosity): Chunk[] {
  const chunks: Chunk[] = [];
  if (o.diff) chunks.push(out(o.diff));
  if (o.origins) chunks.push(out(annotate(o.origins), false));
  if (o.output !== undefined) chunks.push(out(o.output, false));
  // Syntax errors the port acknowledges print only when the run fails.
  const shown = o.exitCode === 0 ? o.diagnostics.filter((d) => !d.acknowledged) : o.diagnostics;
  const text = formatDiagnostics(shown, v.verbose);
  if (text) chunks.push(err(text));
  if (o.report && !v.quiet) chunks.push(err(formatReport(o.report)));
  if (o.written && !v.quiet) chunks.push(err(`wrote ${o.written}`));
  return chunks;
}

/** `xenport rules check`: the diagnostics, then one line with the counts when the rules are valid. */
export function rulesCheckText(r: RulesCheckResult): Chunk[] {
  const chunks: Chunk[] = [];
  const text = formatDiagnostics(r.diagnostics, false);
  if (text) chunks.push(err(text));
  if (r.ok) {
    const kinds = [...r.byKind]
      .sort()
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    chunks.push(out(`${r.target}: ${r.rules} rules in ${r.files} files (${kinds}); valid`));
  }
  return chunks;
}

/** The `path:line:col: rule-id` lines of a scan, in file order. */
function scanHits(r: ScanResult): string {
  const lines: string[] = [];
  for (const o of r.outcomes) for (const h of o.hits) lines.push(`${o.file}:${h.line}:${h.col}: ${r.ruleIds[h.rule]}`);
  return lines.join('\n');
}

/** `scan --diff`: for each file with matches, each match (`-` lines) and its rewrite (`+` lines). */
function scanRewrites(files: readonly FileRewrites[]): string {
  const lines: string[] = [];
  for (const f of files) {
    if (f.errors.length) {
      lines.push(`${f.file}: no rewrites shown: porting it with these rules gives errors:`);
      lines.push(...f.errors.map((d) => `  ${formatDiagnostic(d)}`));
    }
    for (const h of f.hits) {
      lines.push(`${f.file}:${h.line}:${h.col}: ${h.rule}`, ...h.removed.map((l) => `-${l}`));
      const swallowed = '  (not rewritten here: inside text another rule deletes or disables)';
      if (h.added === 'deleted') lines.push('  (deleted)');
      else if (h.added === 'swallowed') lines.push(swallowed);
      else if (h.added) lines.push(...h.added.map((l) => `+${l}`));
    }
  }
  return lines.join('\n');
}

/** The per-rule summary table and the file totals of a scan. */
export function formatScanSummary(s: ScanSummary, seconds: number): string {
  const w = Math.max(4, ...s.rules.map((r) => r.id.length));
  const rows = s.rules.map(
    (r) => `  ${r.id.padEnd(w)} ${String(r.files).padStart(7)} ${String(r.matches).padStart(8)}`,
  );
  const f = s.files;
  const other = [
    f.tooLarge && `${f.tooLarge} too large`,
    f.unreadable && `${f.unreadable} unreadable`,
    f.notUtf8 && `${f.notUtf8} not UTF-8`,
  ].filter(Boolean);
  const files =
    `${f.total} files (${f.parsed} parsed, ${s.parsedLines} lines; ` + `${f.skipped} skipped by the literal prefilter`;
  return [
    `  ${'rule'.padEnd(w)} ${'files'.padStart(7)} ${'matches'.padStart(8)}`,
    ...rows,
    `  ${s.matches} matches in ${files}${other.length ? `; ${other.join(', ')}` : ''}) in ${seconds.toFixed(2)} s`,
  ].join('\n');
}

/** `xenport scan`: the matches (or rewrites) on stdout; what was not scanned and the summary on stderr. */
export function scanText(r: ScanResult, v: Pick<Verbosity, 'quiet'>): Chunk[] {
  const chunks: Chunk[] = [];
  if (r.rewrites?.diagnostics.length) chunks.push(err(formatDiagnostics(r.rewrites.diagnostics, false)));
  const text = r.rewrites ? scanRewrites(r.rewrites.files) : scanHits(r);
  if (text) chunks.push(out(text));
  if (!v.quiet) {
    for (const s of r.skipped) chunks.push(err(`xenport scan: rule '${s.id}' not scanned: ${s.why}`));
    for (const o of r.outcomes) {
      if (o.status !== 'parsed' && o.status !== 'skipped')
        chunks.push(err(`${o.file}:1:1: warning: not scanned (${o.status})`));
    }
    chunks.push(err(formatScanSummary(r.summary, r.seconds)));
  }
  return chunks;
}

/** The scan's progress line (on a terminal, stderr), rewritten in place: ended by a clear-to-end-of-line. */
export function scanProgress(done: number, total: number, hits: number): Chunk[] {
  return [err(`\rxenport scan: ${done}/${total} files, ${hits} matches\x1b[K`, false)];
}

/** Clears the scan's progress line. */
export const scanProgressClear = (): Chunk[] => [err('\r\x1b[K', false)];

/** What `xenport serve` says on stderr (started, listening, stopped, already running). */
export function serveText(message: string): Chunk[] {
  return [err(`xenport serve: ${message}`)];
}

function caseFailure(f: CaseFailure): string {
  if ('diagnostics' in f) return f.diagnostics.map(formatDiagnostic).join('\n');
  if ('diff' in f) return f.diff;
  return `golden missing: ${f.missing} (create it with xenport test --update, outside CI)`;
}

/** One golden case: PASS, FAIL with why, SKIP, XFAIL (with why when `verbose`) or UPDATED. */
export function caseText(c: CaseResult, verbose: boolean): Chunk[] {
  switch (c.kind) {
    case 'skip':
      return [out(`SKIP ${c.name}: ${c.why}`)];
    case 'pass':
      return [out(`PASS ${c.name}`)];
    case 'updated':
      return [out(`UPDATED ${c.file}`)];
    case 'fail':
      return [out(`FAIL ${c.name}\n${caseFailure(c.failure)}`)];
    case 'xfail':
      return [
        out(`XFAIL ${c.name}: known failure: ${c.knownFailure}`),
        ...(verbose ? [out(caseFailure(c.failure))] : []),
      ];
    case 'unexpected-pass':
      return [
        out(`FAIL ${c.name}: declared as a known failure (${c.knownFailure}) but passes: remove the declaration`),
      ];
    case 'unreadable':
      return [out(`FAIL ${c.dir}: ${c.message}`)];
  }
}

/** The note that real-port cases are skipped for want of the external corpus. */
export function noCorpusText(dir: string): Chunk[] {
  return [out(`note: external corpus not found at ${dir}; real-port cases are skipped (set XENPORT_CORPUS)`)];
}

/** The totals of the golden cases. */
export function goldenTotalsText(t: GoldenTotals): Chunk[] {
  const chunks: Chunk[] = [];
  if (t.ciSkipped) {
    chunks.push(out(`FAIL: ${t.ciSkipped} case(s) skipped under CI=true, where the external corpus must be present`));
  }
  if (t.xfail) chunks.push(out(`${t.xfail} known failure(s), declared in their case.yaml`));
  if (t.ran) chunks.push(out(`golden: ${t.pass} passed, ${t.fail} failed, ${t.skip} skipped`));
  return chunks;
}

function ruleTestFailure(f: RuleTestFailure): string {
  if ('cannotWrite' in f) {
    const why = typeof f.cannotWrite === 'string' ? f.cannotWrite : f.cannotWrite.map(formatDiagnostic).join('\n');
    return `${f.file}: cannot write: ${why}`;
  }
  const at = `${f.file}:${f.line}: ${f.what}`;
  if ('errors' in f) return `${at}:\n${f.errors.map(formatDiagnostic).join('\n')}`;
  if ('got' in f) return `${at}; got ${f.got.length ? f.got.map(formatDiagnostic).join('\n') : 'no error'}`;
  if ('expected' in f)
    return `${at}:\n${unifiedDiff(f.expected, f.generated, `${f.label} expected`, `${f.label} generated`)}`;
  return at;
}

/** One rule test file: PASS with its snippet counts, FAIL with each failure, or UPDATED. */
export function ruleTestText(r: RuleTestResult): Chunk[] {
  switch (r.kind) {
    case 'unreadable':
      return [out(`FAIL ${r.file}: ${r.message}`)];
    case 'rules-do-not-load':
      return [
        out(`FAIL ${r.file}: the rules of ${r.portDir} do not load:\n${r.errors.map(formatDiagnostic).join('\n')}`),
      ];
    case 'updated':
      return [out(`UPDATED ${r.file} (${r.outputs} output(s))`)];
    case 'fail':
      return [out(`FAIL ${r.file}\n${r.failures.map(ruleTestFailure).join('\n')}`)];
    case 'pass':
      return [out(`PASS ${r.file} (${r.valid} valid, ${r.invalid} invalid)`)];
  }
}

/** The totals of the rule tests. */
export function ruleTestTotalsText(t: { pass: number; fail: number }): Chunk[] {
  return [out(`rule tests: ${t.pass} passed, ${t.fail} failed`)];
}

/** `xenport explain`: the line, then where it was copied from and the rules that wrote it. */
export function explainText(r: ExplainResult): Chunk[] {
  const o = r.origin;
  const stale = r.stale
    ? ' (note: the file differs from what these rules generate now; the line is explained as generated now)'
    : '';
  const lines = [`${r.file}:${r.line}: ${o.text}${stale}`];
  if (o.linux !== undefined) lines.push(`  copied from ${r.linux.file}:${o.linux}: ${r.linux.text ?? ''}`);
  for (const w of o.rules) {
    const block = w.block ? ` of block '${w.block}'` : '';
    const reason = w.reason ? `; reason: ${w.reason.split('\n')[0]}` : '';
    lines.push(`  written by rule ${w.id} (${w.at}): ${w.change}${block}${reason}`);
  }
  if (o.linux === undefined && o.rules.length === 0) lines.push('  copied from the Linux file');
  return [out(lines.join('\n'))];
}

/** `xenport learn`: what was written. */
export function learnText(r: LearnResult): Chunk[] {
  if (r.kind === 'nothing-to-adopt') {
    return [err(`nothing to adopt: ${r.out} already regenerates ${r.xen} byte for byte; nothing written`)];
  }
  if (r.kind === 'adopted') {
    const sup = r.superseded.length ? ` (superseding ${r.superseded.join(', ')}, excluded in port.yaml)` : '';
    return [err(`added ${r.rules} rules to ${r.file}${sup} for review; the port regenerates ${r.xen}`)];
  }
  const what = `${r.rules} rules (${r.general} general) in ${r.ruleFiles} rule files`;
  const lib = r.library?.groups.length
    ? `; library ${r.library.dir} (${r.library.groups.join(', ')}) included in place of ${r.library.replaced} learned rules`
    : '';
  return [err(`wrote ${r.out}: ${what}${lib}; regenerates ${r.xen} byte for byte (${r.ms} ms)`)];
}

/** `xenport init`: each file written, then what to run next (or why it stopped). */
export function initText(r: InitResult): Chunk[] {
  const chunks = r.written.map((f) => out(`wrote ${f}`));
  if (r.failure) return [...chunks, err(r.failure.map(formatDiagnostic).join('\n'))];
  return [...chunks, out(`next: xenport test ${r.dir}    then: xenport port <linux.c> --rules ${r.dir} --stdout`)];
}

/** `xenport report`: the port's diagnostics and the page written. */
export function reportText(r: ReportOutcome, v: Verbosity): Chunk[] {
  const chunks: Chunk[] = [];
  const text = formatDiagnostics(r.diagnostics, v.verbose);
  if (text) chunks.push(err(text));
  if (r.written && !v.quiet) {
    chunks.push(
      err(`wrote ${r.written}${hasErrors(r.diagnostics) ? ' (the port has errors: they are shown in the page)' : ''}`),
    );
  }
  return chunks;
}

/** An error that stops a command before it has a result: `xenport[ <command>]: <message>` on stderr. */
export function errorText(command: string | undefined, message: string): Chunk[] {
  return [err(`xenport${command ? ` ${command}` : ''}: ${message}`)];
}

/** A usage error (bad command line): the error, and which help to read. */
export function usageErrorText(words: string | undefined, message: string): Chunk[] {
  const cmd = `xenport${words ? ` ${words}` : ''}`;
  return [err(`${cmd}: ${message}; see '${cmd} --help'`)];
}

/** An internal error: a bug in xenport, to be reported. */
export function internalErrorText(message: string): Chunk[] {
  const report = 'This is a bug in xenport; please report it with the command and input that trigger it.';
  return [err(`xenport: internal error: ${message}\n${report}`)];
}

/** Text printed as it is, ended by a newline: help, the version. */
export function plainText(text: string): Chunk[] {
  return [out(text)];
}

/**
 * `xenport watch`: each run's line (stderr) and, when both runs wrote an output, the diff of this
 * run's output against the previous one (stdout).
 */
export function watchText(e: WatchEvent): Chunk[] {
  if (e.kind === 'watching') return [err('watch: watching for changes (Ctrl-C to stop)')];
  if (e.kind === 'stopped') return [err('watch: stopped')];
  const chunks = [err(`watch: run ${e.run} (${e.why}): exit ${e.exitCode}, ${e.ms.toFixed(1)} ms`)];
  if (e.output !== undefined && e.previous !== undefined) {
    const d = unifiedDiff(e.previous, e.output, 'previous run', 'this run');
    chunks.push(out(d ? d : 'watch: the output is the same as in the previous run'));
  }
  return chunks;
}
