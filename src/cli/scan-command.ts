/**
 * `xenport scan`: every match of every rule over files and folders, as `path:line:col: rule-id`
 * lines (or JSON), with a per-rule summary. Writes nothing. A progress line is shown on a terminal.
 */
import { diagnosticsText, formatFor, scanProgress, scanProgressClear, ScanResult } from '../emit';
import { diag } from '../diagnostics';
import { listFiles, loadScanRules, runScan, summarize, DEFAULT_EXTENSIONS } from '../scan';
import { Console, print, terminalOf } from './console';
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

function progressPrinter(
  enabled: boolean,
  out: Console,
): { update(done: number, total: number, hits: number): void; clear(): void } {
  let last = 0;
  let shown = false;
  return {
    update(done, total, hits) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      print(out, scanProgress(done, total, hits));
    },
    clear() {
      if (shown) print(out, scanProgressClear());
    },
  };
}

/** Run `xenport scan`; resolves to the exit code (0 even when nothing matches: a scan is a report). */
export async function runScanCommand(a: ScanArgs, out: Console): Promise<number> {
  const t0 = Date.now();
  const loaded = loadScanRules(a.rules);
  if (loaded.rules.length === 0) {
    const ds = loaded.diagnostics.length ? loaded.diagnostics : [diag('XP100', `no scannable rules in ${a.rules}`)];
    print(out, diagnosticsText(ds));
    return EXIT.invalidRules;
  }
  const exts = (a.ext?.length ? a.ext : DEFAULT_EXTENSIONS).map((e) => (e.startsWith('.') ? e : `.${e}`));
  const { files, missing } = listFiles(a.paths, exts);
  if (missing.length) {
    print(
      out,
      diagnosticsText(
        missing.map((m) => diag('XP001', `input file not found: ${m}`, { location: { file: m, line: 1, col: 1 } })),
      ),
    );
    return EXIT.io;
  }
  const progress = progressPrinter(a.progress ?? (!a.json && !a.quiet && terminalOf(out).stderr), out);
  const outcomes = await runScan(files, loaded.rules, { jobs: a.jobs, onProgress: progress.update });
  progress.clear();
  const summary = summarize(loaded.rules, outcomes);
  const seconds = (Date.now() - t0) / 1000;
  const result: ScanResult = {
    ruleIds: loaded.rules.map((r) => r.id),
    outcomes,
    summary,
    skipped: loaded.skipped,
    seconds,
  };
  if (a.diff) {
    const { hitRewrites } = require('./scan-diff') as typeof import('./scan-diff');
    result.rewrites = hitRewrites(loaded.rules, outcomes, a.rules);
  }
  print(out, formatFor(a.json).scan(result, a));
  return EXIT.ok;
}
