/**
 * `xenport test`: the golden runner, and the rule tests (src/cli/rule-test-run.ts). Ports each case (src/golden finds and reads them), compares
 * with the expected output and prints a unified diff (3 lines of context) on a mismatch.
 * `--update` rewrites local goldens and is refused under CI=true, where a missing golden is a
 * failure. It lives with the commands (it ports files and picks exit codes like `xenport port`), so
 * src/golden does not import the CLI.
 */
import * as fs from 'fs';
import { formatDiagnostic } from '../diagnostics';
import { unifiedDiff, writeAtomic } from '../emit';
import { discoverCases, discoverRuleTests, externalCorpus, readCases } from '../golden';
import type { GoldenCase } from '../golden';
import type { Console } from './console';
import { EXIT } from './exit-codes';
import { portFiles } from './port-files';
import { runRuleTests } from './rule-test-run';

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

/** Case folders and rule test files named by `dirs`, or found under corpus/ and rules/ by default. */
function collect(dirs: string[]): { cases: string[]; ruleTests: string[]; unknown: string[] } {
  if (dirs.length === 0) return { cases: discoverCases('corpus'), ruleTests: discoverRuleTests('rules'), unknown: [] };
  const cases: string[] = [];
  const ruleTests: string[] = [];
  const unknown: string[] = [];
  for (const d of dirs) {
    const c = discoverCases(d);
    const r = discoverRuleTests(d);
    cases.push(...c);
    ruleTests.push(...r);
    if (c.length + r.length === 0) unknown.push(d);
  }
  return { cases, ruleTests, unknown };
}

/**
 * Run golden cases and rule tests from `dirs` (default: every case under corpus/ and every rule
 * test under rules/). Returns the exit code.
 */
export function runGolden(a: { dirs: string[]; update: boolean; verbose: boolean }, out: Console): number {
  if (a.update && process.env.CI === 'true') {
    out.stderr('xenport: --update is refused under CI=true: goldens change only by an explicit local update');
    return EXIT.usage;
  }
  const found = collect(a.dirs);
  if (found.unknown.length) {
    out.stderr(`xenport: ${found.unknown[0]}: no golden case (case.yaml) or rule test (<port>/tests/*.yaml) found there`);
    return EXIT.usage;
  }
  if (found.cases.length + found.ruleTests.length === 0) {
    out.stderr('xenport: no golden cases or rule tests found (looked for corpus/*/case.yaml and rules/*/tests/*.yaml)');
    return EXIT.usage;
  }
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, skip: 0, xfail: 0 };
  if (found.cases.length) {
    const corpus = externalCorpus();
    if (!corpus.present) out.stdout(`note: external corpus not found at ${corpus.dir}; real-port cases are skipped (set XENPORT_CORPUS)`);
  }
  for (const dir of found.cases) {
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
  if (found.cases.length) out.stdout(`golden: ${counts.pass} passed, ${counts.fail} failed, ${counts.skip} skipped`);
  const rt = runRuleTests(found.ruleTests, { update: a.update }, out);
  if (found.ruleTests.length) out.stdout(`rule tests: ${rt.pass} passed, ${rt.fail} failed`);
  return counts.fail + rt.fail ? EXIT.portFailed : EXIT.ok;
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
