/**
 * Runs rule tests (src/golden/rule-tests.ts): each snippet is ported with the tested rule alone (its
 * `expect:` count ignored), `valid:` snippets must give no match and no error, `invalid:` snippets
 * must match and give the expected output (or the expected error). `--update` writes the outputs
 * of `invalid:` snippets into the test file (refused under CI=true by the caller).
 */
import { isMap, isSeq } from 'yaml';
import { Diagnostic, hasErrors } from '../diagnostics';
import { RuleTestFailure, ruleTestText, writeAtomic } from '../emit';
import { port, PortResult } from '../port';
import { loadRuleSet } from '../rules';
import type { RuleSet } from '../rules/types';
import { Console, print } from './console';
import { readBlockFiles } from '../rules';

/** The block files of a port's block folders (their errors show when the port itself is checked). */
const readBlocks = (dirs: readonly string[]) => readBlockFiles(dirs).blocks;
import { anyCount, selectRules } from './rule-select';
import { readRuleTest, RuleTest, RuleTestError } from '../golden/rule-tests';

/** Counts of a rule test run. */
export interface RuleTestCounts {
  pass: number;
  fail: number;
}

type Loaded = { ruleSet: RuleSet; blocks: ReturnType<typeof readBlocks> } | { errors: Diagnostic[] };

/** Load a port once per run. */
function loader(): (dir: string) => Loaded {
  const cache = new Map<string, Loaded>();
  return (dir) => {
    let l = cache.get(dir);
    if (!l) {
      const r = loadRuleSet(dir);
      l =
        r.ruleSet && !hasErrors(r.diagnostics)
          ? { ruleSet: r.ruleSet, blocks: readBlocks(r.ruleSet.blockDirs) }
          : { errors: r.diagnostics.filter((d) => d.severity === 'error') };
      cache.set(dir, l);
    }
    return l;
  };
}

const errorsOf = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');
const matchesOf = (r: PortResult, id: string): number => r.report.rules.find((x) => x.id === id)?.matches ?? 0;

/** Check one test file; returns the failures, and the outputs to write under `--update`. */
function checkTest(
  t: RuleTest,
  ruleSet: RuleSet,
  blocks: ReturnType<typeof readBlocks>,
  update: boolean,
): { failures: RuleTestFailure[]; updates: Map<number, string> } {
  const failures: RuleTestFailure[] = [];
  const updates = new Map<number, string>();
  const picked = selectRules(ruleSet, [t.rule]);
  if ('error' in picked) return { failures: [{ file: t.file, line: 1, what: picked.error }], updates };
  const one: RuleSet = { ...picked.ruleSet, rules: picked.ruleSet.rules.map(anyCount) };
  const run = (code: string): PortResult => port({ text: code, file: t.snippetFile }, one, { blockFiles: blocks });
  const file = t.file;
  t.valid.forEach((s, i) => {
    const r = run(s.code);
    const n = matchesOf(r, t.rule);
    if (n > 0) {
      const at = r.provenance.matches.find((m) => m.ruleId === t.rule)?.input.line;
      failures.push({
        file,
        line: s.line,
        what: `valid[${i + 1}] must not match, but ${t.rule} matched ${n} time(s) (line ${at})`,
      });
    }
    const errs = errorsOf(r.diagnostics);
    if (errs.length) failures.push({ file, line: s.line, what: `valid[${i + 1}] gave errors`, errors: errs });
  });
  t.invalid.forEach((s, i) => {
    const label = `invalid[${i + 1}]`;
    const line = s.line;
    const r = run(s.code);
    const n = matchesOf(r, t.rule);
    // A rule whose match ends in an error (XP203) may not count it as a match: `error:` needs no count.
    if (s.matches !== undefined ? n !== s.matches : n === 0 && s.error === undefined) {
      failures.push({
        file,
        line,
        what: `${label} must match ${s.matches ?? 'at least once'}, but ${t.rule} matched ${n} time(s)`,
      });
    }
    const errs = errorsOf(r.diagnostics);
    if (s.error !== undefined) {
      const hit = errs.find(
        (d) => d.code === s.error && (s.message === undefined || new RegExp(s.message).test(d.message)),
      );
      if (!hit)
        failures.push({
          file,
          line,
          what: `${label} must report ${s.error}${s.message ? ` matching /${s.message}/` : ''}`,
          got: errs,
        });
      return;
    }
    if (errs.length) return void failures.push({ file, line, what: `${label} gave errors`, errors: errs });
    if (update && s.output !== r.output) return void updates.set(i, r.output);
    if (s.output === undefined) {
      failures.push({
        file,
        line,
        what: `${label} has no expected output: write it with xenport test --update (outside CI), then read it`,
      });
    } else if (s.output !== r.output) {
      failures.push({ file, line, what: `${label} output differs`, expected: s.output, generated: r.output, label });
    }
  });
  return { failures, updates };
}

/** Write the new outputs into the test file, keeping its comments and layout. */
function writeUpdates(t: RuleTest, updates: Map<number, string>): string | Diagnostic[] | undefined {
  const seq = t.doc.get('invalid', true);
  if (!isSeq(seq)) return 'invalid: is not a list';
  for (const [i, output] of updates) {
    const item = seq.items[i];
    if (isMap(item)) item.set('output', output);
  }
  const w = writeAtomic(t.file, t.doc.toString({ lineWidth: 0 }));
  return w.length ? w : undefined;
}

/** Run the rule test files; prints PASS/FAIL lines and returns the counts. */
export function runRuleTests(files: readonly string[], a: { update: boolean }, out: Console): RuleTestCounts {
  const load = loader();
  const counts: RuleTestCounts = { pass: 0, fail: 0 };
  for (const file of files) {
    let t: RuleTest;
    try {
      t = readRuleTest(file);
    } catch (e) {
      if (!(e instanceof RuleTestError) && !(e as NodeJS.ErrnoException).code) throw e;
      print(out, ruleTestText({ kind: 'unreadable', file, message: (e as Error).message }));
      counts.fail++;
      continue;
    }
    const l = load(t.portDir);
    if ('errors' in l) {
      print(out, ruleTestText({ kind: 'rules-do-not-load', file, portDir: t.portDir, errors: l.errors }));
      counts.fail++;
      continue;
    }
    const { failures, updates } = checkTest(t, l.ruleSet, l.blocks, a.update);
    if (updates.size) {
      const err = writeUpdates(t, updates);
      if (err) failures.push({ file, cannotWrite: err });
      else print(out, ruleTestText({ kind: 'updated', file, outputs: updates.size }));
    }
    if (failures.length) {
      print(out, ruleTestText({ kind: 'fail', file, failures }));
      counts.fail++;
    } else {
      print(out, ruleTestText({ kind: 'pass', file, valid: t.valid.length, invalid: t.invalid.length }));
      counts.pass++;
    }
  }
  return counts;
}
