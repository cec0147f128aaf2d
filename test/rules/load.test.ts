/** loadRuleSet on real folders: includes, sorting, block folders, and the file-level errors. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRuleSet } from '../../src/rules';
import { codesAt } from './helpers';

let root: string;
let cwd: string;

/** Write files under the temporary root: { 'a/port.yaml': '...' }. */
function write(files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
}

const rule = (id: string) => `  - id: ${id}\n    kind: delete\n    macro: M_${id.replace(/-/g, '_')}\n`;

beforeEach(() => {
  cwd = process.cwd();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-rules-'));
  process.chdir(root);
});
afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(root, { recursive: true, force: true });
});

test('a port with an include: rules sorted by id and numbered by where they are written, rule files by path, block folders nearest first (issue 10: never by manifest order)', () => {
  write({
    'rules/smmu/port.yaml': 'name: smmu\ninclude: [../xen-api]\nrules: [b.yaml, a.yaml]\nreasons: optional\n',
    'rules/smmu/a.yaml': `rules:\n${rule('zeta')}${rule('alpha')}`,
    'rules/smmu/b.yaml': `rules:\n${rule('mid')}`,
    'rules/xen-api/port.yaml': 'name: xen-api\nrules: [api.yaml]\nreasons: optional\n',
    'rules/xen-api/api.yaml': `rules:\n${rule('beta')}`,
  });
  const r = loadRuleSet('rules/smmu');
  expect(r.diagnostics).toEqual([]);
  const set = r.ruleSet!;
  expect(set.name).toBe('smmu');
  expect(set.dir).toBe(path.join('rules', 'smmu'));
  // `order` is the place of the rule: ../xen-api/api.yaml, then a.yaml (zeta before alpha), then b.yaml.
  expect(set.rules.map((x) => [x.id, x.order])).toEqual([
    ['alpha', 2],
    ['beta', 0],
    ['mid', 3],
    ['zeta', 1],
  ]);
  expect(set.blockDirs).toEqual([path.join('rules', 'smmu', 'blocks'), path.join('rules', 'xen-api', 'blocks')]);
  expect(set.files).toEqual([
    path.join('rules', 'smmu', 'a.yaml'),
    path.join('rules', 'smmu', 'b.yaml'),
    path.join('rules', 'xen-api', 'api.yaml'),
  ]);
  expect(set.rules[1].origin.file).toBe(path.join('rules', 'xen-api', 'api.yaml'));
});

test('a folder included twice (diamond) joins once', () => {
  write({
    'p/port.yaml': 'name: p\ninclude: [../b, ../c]\nrules: []\nreasons: optional\n',
    'b/port.yaml': 'name: b\ninclude: ../d\nrules: []\nreasons: optional\n',
    'c/port.yaml': 'name: c\ninclude: [../d]\nrules: []\nreasons: optional\n',
    'd/port.yaml': 'name: d\nrules: [d.yaml]\nreasons: optional\n',
    'd/d.yaml': `rules:\n${rule('d1')}`,
  });
  const r = loadRuleSet('p');
  expect(r.diagnostics).toEqual([]);
  expect(r.ruleSet!.rules.map((x) => x.id)).toEqual(['d1']);
  // Nearest folders first, then by path: d (two steps away) comes after b and c whatever their order.
  expect(r.ruleSet!.blockDirs).toEqual(['p/blocks', 'b/blocks', 'c/blocks', 'd/blocks'].map(path.normalize));
});

test('XP113: a folder reached at the same distance with different files: is an error, in either include order', () => {
  for (const order of ['[../b, ../c]', '[../c, ../b]']) {
    fs.rmSync('p', { recursive: true, force: true });
    write({
      'p/port.yaml': `name: p\ninclude: ${order}\nrules: []\n`,
      'b/port.yaml': 'name: b\ninclude: [{ path: ../d, files: "*.h" }]\nrules: []\nreasons: optional\n',
      'c/port.yaml': 'name: c\ninclude: [{ path: ../d, files: "*.c" }]\nrules: []\nreasons: optional\n',
      'd/port.yaml': 'name: d\nrules: [d.yaml]\nreasons: optional\n',
      'd/d.yaml': `rules:\n${rule('d1')}`,
    });
    const r = loadRuleSet('p');
    expect(r.ruleSet).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.location?.file])).toEqual([
      ['XP113', path.join('b', 'port.yaml')],
      ['XP113', path.join('c', 'port.yaml')],
    ]);
  }
});

