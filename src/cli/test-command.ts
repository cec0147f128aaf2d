/**
 * `xenport test`: the golden runner. Ports each case (src/golden finds and reads them), compares
 * with the expected output and prints a unified diff (3 lines of context) on a mismatch.
 * `--update` rewrites local goldens and is refused under CI=true, where a missing golden is a
 * failure. It lives with the commands (it ports files and picks exit codes like `xenport port`), so
 * src/golden does not import the CLI.
 */
import * as fs from 'fs';
import { formatDiagnostic } from '../diagnostics';
import { unifiedDiff, writeAtomic } from '../emit';
import { discoverCases, externalCorpus, readCases } from '../golden';
import type { GoldenCase } from '../golden';
import type { Console } from './console';
import { EXIT } from './exit-codes';
import { portFiles } from './port-files';

type Outcome = 'pass' | 'fail' | 'skip' | 'xfail';

/** Run one case; prints its details on failure. */
function runCase(c: GoldenCase, update: boolean, verbose: boolean, out: Console): Outcome {
  if (c.skip) {
    out.stdout(`SKIP ${c.name}: ${c.skip}`);
    return 'skip';
  }
  const fail = (why: string): Outcome => {
    if (c.knownFailure) {
      out.stdout(`XFAIL ${c.name}: known failure: ${c.knownFailure}`);
      if (verbose) out.stdout(why);
      return 'xfail';
    }
    out.stdout(`FAIL ${c.name}\n${why}`);
    return 'fail';
  };
  const ported = portFiles({ input: c.input, rules: c.rules, xen: c.xen, base: c.base });
  if (!ported.ok) return fail(ported.diagnostics.map(formatDiagnostic).join('\n'));
  const { result } = ported;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const expected = fs.existsSync(c.expected) ? fs.readFileSync(c.expected, 'utf8') : undefined;
  if (update && !c.external && errors.length === 0) {
    const w = writeAtomic(c.expected, result.output);
    if (w.length) return fail(w.map(formatDiagnostic).join('\n'));
    out.stdout(`UPDATED ${c.expected}`);
    return 'pass';
  }
  if (errors.length) return fail(errors.map(formatDiagnostic).join('\n'));
  if (expected === undefined) return fail(`golden missing: ${c.expected} (create it with xenport test --update, outside CI)`);
  if (expected !== result.output) return fail(unifiedDiff(expected, result.output, c.expected, `${c.input} (generated)`));
  if (c.knownFailure) {
    out.stdout(`FAIL ${c.name}: declared as a known failure (${c.knownFailure}) but passes: remove the declaration`);
    return 'fail';
  }
  out.stdout(`PASS ${c.name}`);
  return 'pass';
}

/** Run golden cases from `dirs` (default: every case under corpus/). Returns the exit code. */
export function runGolden(a: { dirs: string[]; update: boolean; verbose: boolean }, out: Console): number {
  if (a.update && process.env.CI === 'true') {
    out.stderr('xenport: --update is refused under CI=true: goldens change only by an explicit local update');
    return EXIT.usage;
  }
  const dirs = a.dirs.length ? a.dirs : discoverCases('corpus');
  if (dirs.length === 0) {
    out.stderr('xenport: no golden cases found (looked for corpus/*/case.yaml)');
    return EXIT.usage;
  }
  const corpus = externalCorpus();
  if (!corpus.present) out.stdout(`note: external corpus not found at ${corpus.dir}; real-port cases are skipped (set XENPORT_CORPUS)`);
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, skip: 0, xfail: 0 };
  for (const dir of dirs) {
    let cases: GoldenCase[];
    try {
      cases = readCases(dir);
    } catch (e) {
      out.stdout(`FAIL ${dir}: ${(e as Error).message}`);
      counts.fail++;
      continue;
    }
    for (const c of cases) counts[runCase(c, a.update, a.verbose, out)]++;
  }
  if (process.env.CI === 'true' && counts.skip > 0) {
    out.stdout(`FAIL: ${counts.skip} case(s) skipped under CI=true, where the external corpus must be present`);
    counts.fail += counts.skip;
    counts.skip = 0;
  }
  if (counts.xfail) out.stdout(`${counts.xfail} known failure(s), declared in their case.yaml`);
  out.stdout(`golden: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped`);
  return counts.fail ? EXIT.portFailed : EXIT.ok;
}

/** Options of `xenport test`. */
export interface TestArgs {
  dirs: string[];
  update: boolean;
  verbose: boolean;
}

/** Run `xenport test`; returns the exit code. */
export function runTest(a: TestArgs, out: Console): number {
  return runGolden(a, out);
}
