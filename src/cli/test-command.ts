/**
 * `xenport test`: the golden runner, and the rule tests (src/cli/rule-test-run.ts). Ports each case (src/golden finds
 * and reads them), compares
 * with the expected output and prints a unified diff (3 lines of context) on a mismatch.
 * `--update` rewrites local goldens and is refused under CI=true, where a missing golden is a
 * failure. It lives with the commands (it ports files and picks exit codes like `xenport port`), so
 * src/golden does not import the CLI.
 */
import * as fs from 'fs';
import {
  CaseFailure,
  CaseResult,
  errorText,
  caseText,
  goldenTotalsText,
  noCorpusText,
  ruleTestTotalsText,
  unifiedDiff,
  writeAtomic,
} from '../emit';
import { discoverCases, discoverRuleTests, externalCorpus, readCases } from '../golden';
import type { GoldenCase } from '../golden';
import { Console, print } from './console';
import { EXIT } from './exit-codes';
import { portFiles } from './port-files';
import { runRuleTests } from './rule-test-run';

type Outcome = 'pass' | 'fail' | 'skip' | 'xfail';

/** The outcome a case result counts as. */
const outcomeOf = (r: CaseResult): Outcome =>
  r.kind === 'updated' ? 'pass' : r.kind === 'unexpected-pass' || r.kind === 'unreadable' ? 'fail' : r.kind;

/** Run one case. */
function runCase(c: GoldenCase, update: boolean): CaseResult {
  if (c.skip) return { kind: 'skip', name: c.name, why: c.skip };
  const fail = (failure: CaseFailure): CaseResult =>
    c.knownFailure
      ? { kind: 'xfail', name: c.name, knownFailure: c.knownFailure, failure }
      : { kind: 'fail', name: c.name, failure };
  const ported = portFiles({ input: c.input, rules: c.rules, xen: c.xen, base: c.base });
  if (!ported.ok) return fail({ diagnostics: ported.diagnostics });
  const { result } = ported;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  const expected = fs.existsSync(c.expected) ? fs.readFileSync(c.expected, 'utf8') : undefined;
  if (update && !c.external && errors.length === 0) {
    const w = writeAtomic(c.expected, result.output);
    if (w.length) return fail({ diagnostics: w });
    return { kind: 'updated', file: c.expected };
  }
  if (errors.length) return fail({ diagnostics: errors });
  if (expected === undefined) return fail({ missing: c.expected });
  if (expected !== result.output)
    return fail({ diff: unifiedDiff(expected, result.output, c.expected, `${c.input} (generated)`) });
  if (c.knownFailure) return { kind: 'unexpected-pass', name: c.name, knownFailure: c.knownFailure };
  return { kind: 'pass', name: c.name };
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
    print(
      out,
      errorText(undefined, '--update is refused under CI=true: goldens change only by an explicit local update'),
    );
    return EXIT.usage;
  }
  const found = collect(a.dirs);
  if (found.unknown.length) {
    const what = 'no golden case (case.yaml) or rule test (<port>/tests/*.yaml) found there';
    print(out, errorText(undefined, `${found.unknown[0]}: ${what}`));
    return EXIT.usage;
  }
  if (found.cases.length + found.ruleTests.length === 0) {
    const looked = 'looked for corpus/*/case.yaml and rules/*/tests/*.yaml';
    print(out, errorText(undefined, `no golden cases or rule tests found (${looked})`));
    return EXIT.usage;
  }
  const counts: Record<Outcome, number> = { pass: 0, fail: 0, skip: 0, xfail: 0 };
  if (found.cases.length) {
    const corpus = externalCorpus();
    if (!corpus.present) print(out, noCorpusText(corpus.dir));
  }
  const report = (r: CaseResult): void => {
    print(out, caseText(r, a.verbose));
    counts[outcomeOf(r)]++;
  };
  for (const dir of found.cases) {
    let cases: GoldenCase[];
    try {
      cases = readCases(dir);
    } catch (e) {
      report({ kind: 'unreadable', dir, message: (e as Error).message });
      continue;
    }
    for (const c of cases) report(runCase(c, a.update));
  }
  // Under CI=true the external corpus must be present: a skipped case fails.
  const ciSkipped = process.env.CI === 'true' ? counts.skip : 0;
  print(
    out,
    goldenTotalsText({
      ...counts,
      fail: counts.fail + ciSkipped,
      skip: counts.skip - ciSkipped,
      ciSkipped,
      ran: found.cases.length > 0,
    }),
  );
  const rt = runRuleTests(found.ruleTests, { update: a.update }, out);
  if (found.ruleTests.length) print(out, ruleTestTotalsText(rt));
  counts.fail += ciSkipped;
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
