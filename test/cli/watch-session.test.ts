/**
 * What keeps `xenport watch` fast, in process: after a one-line change of one rule file only that
 * file is compiled again, and only its changed patterns (src/rules/load.ts, RuleFileMemo), and the
 * result equals a fresh load;
 * unchanged texts keep their parse across ports (src/port/parse-memo.ts) and the output equals a
 * port without the memo; and a watch session (src/cli/watch-command.ts) regenerates after a rule
 * edit, runs nothing when nothing changed, and prints the diff.
 */
import * as fs from 'fs';
import * as path from 'path';
import { editFile, exampleRulesCopy } from './edit-wait';
import { bufferConsole } from '../../src/cli/console';
import { loadRules } from '../../src/cli/load-rules';
import { portMemos, watchSession } from '../../src/cli/watch-command';
import { parseMemo, port } from '../../src/port';
import { loadRuleSet, readBlockFiles, ruleFileMemo } from '../../src/rules';
import { ruleKey } from '../../src/rules/memo';

const ROOT = path.resolve(__dirname, '..', '..');
const EXAMPLE = path.join(ROOT, 'corpus', 'example');

let tmp: string;
let rules: string;
beforeEach(() => {
  ({ dir: tmp, rules } = exampleRulesCopy('xenport-watch-session-'));
});
afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

const edit = editFile;

