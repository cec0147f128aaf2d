/**
 * `xenport report`: port one Linux file (optionally as an upgrade: --xen, --base) and write the
 * review page, `<dir>/<linux file name>.html`, a self-contained HTML file. The page is written even
 * when the port has errors (drift, hand edits): showing them is its purpose; the exit code is then 1.
 * Build and boot results may be attached (--checks JSON, --build-log, --boot-log; docs/REVIEW.md).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, diag, hasErrors } from '../diagnostics';
import { reportText, writeAtomic } from '../emit';
import { buildReview, CheckResult, logCheck, parseChecks, renderReview } from '../review';
import type { Args } from './args';
import { Console, print } from './console';
import { EXIT } from './exit-codes';
import { readIfExists } from './files';
import { portFiles } from './port-files';

/** Options of `xenport report`. */
export interface ReportArgs {
  input: string;
  rules: string;
  /** Folder the page is written to (created if missing). */
  outDir: string;
  xen?: string;
  base?: string;
  checks?: string;
  buildLog?: string;
  bootLog?: string;
  dropHandEdits: boolean;
  quiet: boolean;
  verbose: boolean;
}

/** The report options from the checked command line (the one place that knows their names). */
export function reportArgs(a: Args): ReportArgs {
  const optional = (key: keyof ReportArgs, option: string): Partial<ReportArgs> => {
    const v = a.string(option);
    return v === undefined ? {} : { [key]: v };
  };
  return {
    input: a.string('linux-file') ?? '',
    rules: a.string('rules') ?? '',
    outDir: a.string('output') ?? '',
    ...optional('xen', 'xen'),
    ...optional('base', 'base'),
    ...optional('checks', 'checks'),
    ...optional('buildLog', 'build-log'),
    ...optional('bootLog', 'boot-log'),
    dropHandEdits: a.flag('drop-hand-edits'),
    quiet: a.flag('quiet'),
    verbose: a.flag('verbose'),
  };
}

/** Read the --checks, --build-log and --boot-log files. */
function readChecks(a: ReportArgs): { ok: true; checks: CheckResult[] } | { ok: false; diagnostics: Diagnostic[] } {
  const checks: CheckResult[] = [];
  const read = (file: string): string | Diagnostic => {
    const text = readIfExists(file);
    if (typeof text === 'object') return text.error;
    return text ?? diag('XP008', `cannot read ${file}: not a readable file`, { location: { file, line: 1, col: 1 } });
  };
  if (a.checks) {
    const text = read(a.checks);
    if (typeof text !== 'string') return { ok: false, diagnostics: [text] };
    const parsed = parseChecks(text, a.checks);
    if (!parsed.ok) return parsed;
    checks.push(...parsed.checks);
  }
  for (const [name, file] of [
    ['Xen build log', a.buildLog],
    ['boot log', a.bootLog],
  ] as const) {
    if (!file) continue;
    const text = read(file);
    if (typeof text !== 'string') return { ok: false, diagnostics: [text] };
    checks.push(logCheck(name, text, file));
  }
  return { ok: true, checks };
}

/** Run `xenport report`; returns the exit code. */
export function runReport(a: ReportArgs, out: Console): number {
  const finish = (exitCode: number, diagnostics: Diagnostic[], written?: string): number => {
    print(out, reportText({ exitCode, diagnostics, ...(written ? { written } : {}) }, a));
    return exitCode;
  };
  if (a.base && !a.xen)
    return finish(EXIT.usage, [
      diag('XP302', '--base needs --xen: it names the Linux file the existing Xen file was generated from'),
    ]);
  if (fs.existsSync(a.outDir) && !fs.statSync(a.outDir).isDirectory()) {
    return finish(EXIT.io, [
      diag('XP400', `-o names a folder for the page; ${a.outDir} is a file`, {
        location: { file: a.outDir, line: 1, col: 1 },
      }),
    ]);
  }
  const checks = readChecks(a);
  if (!checks.ok) return finish(EXIT.io, checks.diagnostics);
  const ported = portFiles({
    input: a.input,
    rules: a.rules,
    xen: a.xen,
    base: a.base,
    dropHandEdits: a.dropHandEdits,
  });
  if (!ported.ok) return finish(ported.exitCode, ported.diagnostics);
  const { result, diagnostics, used } = ported;
  if (diagnostics.some((d) => d.code === 'XP005')) return finish(EXIT.io, diagnostics);
  const blockFiles = new Map([...used.blockFiles].map(([name, t]) => [name, t.file]));
  const model = buildReview({
    linux: used.input,
    result: { ...result, diagnostics },
    rules: used.ruleSet.rules,
    blockFiles,
    checks: checks.checks,
    ...(used.xen ? { xen: used.xen } : {}),
    ...(used.base ? { base: used.base } : {}),
  });
  const file = path.join(a.outDir, `${path.basename(a.input)}.html`);
  try {
    fs.mkdirSync(a.outDir, { recursive: true });
  } catch (e) {
    return finish(EXIT.io, [
      ...diagnostics,
      diag('XP400', `cannot create ${a.outDir}: ${(e as Error).message}`, {
        location: { file: a.outDir, line: 1, col: 1 },
      }),
    ]);
  }
  const written = writeAtomic(file, renderReview(model));
  if (written.length) return finish(EXIT.io, [...diagnostics, ...written]);
  return finish(hasErrors(diagnostics) ? EXIT.portFailed : EXIT.ok, diagnostics, file);
}
