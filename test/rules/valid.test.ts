/** Valid rule files: every kind and selector compiles, with the documented defaults. */
import { parseRuleFile } from '../../src/rules';
import type { Rule } from '../../src/rules';
import { oneRule } from './helpers';

function only(text: string): Rule {
  const r = parseRuleFile(text, 'r.yaml');
  expect(r.diagnostics).toEqual([]);
  expect(r.rules).toHaveLength(1);
  return r.rules[0];
}

describe('rule kinds', () => {
  test('replace with a pattern and a template', () => {
    const r = only(
      oneRule(
        'id: archdata-to-domain',
        'kind: replace',
        'pattern: "$D->archdata.iommu"',
        'with: "dev_iommu_domain($D)"',
        'comment: none',
        'expect: 3',
      ),
    );
    expect(r).toMatchObject({
      kind: 'replace',
      with: 'dev_iommu_domain($D)',
      comment: 'none',
      commentStyle: 'block',
      expect: { min: 3, max: 3, text: '3' },
    });
    expect(r.select).toEqual({
      type: 'pattern',
      pattern: expect.objectContaining({ source: '$D->archdata.iommu', metavars: ['D'] }),
    });
    expect(r.origin).toEqual({ file: 'r.yaml', line: 2, col: 9 });
    expect(r.fieldOrigins.pattern).toEqual({ file: 'r.yaml', line: 4, col: 14 });
    expect(r.fieldOrigins.with).toEqual({ file: 'r.yaml', line: 5, col: 11 });
  });

  test('replace with a block scalar template and a scope', () => {
    const text = oneRule(
      'id: dt-probe-error-path',
      'kind: replace',
      'reason: "We don\'t have refcount."',
      'scope: { function: arm_smmu_device_dt_probe }',
      'pattern: "return $E;"',
      'with: |',
      '  err = $E;',
      '  goto out_free;',
      'expect: 5',
    );
    const r = only(text);
    expect(r).toMatchObject({
      with: 'err = $E;\ngoto out_free;\n',
      reason: "We don't have refcount.",
      comment: 'above',
    });
    expect(r.scope).toEqual({ functions: ['arm_smmu_device_dt_probe'], structs: [] });
  });

  test('replace with a block', () => {
    expect(only(oneRule('id: r', 'kind: replace', 'struct: arm_smmu_device', 'block: smmu-device'))).toMatchObject({
      block: 'smmu-device',
      select: { type: 'named', kind: 'struct', names: ['arm_smmu_device'] },
    });
  });

  test('delete defaults to collapsing blank lines', () => {
    const r = only(
      oneRule('id: d', 'kind: delete', 'scope: { function: f }', 'pattern: "pgd = kcalloc($$$A); if (!pgd) goto out;"'),
    );
    expect(r).toMatchObject({ kind: 'delete', blankLines: 'collapse', comment: 'above' });
    expect(only(oneRule('id: d', 'kind: delete', 'macro: FOO', 'blank-lines: keep'))).toMatchObject({
      blankLines: 'keep',
    });
  });

  test('disable defaults to if0 and withComment', () => {
    const r = only(
      oneRule(
        'id: no-page-table-helpers',
        'kind: disable',
        'reason: Page tables are shared',
        'function: [arm_smmu_free_ptes, arm_smmu_free_pmds]',
      ),
    );
    expect(r).toMatchObject({
      kind: 'disable',
      comment: 'if0',
      withComment: true,
      select: { type: 'named', kind: 'function', names: ['arm_smmu_free_ptes', 'arm_smmu_free_pmds'] },
    });
    expect(
      only(oneRule('id: d', 'kind: disable', 'reason: r', 'label: out', 'with-comment: false', 'comment: above')),
    ).toMatchObject({ withComment: false, comment: 'above' });
  });

  test('insert with text, where, comment-line, file, block, reason only', () => {
    const r = only(
      oneRule(
        'id: mark',
        'kind: insert',
        'reason: Let Xen know',
        'where: before',
        'scope: { function: register_smmu_master }',
        'pattern: "master->cfg.streamids[i] = $X;"',
        'text: "dt_device_set_protected($X);"',
      ),
    );
    expect(r).toMatchObject({ kind: 'insert', where: 'before', text: 'dt_device_set_protected($X);' });
    expect(only(oneRule('id: i', 'kind: insert', 'file: start', 'block: header'))).toMatchObject({
      where: 'after',
      block: 'header',
      select: { type: 'file', where: 'start' },
    });
    expect(only(oneRule('id: i', 'kind: insert', 'comment-line: "Copyright"', 'reason: ported'))).toMatchObject({
      select: { type: 'comment-line', text: 'Copyright' },
    });
  });

  test('includes', () => {
    const r = only(
      oneRule(
        'id: xen-includes',
        'kind: includes',
        'include: ["linux/*", "asm/pgalloc.h"]',
        `add: [xen/config.h, '"local.h"']`,
        'comment: none',
      ),
    );
    expect(r).toMatchObject({
      kind: 'includes',
      add: ['xen/config.h', '"local.h"'],
      select: { type: 'include', globs: ['linux/*', 'asm/pgalloc.h'] },
    });
  });
});

describe('selectors and common keys', () => {
  test.each(['struct', 'declaration', 'macro', 'call', 'field', 'label'])('named selector %s', (key) => {
    expect(only(oneRule('id: n', 'kind: delete', `${key}: name1`)).select).toEqual({
      type: 'named',
      kind: key,
      names: ['name1'],
    });
  });

  test('include selector with a single glob, on another kind', () => {
    expect(only(oneRule('id: n', 'kind: delete', 'include: "linux/**"')).select).toEqual({
      type: 'include',
      globs: ['linux/**'],
    });
  });

  test('query selector binds its captures except target', () => {
    const r = only(
      oneRule(
        'id: q',
        'kind: replace',
        'query: "(call_expression function: (identifier) @F) @target"',
        'with: "xen_$F()"',
      ),
    );
    expect(r.select).toEqual({ type: 'query', source: '(call_expression function: (identifier) @F) @target' });
  });

  test.each([
    [2, { min: 2, max: 2 }],
    [0, { min: 0, max: 0 }],
    ['">=1"', { min: 1, max: Infinity }],
    ['"<=3"', { min: 0, max: 3 }],
    ['"0..2"', { min: 0, max: 2 }],
    ['"100000"', { min: 100000, max: 100000 }],
  ])('expect %s', (value, want) => {
    expect(only(oneRule('id: e', 'kind: delete', 'pattern: "m()"', `expect: ${value}`)).expect).toMatchObject(want);
  });

  test('defaults: expect >=1, whole-file scope, block comment style', () => {
    const r = only(
      oneRule('id: e', 'kind: delete', 'macro: M', 'comment-style: compact', 'scope: { struct: [a, b], function: f }'),
    );
    expect(r.expect).toEqual({ min: 1, max: Infinity, text: '>=1' });
    expect(r.commentStyle).toBe('compact');
    expect(r.scope).toEqual({ functions: ['f'], structs: ['a', 'b'] });
    expect(only(oneRule('id: e', 'kind: delete', 'macro: M')).scope).toEqual({ functions: [], structs: [] });
  });

  test('a file with no rules is valid', () => {
    expect(parseRuleFile('rules: []\n', 'r.yaml')).toEqual({ rules: [], diagnostics: [] });
  });
});
