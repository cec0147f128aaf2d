/** `overrides:` (a driver form of a library rewrite) and `into-block` (amend a Xen-owned block). */
import { codes, c, portWith } from '../core/helpers';

describe('overrides:', () => {
  const rules = c`
    rules:
      - id: lib-free
        kind: replace
        pattern: "kfree($P)"
        with: "xfree($P)"
        expect: ">=0"
      - id: drv-free
        kind: replace
        overrides: lib-free
        pattern: "kfree(smmu)"
        with: "arm_smmu_free(smmu)"
  `;

  it('replaces the library edit where both match, and leaves it elsewhere', () => {
    const r = portWith('void f(void)\n{\n\tkfree(smmu);\n\tkfree(q);\n}\n', rules);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('void f(void)\n{\n\tarm_smmu_free(smmu);\n\txfree(q);\n}\n');
  });

  it('without overrides: the two rules overlap (XP201)', () => {
    const r = portWith('void f(void)\n{\n\tkfree(smmu);\n}\n', rules.replace(/^ *overrides: lib-free\n/m, ''));
    expect(codes(r.diagnostics)).toEqual(['XP201']);
  });
});

describe('into-block', () => {
  const rules = c`
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
  const blockFiles = new Map([['compat', { text: '/* compat */\ntypedef int gfp_t;\n\n', file: 'blocks/compat.c' }]]);

  it('adds the text to the block once when the selector matches', () => {
    const r = portWith('void f(void)\n{\n\t__iomb();\n\t__iomb();\n}\n', rules, { blockFiles });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('/* compat */\ntypedef int gfp_t;\n#define __iomb() dmb(osh)\n\nvoid f(void)\n{\n\t__iomb();\n\t__iomb();\n}\n');
  });

  it('adds nothing when the selector does not match, or when the block already has the text', () => {
    expect(portWith('void f(void)\n{\n}\n', rules, { blockFiles }).output).toBe('/* compat */\ntypedef int gfp_t;\n\nvoid f(void)\n{\n}\n');
    const has = new Map([['compat', { text: 'typedef int gfp_t;\n#define __iomb() dmb(osh)\n', file: 'blocks/compat.c' }]]);
    expect(portWith('void f(void)\n{\n\t__iomb();\n}\n', rules, { blockFiles: has }).output.match(/__iomb\(\) dmb/g)).toHaveLength(1);
  });

  it('reports an after-line the block does not have (XP205)', () => {
    const r = portWith('void f(void)\n{\n\t__iomb();\n}\n', rules.replace('after-line: "typedef"', 'after-line: "nowhere"'), { blockFiles });
    expect(codes(r.diagnostics)).toEqual(['XP205']);
  });
});