test('the nearest inclusion gives files:, whatever the include order', () => {
  for (const order of [
    '[{ path: ../d, files: "*.h" }, { path: ../b, files: "*.c" }]',
    '[{ path: ../b, files: "*.c" }, { path: ../d, files: "*.h" }]',
  ]) {
    fs.rmSync('p', { recursive: true, force: true });
    write({
      'p/port.yaml': `name: p\ninclude: ${order}\nrules: []\n`,
      'b/port.yaml': 'name: b\ninclude: [../d]\nrules: []\nreasons: optional\n',
      'd/port.yaml': 'name: d\nrules: [d.yaml]\nreasons: optional\n',
      'd/d.yaml': `rules:\n${rule('d1')}`,
    });
    const r = loadRuleSet('p');
    expect(r.diagnostics).toEqual([]);
    expect(r.ruleSet!.rules.map((x) => [x.id, x.files])).toEqual([['d1', ['*.h']]]);
  }
});

test('an absolute path inside the working directory is shown relative', () => {
  write({ 'p/port.yaml': 'name: p\nrules: [missing.yaml]\nreasons: optional\n' });
  const r = loadRuleSet(path.join(process.cwd(), 'p'));
  expect(r.diagnostics[0].location?.file).toBe(path.join('p', 'port.yaml'));
});

test('XP100: rules folder missing or a file', () => {
  expect(codesAt(loadRuleSet('nope').diagnostics)).toEqual(['XP100@-']);
  write({ 'file.txt': 'x' });
  expect(codesAt(loadRuleSet('file.txt').diagnostics)).toEqual(['XP100@-']);
  expect(loadRuleSet('nope').diagnostics[0].message).toContain('nope');
});

test('XP100 for a missing included folder, at the include entry', () => {
  write({ 'p/port.yaml': 'name: p\ninclude:\n  - ../gone\nrules: []\nreasons: optional\n' });
  expect(codesAt(loadRuleSet('p').diagnostics)).toEqual(['XP100@3:5']);
});

test('XP101: port.yaml missing', () => {
  write({ 'p/x.yaml': 'rules: []\n' });
  const r = loadRuleSet('p');
  expect(codesAt(r.diagnostics)).toEqual(['XP101@-']);
  expect(r.diagnostics[0].message).toContain(path.join('p', 'port.yaml'));
});

test('XP109: listed rule file not found, at its entry; other errors still collected', () => {
  write({
    'p/port.yaml': 'name: p\nrules:\n  - a.yaml\n  - missing.yaml\nreasons: optional\n',
    'p/a.yaml': 'rules:\n  - id: a\n    kind: nope\n    macro: M\n',
  });
  const r = loadRuleSet('p');
  expect(r.ruleSet).toBeUndefined();
  expect(r.diagnostics.map((d) => `${d.code}@${d.location!.file}:${d.location!.line}:${d.location!.col}`)).toEqual([
    `XP104@${path.join('p', 'a.yaml')}:3:11`,
    `XP109@${path.join('p', 'port.yaml')}:4:5`,
  ]);
});

test('XP108: duplicate id across files, both positions named', () => {
  write({
    'p/port.yaml': 'name: p\ninclude: [../q]\nrules: [a.yaml]\nreasons: optional\n',
    'p/a.yaml': `rules:\n${rule('same')}`,
    'q/port.yaml': 'name: q\nrules: [b.yaml]\nreasons: optional\n',
    'q/b.yaml': `rules:\n${rule('other')}${rule('same')}`,
  });
  const r = loadRuleSet('p');
  expect(codesAt(r.diagnostics)).toEqual(['XP108@5:9']);
  expect(r.diagnostics[0].location!.file).toBe(path.join('q', 'b.yaml'));
  expect(r.diagnostics[0].message).toContain(`${path.join('p', 'a.yaml')}:2:9`);
});

test('XP112: include cycle, at the include that closes it', () => {
  write({
    'a/port.yaml': 'name: a\ninclude: [../b]\nrules: []\nreasons: optional\n',
    'b/port.yaml': 'name: b\nrules: []\ninclude: [../a]\nreasons: optional\n',
  });
  const r = loadRuleSet('a');
  expect(codesAt(r.diagnostics)).toEqual(['XP112@3:11']);
  expect(r.diagnostics[0].location!.file).toBe(path.join('b', 'port.yaml'));
  expect(r.diagnostics[0].message).toBe('include cycle: a -> b -> a');
});

test('XP112: a folder including itself', () => {
  write({ 'a/port.yaml': 'name: a\ninclude: .\nrules: []\nreasons: optional\n' });
  expect(codesAt(loadRuleSet('a').diagnostics)).toEqual(['XP112@2:10']);
});

test('errors in port.yaml are reported with its path', () => {
  write({ 'p/port.yaml': 'name: p\nrules: [a.yaml\nreasons: optional\n' });
  const d = loadRuleSet('p').diagnostics;
  expect(d.map((x) => x.code)).toEqual(['XP102']);
  expect(d[0].location!.file).toBe(path.join('p', 'port.yaml'));
});
