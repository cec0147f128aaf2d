/** port.yaml: include entries with files: (a port split over a .c and a .h) and exclude:. */
import * as path from 'path';
import { port } from '../../src/port';
import { loadRuleSet } from '../../src/rules';
import { removeTrees, writeTree } from '../core/helpers';

const tree = (files: Record<string, string>): string => writeTree(files, 'xenport-inc-');

afterAll(removeTrees);

const LIB = {
  'lib/port.yaml': 'name: lib\nrules: [r.yaml]\nreasons: optional\n',
  'lib/r.yaml':
    'rules:\n  - id: ren-a\n    kind: replace\n    pattern: "a()"\n    with: "A()"\n  - id: ren-b\n    kind: replace\n    pattern: "b()"\n    with: "B()"\n    expect: ">=0"\n',
};

describe('port.yaml include { path, files } and exclude', () => {
  it('limits an included folder to input files matching files:', () => {
    const dir = tree({ ...LIB, 'p/port.yaml': 'name: p\ninclude:\n  - { path: ../lib, files: "*.h" }\nrules: []\n' });
    const r = loadRuleSet(path.join(dir, 'p'));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const rs = r.ruleSet!;
    expect(rs.rules.every((x) => x.files?.[0] === '*.h')).toBe(true);
    const src = 'void f(void)\n{\n\ta();\n}\n';
    expect(port({ text: src, file: 'x.c' }, rs).output).toBe(src);
    expect(port({ text: src, file: 'x.h' }, rs).output).toContain('\tA();\n');
  });

  it('leaves excluded rules out, and reports an exclude that names no rule', () => {
    const dir = tree({
      ...LIB,
      'p/port.yaml': 'name: p\ninclude: [../lib]\nexclude: [ren-a]\nrules: []\n',
      'q/port.yaml': 'name: q\ninclude: [../lib]\nexclude: [nope]\nrules: []\n',
    });
    const ok = loadRuleSet(path.join(dir, 'p'));
    expect(ok.ruleSet!.rules.map((x) => x.id)).toEqual(['ren-b']);
    const bad = loadRuleSet(path.join(dir, 'q'));
    expect(bad.ruleSet).toBeUndefined();
    expect(bad.diagnostics.map((d) => d.code)).toEqual(['XP105']);
    expect(bad.diagnostics[0].message).toMatch(/'nope'/);
  });

  it('rejects an include entry without a path (schema)', () => {
    const dir = tree({ ...LIB, 'p/port.yaml': 'name: p\ninclude:\n  - { files: "*.h" }\nrules: []\n' });
    expect(loadRuleSet(path.join(dir, 'p')).diagnostics.some((d) => d.severity === 'error')).toBe(true);
  });
});
