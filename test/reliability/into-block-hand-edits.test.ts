/**
 * A Xen-owned block is never changed by an `into-block` rule without the change being accounted for
 * (issue 10, item 3): a line the rule put into the block when the existing Xen file was generated,
 * and that a maintainer then deleted or changed, is an XP300, never silently re-added, and never a
 * second, conflicting line. In-memory cases, then the reproduction on the SMMUv3 upgrade-4
 * files of the shared corpus (skipped, saying so, when it is absent).
 */
import * as fs from 'fs';
import * as path from 'path';
import { c, codes, portWith } from '../core/helpers';
import { cli, corpusDir, tempDir } from './helpers';

const RULES = c`
  rules:
    - id: compat
      kind: insert
      where: before
      function: f
      block: compat
    - id: compat-barrier
      kind: insert
      pattern: "__iomb()"
      into-block: { block: compat, after-line: "typedef" }
      text: "#define __iomb() dmb(osh)"
      expect: ">=0"
`;
const LINUX = 'void f(void)\n{\n\t__iomb();\n}\n';
const XEN = '/* compat */\ntypedef int gfp_t;\n#define __iomb() dmb(osh)\n\nvoid f(void)\n{\n\t__iomb();\n}\n';
const xen = (text: string) => ({ existingXen: { text, file: 'xen.c' } });

describe('into-block lines in the existing Xen file', () => {
  it('regenerating an untouched Xen file in place gives it back, no diagnostics', () => {
    const r = portWith(LINUX, RULES, xen(XEN));
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(XEN);
  });

  it('a deleted line is XP300 at its place, not re-added', () => {
    const r = portWith(LINUX, RULES, xen(XEN.replace('#define __iomb() dmb(osh)\n', '')));
    expect(codes(r.diagnostics)).toEqual(['XP300']);
    const d = r.diagnostics.find((x) => x.code === 'XP300')!;
    expect(d.location).toEqual({ file: 'xen.c', line: 3, col: 1 });
    expect(d.ruleId).toBe('compat-barrier');
    expect(r.output).not.toContain('__iomb() dmb');
  });

  it('a changed line is XP300, and the output never holds two definitions', () => {
    const r = portWith(LINUX, RULES, xen(XEN.replace('dmb(osh)', 'dmb(sy)')));
    expect(codes(r.diagnostics)).toEqual(['XP300']);
    expect(r.output.match(/#define __iomb\(\)/g)).toHaveLength(1);
    expect(r.output).toContain('#define __iomb() dmb(sy)');
  });

  it('with --drop-hand-edits the finding is a warning, and still no second line', () => {
    const r = portWith(LINUX, RULES, { ...xen(XEN.replace('dmb(osh)', 'dmb(sy)')), dropHandEdits: true });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(codes(r.diagnostics, 'warning')).toEqual(['XP300']);
    expect(r.output.match(/#define __iomb\(\)/g)).toHaveLength(1);
  });

  it('a line the base did not need is added by the upgrade, as before (not a hand edit)', () => {
    const before = {
      existingXen: { text: XEN.replace('#define __iomb() dmb(osh)\n', '').replace('\t__iomb();\n', ''), file: 'xen.c' },
      base: { text: 'void f(void)\n{\n}\n', file: 'base.c' },
    };
    const r = portWith(LINUX, RULES, before);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(XEN);
  });
});

const corpus = corpusDir();
const d = corpus ? describe : describe.skip;
if (!corpus) console.warn('into-block-hand-edits.test: shared corpus not found; SMMUv3 reproduction skipped');

d('the issue reproduction: SMMUv3 upgrade-4, the __iomb line deleted from the Xen-owned block', () => {
  const up = corpus ? path.join(corpus, 'smmu-v3-2021', 'upgrade-4') : '';
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  const edited = (edit: (s: string) => string): string => {
    const f = path.join(t.dir, 'smmu-v3.c');
    const text = fs.readFileSync(path.join(up, 'xen-before.c'), 'utf8');
    const next = edit(text);
    expect(next).not.toBe(text);
    fs.writeFileSync(f, next);
    return f;
  };

  test.each([
    ['deleted', (s: string) => s.replace(/^#define __iomb\(\).*\n/m, '')],
    ['changed', (s: string) => s.replace(/^(#define __iomb\(\)\s+)dmb\(osh\)/m, '$1dmb(sy)')],
  ])('in-place regeneration with the line %s: XP300, exit 1, the file untouched', async (_what, edit) => {
    const f = edited(edit);
    const before = fs.readFileSync(f);
    const r = await cli(
      'port',
      path.join(up, 'linux-before.c'),
      '--rules',
      path.join('rules', 'smmu-v3-2022'),
      '--xen',
      f,
      '-q',
    );
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error XP300: block 'compat' lacks the line\(s\) "#define __iomb\(\)/);
    expect(fs.readFileSync(f).equals(before)).toBe(true);
  });

  test('the upgrade to the split port (upgrade-4 after) reports it too', async () => {
    const f = edited((s) => s.replace(/^#define __iomb\(\).*\n/m, ''));
    const out = path.join(t.dir, 'out.c');
    const r = await cli(
      'port',
      path.join(up, 'linux-after.c'),
      '--rules',
      path.join('rules', 'smmu-v3'),
      '--xen',
      f,
      '--base',
      path.join(up, 'linux-before.c'),
      '-o',
      out,
      '-q',
    );
    expect(r.code).toBe(1);
    expect(r.err).toContain('error XP300');
    expect(fs.existsSync(out)).toBe(false);
  });
});