test('a rule file memo compiles only the changed file, and the load equals a fresh one', () => {
  const memo = ruleFileMemo();
  const first = loadRuleSet(rules, undefined, memo);
  expect(first.ruleSet).toBeDefined();
  const files = first.ruleSet!.files.length;
  expect(memo.entries.size).toBe(files);
  const before = new Map(memo.entries);
  edit(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  const second = loadRuleSet(rules, undefined, memo);
  expect(second).toEqual(loadRuleSet(rules));
  // The entry of the old api.yaml is dropped; every other file's compiled rules are the same objects.
  expect(memo.entries.size).toBe(files);
  const kept = [...memo.entries].filter(([k, v]) => before.get(k) === v);
  expect(kept).toHaveLength(files - 1);
  expect(kept.some(([k]) => k.includes('api.yaml'))).toBe(false);
  // Loads get copies: numbering or scoping one load's rules never reaches the memo.
  second.ruleSet!.rules[0].order = 999;
  expect(loadRuleSet(rules, undefined, memo)).toEqual(loadRuleSet(rules));
});

test("the rule key of a memo's rules is the same exactly when their JSON texts are, across loads and edits", () => {
  const memo = ruleFileMemo();
  const first = loadRuleSet(rules, undefined, memo).ruleSet!.rules;
  // api.yaml holds three rules: one changes, the other two are compiled again unchanged.
  edit(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  const second = loadRuleSet(rules, undefined, memo).ruleSet!.rules;
  const all = [...first, ...second];
  for (const a of all)
    for (const b of all) expect([a.id, b.id, ruleKey(a) === ruleKey(b)]).toEqual([a.id, b.id, same(a, b)]);
  // A load without the memo: a key it shares is the same content.
  for (const a of loadRuleSet(rules).ruleSet!.rules)
    for (const b of all) if (ruleKey(a) === ruleKey(b)) expect(same(a, b)).toBe(true);
});

/** Whether two rules have the same JSON text. */
const same = (a: object, b: object): boolean => JSON.stringify(a) === JSON.stringify(b);

test('a rule file changed outside its patterns compiles none of them again; a changed pattern is compiled', () => {
  const memo = ruleFileMemo();
  loadRuleSet(rules, undefined, memo);
  const before = new Map(memo.patterns);
  expect(before.size).toBeGreaterThan(0);
  const api = path.join(rules, 'api.yaml');
  edit(api, 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  expect(loadRuleSet(rules, undefined, memo)).toEqual(loadRuleSet(rules));
  // api.yaml was compiled again, its patterns were not: each is the object the first load made.
  expect(memo.patterns.size).toBe(before.size);
  for (const [k, v] of memo.patterns) expect(before.get(k)).toBe(v);
  const old = 'devm_kzalloc($_, $SIZE, GFP_KERNEL)';
  edit(api, `pattern: "${old}"`, 'pattern: "devm_kzalloc($_, $SIZE, GFP_ATOMIC)"');
  expect(loadRuleSet(rules, undefined, memo)).toEqual(loadRuleSet(rules));
  const keys = [...memo.patterns.keys()];
  expect(keys.some((k) => k.endsWith('GFP_ATOMIC)'))).toBe(true);
  expect(keys.some((k) => k.endsWith(old))).toBe(false);
});

test('a single rule file through the memo equals a fresh load', () => {
  const memo = ruleFileMemo();
  const file = path.join(rules, 'api.yaml');
  expect(loadRules(file, [], undefined, memo)).toEqual(loadRules(file));
  edit(file, 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE * 2)"');
  expect(loadRules(file, [], undefined, memo)).toEqual(loadRules(file));
  expect(memo.entries.size).toBe(1);
});

test('a parse memo reuses the parse of an unchanged input and gives the same output', () => {
  const rs = loadRuleSet(rules).ruleSet!;
  const input = { text: fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8'), file: 'linux.c' };
  const blockFiles = readBlockFiles(rs.blockDirs).blocks;
  const plain = port(input, rs, { blockFiles });
  const memo = parseMemo();
  const calls: string[] = [];
  const parse: typeof memo.parse = (text, file, hints) => {
    const src = memo.parse(text, file, hints);
    calls.push(text === input.text ? 'input' : 'other');
    return src;
  };
  const a = port(input, rs, { blockFiles, parse });
  memo.nextPort();
  const srcA = memo.parse(input.text, input.file, rs.macros);
  const b = port(input, rs, { blockFiles, parse });
  memo.nextPort();
  expect(memo.parse(input.text, input.file, rs.macros)).toBe(srcA);
  expect(a.output).toBe(plain.output);
  expect(b.output).toBe(plain.output);
  expect(b.diagnostics).toEqual(plain.diagnostics);
  expect(calls.filter((c) => c === 'input').length).toBe(2);
  // Another text of the same file is parsed, not taken from the memo.
  expect(memo.parse(`${input.text}\n`, input.file, rs.macros)).not.toBe(srcA);
});

test('a watch session regenerates after a rule edit and runs nothing when nothing changed', () => {
  const out = path.join(tmp, 'out.c');
  const c = bufferConsole();
  const args = {
    input: path.join(EXAMPLE, 'linux.c'),
    rules,
    output: out,
    check: false,
    diff: false,
    stdout: false,
    json: false,
    force: false,
    dropHandEdits: false,
    quiet: true,
    verbose: false,
  };
  const session = watchSession(args, c);
  session.run('start');
  expect(c.err).toMatch(/watch: run 1 \(start\): exit 0/);
  expect(session.check()).toBe(false);
  edit(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  expect(session.check()).toBe(true);
  expect(c.err).toMatch(/watch: run 2 \(change\): exit 0/);
  expect(c.out).toMatch(/^\+\s*iommu = xzalloc_bytes\(sizeof\(\*iommu\) \+ 1\);/m);
  expect(fs.readFileSync(out, 'utf8')).toContain('xzalloc_bytes(sizeof(*iommu) + 1);');
  expect(session.check()).toBe(false);
  // A block file change regenerates too.
  fs.appendFileSync(path.join(rules, 'blocks', 'xen-glue.c'), '/* watched */\n');
  expect(session.check()).toBe(true);
  expect(fs.readFileSync(out, 'utf8')).toContain('/* watched */');
  expect(session.folders()).toContain(path.join(rules, 'blocks'));
});

test('a rule file changed while the port runs, after the load read it, starts another run', () => {
  const out = path.join(tmp, 'out.c');
  const c = bufferConsole();
  const args = {
    ...{ input: path.join(EXAMPLE, 'linux.c'), rules, output: out, check: false, diff: false, stdout: false },
    ...{ json: false, force: false, dropHandEdits: false, quiet: true, verbose: false },
  };
  const api = path.join(rules, 'api.yaml');
  const memos = portMemos();
  const load = memos.loadRules;
  let editWhileRunning = false;
  memos.loadRules = (...l: Parameters<typeof load>) => {
    const loaded = load(...l);
    if (editWhileRunning) edit(api, 'xzalloc_bytes($SIZE + 1)', 'xzalloc_bytes($SIZE + 2)');
    editWhileRunning = false;
    return loaded;
  };
  const session = watchSession(args, c, memos);
  session.run('start');
  expect(session.check()).toBe(false);
  editWhileRunning = true;
  edit(api, 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  expect(session.check()).toBe(true);
  expect(fs.readFileSync(out, 'utf8')).toContain('xzalloc_bytes(sizeof(*iommu) + 1);');
  // The file now says + 2, which the run did not read: the next check runs again.
  expect(session.check()).toBe(true);
  expect(fs.readFileSync(out, 'utf8')).toContain('xzalloc_bytes(sizeof(*iommu) + 2);');
  expect(session.check()).toBe(false);
});

test('a single rule file with an error is watched on: fixing it regenerates', () => {
  const file = path.join(rules, 'api.yaml');
  const out = path.join(tmp, 'out.c');
  const c = bufferConsole();
  const args = {
    input: path.join(EXAMPLE, 'linux.c'),
    rules: file,
    output: out,
    check: false,
    diff: false,
    stdout: false,
    json: false,
    force: true,
    dropHandEdits: false,
    quiet: true,
    verbose: false,
  };
  const session = watchSession(args, c);
  session.run('start');
  expect(c.err).toMatch(/watch: run 1 \(start\): exit 0/);
  // A metavariable the template does not bind: the load fails.
  edit(file, 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($NOPE)"');
  expect(session.check()).toBe(true);
  expect(c.err).toMatch(/watch: run 2 \(change\): exit [1-9]/);
  edit(file, 'with: "xzalloc_bytes($NOPE)"', 'with: "xzalloc_bytes($SIZE)"');
  expect(session.check()).toBe(true);
  expect(c.err).toMatch(/watch: run 3 \(change\): exit 0/);
  expect(session.folders()).toContain(rules);
});

test("watch's warm-up writes and prints nothing, and the next run prints and writes what it would without it", () => {
  const args = (output: string) => ({
    ...{ input: path.join(EXAMPLE, 'linux.c'), rules, output, check: false, diff: false, stdout: false },
    ...{ json: false, force: false, dropHandEdits: false, quiet: false, verbose: false },
  });
  const warmOut = path.join(tmp, 'warm.c');
  const coldOut = path.join(tmp, 'cold.c');
  const w = bufferConsole();
  const c = bufferConsole();
  const warmed = watchSession(args(warmOut), w);
  const cold = watchSession(args(coldOut), c);
  warmed.run('start');
  cold.run('start');
  const printed = { out: w.out, err: w.err };
  const written = { text: fs.readFileSync(warmOut, 'utf8'), mtime: fs.statSync(warmOut).mtimeMs };
  warmed.warm();
  expect({ out: w.out, err: w.err }).toEqual(printed);
  expect({ text: fs.readFileSync(warmOut, 'utf8'), mtime: fs.statSync(warmOut).mtimeMs }).toEqual(written);
  expect(fs.readdirSync(tmp).sort()).toEqual(['cold.c', 'rules', 'warm.c']);
  expect(warmed.check()).toBe(false);
  edit(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
  expect(warmed.check()).toBe(true);
  expect(cold.check()).toBe(true);
  expect(fs.readFileSync(warmOut, 'utf8')).toContain('xzalloc_bytes(sizeof(*iommu) + 1);');
  expect(fs.readFileSync(warmOut, 'utf8')).toBe(fs.readFileSync(coldOut, 'utf8'));
  // The same report and diff, but for the timing and the output's name.
  const same = (s: string) => s.replace(/[\d.]+ ms/g, 'T ms').replace(/(warm|cold)\.c/g, 'out.c');
  expect(same(w.out)).toBe(same(c.out));
  expect(same(w.err)).toBe(same(c.err));
});
