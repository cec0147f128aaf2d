/**
 * Golden tests: every case under corpus/ through the same runner as `xenport test`. Real-port
 * cases read ../shared/corpus (or $XENPORT_CORPUS); without it they show as skipped (Jest's skip,
 * the reason in the name), except under CI=true where the corpus must be present.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { runGolden } from '../../src/cli/test-command';
import { discoverCases, readCases } from '../../src/golden';
import { CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

const cases = discoverCases('corpus');

describe('golden cases', () => {
  it('finds the shipped example and the real ports', () => {
    expect(cases).toEqual(expect.arrayContaining(['corpus/example', 'corpus/smmu-v1v2-2015', 'corpus/ubsan-2017']));
  });

  const external = (dir: string): boolean => readCases(dir).some((c) => c.external);
  const run = (dir: string): void => {
    const out = bufferConsole();
    const code = runGolden({ dirs: [dir], update: false, verbose: false }, out);
    if (code !== 0) throw new Error(out.out + out.err);
    expect(out.out).toMatch(/ 0 failed, 0 skipped/);
  };
  for (const dir of cases) {
    if (external(dir)) itWithCorpus(`${dir}${CORPUS_SKIP_REASON}`, () => run(dir));
    else it(dir, () => run(dir));
  }

  it('refuses --update under CI=true', () => {
    const saved = process.env.CI;
    process.env.CI = 'true';
    try {
      const out = bufferConsole();
      expect(runGolden({ dirs: ['corpus/example'], update: true, verbose: false }, out)).toBe(2);
      expect(out.err).toMatch(/refused under CI=true/);
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });

  it('prints a unified diff with 3 lines of context on a mismatch', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-golden-'));
    fs.mkdirSync(path.join(dir, 'rules'));
    fs.writeFileSync(path.join(dir, 'rules', 'port.yaml'), 'name: t\nrules: [r.yaml]\n');
    fs.writeFileSync(
      path.join(dir, 'rules', 'r.yaml'),
      'rules:\n  - id: free\n    kind: replace\n    pattern: "kfree($X)"\n    with: "xfree($X)"\n    comment: none\n',
    );
    fs.writeFileSync(
      path.join(dir, 'in.c'),
      'void f(void)\n{\n\ta();\n\tb();\n\tc();\n\tkfree(p);\n\td();\n\te();\n\tg();\n\th();\n}\n',
    );
    fs.writeFileSync(path.join(dir, 'expected.c'), fs.readFileSync(path.join(dir, 'in.c'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'case.yaml'), 'input: in.c\nrules: rules\nexpected: expected.c\n');
    const out = bufferConsole();
    expect(runGolden({ dirs: [dir], update: false, verbose: false }, out)).toBe(1);
    expect(out.out).toContain(
      '@@ -3,7 +3,7 @@\n \ta();\n \tb();\n \tc();\n-\tkfree(p);\n+\txfree(p);\n \td();\n \te();\n \tg();\n',
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
