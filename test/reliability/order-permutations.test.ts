/**
 * Output independent of the order of `include:`, `rules:` and the rules inside a file (issue 10,
 * item 5): every golden case (every shipped port: rules/* and corpus/example) is ported again with
 * copies of the rule trees whose lists are reversed or shuffled (seeded), and must give its golden
 * byte for byte, without errors. Real-port cases need the shared corpus; without it they are
 * skipped, saying so. (The one order a rule's place in its file decides, insertions of two rules
 * of one kind at one place, docs/rules.md, occurs in no golden case; the order of kinds decides
 * the one tie of two kinds, hunk 6 of smmu-v1v2.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { portFiles } from '../../src/cli/port-files';
import { discoverCases, externalCorpus, readCases } from '../../src/golden/cases';
import type { GoldenCase } from '../../src/golden/cases';
import { permutedRuleTrees } from '../../scripts/fuzz/permute';
import { tempDir } from './helpers';

const ROOT = path.resolve(__dirname, '..', '..');
const all = discoverCases(path.relative(process.cwd(), path.join(ROOT, 'corpus')) || 'corpus').flatMap((d) =>
  readCases(d),
);
const runnable = all.filter((c) => !c.skip && !c.knownFailure);
if (runnable.length < all.length)
  console.warn(
    `order-permutations.test: ${all.length - runnable.length} golden case(s) skipped (external corpus not found at ${externalCorpus().dir})`,
  );

/** Port `c` with its rules taken from the permuted copy under `dest`; returns what differs from the golden. */
function mismatch(c: GoldenCase, dest: string): string | undefined {
  const rules = path.join(dest, path.relative(ROOT, path.resolve(c.rules)));
  const r = portFiles({ input: c.input, rules, ...(c.xen ? { xen: c.xen } : {}), ...(c.base ? { base: c.base } : {}) });
  if (!r.ok)
    return `${c.name}: ${r.diagnostics
      .map((d) => `${d.code} ${d.message}`)
      .join('; ')
      .slice(0, 300)}`;
  const errors = r.result.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    return `${c.name}: ${errors.length} error(s), first ${errors[0].code} ${errors[0].message.slice(0, 200)}`;
  if (r.result.output !== fs.readFileSync(c.expected, 'utf8')) return `${c.name}: output differs from ${c.expected}`;
  return undefined;
}

describe('order of include:, rules: and rules does not change any output', () => {
  let t: ReturnType<typeof tempDir>;
  beforeAll(() => (t = tempDir('xenport-perm-')));
  afterAll(() => t.cleanup());

  // Seed 0 reverses every list (the issue's "reversing the list makes upgrade-5 drift").
  it.each([0, 20261206])('every golden case with the rule trees permuted (seed %i)', (seed) => {
    const dest = path.join(t.dir, String(seed));
    expect(permutedRuleTrees(ROOT, dest, seed)).toBeGreaterThan(10);
    expect(runnable.length).toBeGreaterThan(0);
    expect(runnable.map((c) => mismatch(c, dest)).filter(Boolean)).toEqual([]);
  });

  const u4h = runnable.find((c) => c.name.endsWith('/upgrade-4-after-h'));
  (u4h ? it : it.skip)(
    'the issue reproduction: the first include of smmu-v3 (the split port) moved last (upgrade-4 .h)',
    () => {
      const dest = path.join(t.dir, 'moved');
      fs.cpSync(path.join(ROOT, 'rules'), path.join(dest, 'rules'), { recursive: true });
      const manifest = path.join(dest, 'rules', 'smmu-v3', 'port.yaml');
      const lines = fs.readFileSync(manifest, 'utf8').split('\n');
      const first = lines.findIndex((l) => l.includes('path: step4/defs'));
      const last = lines.findIndex((l) => l.includes('path: linux-6.1, '));
      expect(first).toBeGreaterThan(0);
      expect(last).toBeGreaterThan(first);
      lines.splice(last, 0, lines.splice(first, 1)[0]);
      fs.writeFileSync(manifest, lines.join('\n'));
      expect(mismatch(u4h as GoldenCase, dest)).toBeUndefined();
    },
  );
});
