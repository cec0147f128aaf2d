/** Parse stage: annotation masking keeps offsets; syntax-error regions; non-C detection. */
import { looksLikeNonC, maskAnnotations, parseC, parseSource } from '../../src/parse';
import { errorRegions } from '../../src/parse/source';
import type { ErrorRegion } from '../../src/parse/source';
import { matchContext, namedItems } from '../../src/match';

describe('parse', () => {
  it('blanks kernel annotations with spaces of the same length', () => {
    const src = 'static int __init f(void __iomem *p) __must_check;\nstruct s { int a; } __aligned(8);\n';
    const masked = maskAnnotations(src);
    expect(masked.length).toBe(src.length);
    expect(masked).toBe('static int        f(void         *p)             ;\nstruct s { int a; }             ;\n');
  });

  it('gives annotated functions their real names', () => {
    const src =
      'static int __init arm_smmu_init(void)\n{\n\treturn 0;\n}\nstatic void __exit arm_smmu_exit(void)\n{\n}\n';
    const s = parseSource(src, 'x.c');
    expect(s.syntaxErrors).toEqual([]);
    expect(namedItems(matchContext(s).flat, 'function', s.masked).map((i) => i.name)).toEqual([
      'arm_smmu_init',
      'arm_smmu_exit',
    ]);
  });

  it('finds ERROR and MISSING regions, and keeps a label before a closing brace apart', () => {
    const regions = (text: string) => {
      const labels: ErrorRegion[] = [];
      return { errors: errorRegions([parseC(text).rootNode], labels), labels };
    };
    expect(regions('int f(void) { return 1 }\n')).toEqual({
      errors: [{ start: 22, end: 22, missing: ';' }],
      labels: [],
    });
    expect(regions('int a = ;\nint b @ c;\n').errors).toEqual([
      { start: 7, end: 7, missing: 'identifier' },
      { start: 16, end: 19 },
    ]);
    expect(regions('void f(void) { goto out; out: }\n')).toEqual({
      errors: [],
      labels: [{ start: 29, end: 29, missing: ';' }],
    });
    expect(regions('int a;\n').errors).toEqual([]);
  });

  it('reports syntax-error regions as warnings with file:line:col', () => {
    const s = parseSource('int a;\nint f(void)\n{\n\tx = = m;\n}\n', 'drv.c');
    expect(s.syntaxErrors.length).toBeGreaterThan(0);
    expect(s.syntaxErrors[0]).toMatchObject({
      code: 'XP007',
      severity: 'warning',
      location: { file: 'drv.c', line: 4 },
    });
  });

  it('tells C from prose', () => {
    expect(looksLikeNonC(parseSource('int main(void) { return 0; }\n', 'a.c'))).toBe(false);
    expect(
      looksLikeNonC(parseSource('Dear maintainers: this is not, in any sense, a program!!! ::: ?\n'.repeat(10), 'a.c')),
    ).toBe(true);
  });
});
