/**
 * A port's `macros:` (inline or in a file it names): applied to its patterns and inputs; bad or
 * conflicting hints are rule errors (exit 3) at the file, line and column of the hint.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadRuleSet } from '../../src/rules';
import { checkHintData } from '../../src/parse';

let root: string;
let cwd: string;

function write(files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, p)), { recursive: true });
    fs.writeFileSync(path.join(root, p), text);
  }
}

const RULE =
  'rules:\n  - id: walk\n    kind: delete\n    pattern: "my_walk($A, $B) $S"\n    reason: "test"\n    expect: 1\n';

beforeEach(() => {
  cwd = process.cwd();
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-hints-'));
  process.chdir(root);
});
afterEach(() => {
  process.chdir(cwd);
  fs.rmSync(root, { recursive: true, force: true });
});

const codes = (r: ReturnType<typeof loadRuleSet>): string[] =>
  r.diagnostics.map((d) => `${d.code} ${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`);

describe('port macro hints', () => {
  it('inline hints make an iterator pattern compile', () => {
    write({ 'p/port.yaml': 'name: p\nmacros:\n  iterator: [my_walk]\nrules: [r.yaml]\n', 'p/r.yaml': RULE });
    const r = loadRuleSet('p');
    expect(codes(r)).toEqual([]);
    expect(r.ruleSet?.macros?.shapes.get('my_walk')).toBe('iterator');
  });

  it('without the hint the same pattern is a rule error', () => {
    write({ 'p/port.yaml': 'name: p\nrules: [r.yaml]\n', 'p/r.yaml': RULE });
    expect(codes(loadRuleSet('p'))[0]).toMatch(/^XP106 /);
  });

  it('hints from a file the manifest names', () => {
    write({
      'p/port.yaml': 'name: p\nmacros: hints.yaml\nrules: [r.yaml]\n',
      'p/hints.yaml': 'iterator:\n  - my_walk\n',
      'p/r.yaml': RULE,
    });
    expect(codes(loadRuleSet('p'))).toEqual([]);
  });

  it('an unknown shape is XP103 at its key, in the manifest', () => {
    write({ 'p/port.yaml': 'name: p\nmacros:\n  iterators: [my_walk]\nrules: []\n' });
    expect(codes(loadRuleSet('p'))).toEqual([
      expect.stringMatching(/^XP103 p\/port\.yaml:3:3 macro hint: unknown macro shape 'iterators'/),
    ]);
  });

  it('a conflicting hint is XP105 at the second listing, in the hint file', () => {
    write({
      'p/port.yaml': 'name: p\nmacros: m.yaml\nrules: []\n',
      'p/m.yaml': 'iterator: [my_walk]\ndeclarer:\n  - DECLARE_X\n  - my_walk\n',
    });
    expect(codes(loadRuleSet('p'))).toEqual([
      expect.stringMatching(/^XP105 p\/m\.yaml:4:5 macro hint: 'my_walk' is hinted both as iterator and as declarer/),
    ]);
  });

  it('bad names, positions, patterns and short iterators are each reported', () => {
    write({
      'p/port.yaml': 'name: p\nmacros: m.yaml\nrules: []\n',
      'p/m.yaml':
        "iterator: [walk]\ntype-argument:\n  my_alloc: [-1]\n  2bad: [0]\npatterns:\n  iterator: ['(']\nannotation: ['not a name']\n",
    });
    expect(codes(loadRuleSet('p')).map((c) => c.split(' macro hint: ')[0])).toEqual([
      'XP105 p/m.yaml:1:12',
      'XP105 p/m.yaml:3:14',
      'XP105 p/m.yaml:4:3',
      'XP105 p/m.yaml:6:14',
      'XP105 p/m.yaml:7:14',
    ]);
  });

  it('a missing hint file is XP109 at the macros: value', () => {
    write({ 'p/port.yaml': 'name: p\nmacros: nope.yaml\nrules: []\n' });
    expect(codes(loadRuleSet('p'))).toEqual([
      expect.stringMatching(/^XP109 p\/port\.yaml:2:9 macro hint file p\/nope\.yaml not found/),
    ]);
  });

  it('the shipped table is itself a valid hint table', () => {
    const { KERNEL_MACROS } = jest.requireActual('../../src/parse');
    expect(checkHintData(KERNEL_MACROS)).toEqual([]);
  });
});
