/** Rule kind `replace`: valid cases with exact expected output, and invalid rules. */
import { codes, c, portWith } from './helpers';
import { parseRuleFile } from '../../src/rules';

const SRC = c`
  static int probe(struct device *dev)
  {
  \tstruct foo *p;

  \tp = kzalloc(sizeof(*p), GFP_KERNEL);
  \tif (!p)
  \t\treturn -ENOMEM;
  \tif (dev->archdata.iommu)
  \t\treturn -EBUSY;
  \tdev->archdata.iommu = p;
  \treturn 0;
  }
`;

describe('replace', () => {
  it('rewrites an expression with a metavariable, everywhere it matches', () => {
    const r = portWith(SRC, c`
      rules:
        - id: archdata
          kind: replace
          pattern: "$D->archdata.iommu"
          with: "dev_iommu_domain($D)"
          comment: none
          expect: 2
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tif (dev_iommu_domain(dev))\n');
    expect(r.output).toContain('\tdev_iommu_domain(dev) = p;\n');
    expect(r.output.replace(/dev_iommu_domain\(dev\)/g, 'dev->archdata.iommu')).toBe(SRC);
  });

  it('adds kernel-style braces when several statements replace an unbraced if body', () => {
    const r = portWith(SRC, c`
      rules:
        - id: error-path
          kind: replace
          scope: { function: probe }
          pattern: "return -EBUSY;"
          with: |
            err = -EBUSY;
            goto out;
          comment: none
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tif (dev->archdata.iommu) {\n\t\terr = -EBUSY;\n\t\tgoto out;\n\t}\n\tdev->archdata.iommu = p;');
  });

  it('writes the reason above the statement, indented like it', () => {
    const r = portWith(SRC, c`
      rules:
        - id: alloc
          kind: replace
          pattern: "kzalloc(sizeof(*$P), GFP_KERNEL)"
          with: "xzalloc(struct foo)"
          reason: Xen allocates by type
    `);
    expect(r.output).toContain('\t/* Xen: Xen allocates by type */\n\tp = xzalloc(struct foo);\n');
  });

  it('reports drift when the match count differs from expect', () => {
    const r = portWith(SRC, c`
      rules:
        - id: archdata
          kind: replace
          pattern: "$D->archdata.iommu"
          with: "x"
          comment: none
          expect: 3
    `);
    expect(codes(r.diagnostics)).toEqual(['XP200']);
    expect(r.diagnostics.find((d) => d.code === 'XP200')?.message).toMatch(/expected 3 .*found 2/);
  });

  it('rejects a template that uses an unbound metavariable', () => {
    const { diagnostics } = parseRuleFile('rules:\n  - id: a\n    kind: replace\n    pattern: "f($X)"\n    with: "g($Y)"\n', 'r.yaml');
    expect(diagnostics.map((d) => `${d.code}@${d.location?.line}:${d.location?.col}`)).toEqual(['XP107@5:14']);
  });

  it('rejects a pattern that is not C', () => {
    const { diagnostics } = parseRuleFile('rules:\n  - id: a\n    kind: replace\n    pattern: "f(("\n    with: "g()"\n', 'r.yaml');
    expect(diagnostics.map((d) => d.code)).toEqual(['XP106']);
    expect(diagnostics[0].location?.line).toBe(4);
  });
});
