/**
 * Runs rule tests (src/golden/rule-tests.ts): each snippet is ported with the tested rule alone (its
 * `expect:` count ignored), `valid:` snippets must give no match and no error, `invalid:` snippets
 * must match and give the expected output (or the expected error). `--update` writes the outputs
 * of `invalid:` snippets into the test file (refused under CI=true by the caller).
 */
import { isMap, isSeq } from 'yaml';
import { Diagnostic, formatDiagnostic, hasErrors } from '../diagnostics';
import { unifiedDiff, writeAtomic } from '../emit';
import { port, PortResult } from '../port';
import { loadRuleSet } from '../rules';
import type { RuleSet } from '../rules/types';
import type { Console } from './console';
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

type Loaded = { ruleSet: RuleSet; blocks: ReturnType<typeof readBlocks> } | { error: string };

/** Load a port once per run. */
function loader(): (dir: string) => Loaded {
  const cache = new Map<string, Loaded>();
  return (dir) => {
    let l = cache.get(dir);
    if (!l) {
      const r = loadRuleSet(dir);
      l = r.ruleSet && !hasErrors(r.diagnostics)
        ? { ruleSet: r.ruleSet, blocks: readBlocks(r.ruleSet.blockDirs) }
        : { error: r.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic).join('\n') };
      cache.set(dir, l);
    }
    return l;
  };
}

const errorsOf = (ds: readonly Diagnostic[]): Diagnostic[] => ds.filter((d) => d.severity === 'error');
const matchesOf = (r: PortResult, id: string): number => r.report.rules.find((x) => x.id === id)?.matches ?? 0;

/** Check one test file; returns the failure messages, and the outputs to write under `--update`. */
function checkTest(t: RuleTest, ruleSet: RuleSet, blocks: ReturnType<typeof readBlocks>, update: boolean): { failures: string[]; updates: Map<number, string> } {
  const failures: string[] = [];
  const updates = new Map<number, string>();
  const picked = selectRules(ruleSet, [t.rule]);
  if ('error' in picked) return { failures: [`${t.file}:1: ${picked.error}`], updates };
  const one: RuleSet = { ...picked.ruleSet, rules: picked.ruleSet.rules.map(anyCount) };
  const run = (code: string): PortResult => port({ text: code, file: t.snippetFile }, one, { blockFiles: blocks });
  const where = (line: number, what: string): string => `${t.file}:${line}: ${what}`;
  t.valid.forEach((s, i) => {
    const r = run(s.code);
    const n = matchesOf(r, t.rule);
    if (n > 0) failures.push(where(s.line, `valid[${i + 1}] must not match, but ${t.rule} matched ${n} time(s) (line ${r.provenance.matches.find((m) => m.ruleId === t.rule)?.input.line})`));
    const errs = errorsOf(r.diagnostics);
    if (errs.length) failures.push(where(s.line, `valid[${i + 1}] gave errors:\n${errs.map(formatDiagnostic).join('\n')}`));
  });
  t.invalid.forEach((s, i) => {
    const label = `invalid[${i + 1}]`;
    const r = run(s.code);
    const n = matchesOf(r, t.rule);
    // A rule whose match ends in an error (XP203) may not count it as a match: `error:` needs no count.
    if (s.matches !== undefined ? n !== s.matches : n === 0 && s.error === undefined) failures.push(where(s.line, `${label} must match ${s.matches ?? 'at least once'}, but ${t.rule} matched ${n} time(s)`));
    const errs = errorsOf(r.diagnostics);
    if (s.error !== undefined) {
      const hit = errs.find((d) => d.code === s.error && (s.message === undefined || new RegExp(s.message).test(d.message)));
      if (!hit) failures.push(where(s.line, `${label} must report ${s.error}${s.message ? ` matching /${s.message}/` : ''}; got ${errs.length ? errs.map(formatDiagnostic).join('\n') : 'no error'}`));
      return;
    }
    if (errs.length) return void failures.push(where(s.line, `${label} gave errors:\n${errs.map(formatDiagnostic).join('\n')}`));
    if (update && s.output !== r.output) return void updates.set(i, r.output);
    if (s.output === undefined) failures.push(where(s.line, `${label} has no expected output: write it with xenport test --update (outside CI), then read it`));
    else if (s.output !== r.output) failures.push(where(s.line, `${label} output differs:\n${unifiedDiff(s.output, r.output, `${label} expected`, `${label} generated`)}`));
  });
  return { failures, updates };
}

/** Write the new outputs into the test file, keeping its comments and layout. */
function writeUpdates(t: RuleTest, updates: Map<number, string>): string | undefined {
  const seq = t.doc.get('invalid', true);
  if (!isSeq(seq)) return 'invalid: is not a list';
  for (const [i, output] of updates) {
    const item = seq.items[i];
    if (isMap(item)) item.set('output', output);
  }
  const w = writeAtomic(t.file, t.doc.toString({ lineWidth: 0 }));
  return w.length ? w.map(formatDiagnostic).join('\n') : undefined;
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
      out.stdout(`FAIL ${file}: ${(e as Error).message}`);
      counts.fail++;
      continue;
    }
    const l = load(t.portDir);
    if ('error' in l) {
      out.stdout(`FAIL ${file}: the rules of ${t.portDir} do not load:\n${l.error}`);
      counts.fail++;
      continue;
    }
    const { failures, updates } = checkTest(t, l.ruleSet, l.blocks, a.update);
    if (updates.size) {
      const err = writeUpdates(t, updates);
      if (err) failures.push(`${file}: cannot write: ${err}`);
      else out.stdout(`UPDATED ${file} (${updates.size} output(s))`);
    }
    if (failures.length) {
      out.stdout(`FAIL ${file}\n${failures.join('\n')}`);
      counts.fail++;
    } else {
      out.stdout(`PASS ${file} (${t.valid.length} valid, ${t.invalid.length} invalid)`);
      counts.pass++;
    }
  }
  return counts;
}
