/**
 * The edit stage's steps (src/edit/passes.ts) and the one applier (src/edit/apply.ts): the applier
 * lays edits out in order and says where each landed; the passes take and return their own types
 * without changing their input; what leaves the stage carries only what applying needs.
 */
import { applyEdits, buildEdits } from '../../src/edit';
import type { Edit } from '../../src/edit';
import { collapseBlankLines } from '../../src/edit/blank-lines';
import { dropOverridden } from '../../src/edit/overrides';
import { orderEdits } from '../../src/edit/overlaps';
import { placeReasons, withSite } from '../../src/edit/reason';
import { PlannedEdit, Slot } from '../../src/edit/types';
import { matchContext, matchRules } from '../../src/match';
import { parseSource } from '../../src/parse';
import { numberRules, parseRuleFile } from '../../src/rules';
import type { Rule } from '../../src/rules/types';

const edit = (start: number, end: number, text: string, ruleId = 'r', block?: string): Edit => ({
  start,
  end,
  text,
  ruleId,
  ...(block ? { block } : {}),
});

describe('the one applier', () => {
  const text = 'abcdef';

  it('replaces, deletes and inserts, and gives the output range of each edit', () => {
    const edits = [edit(1, 2, 'B'), edit(2, 2, '<'), edit(2, 2, '>'), edit(2, 4, ''), edit(6, 6, '!')];
    const r = applyEdits(text, edits, () => undefined);
    expect(r.output).toBe('aB<>ef!');
    expect(r.placed.map((p) => r.output.slice(p.start, p.end))).toEqual(['B', '<', '>', '', '!']);
    expect(r.placed[3]).toEqual({ start: 4, end: 4 });
  });

  it('puts a block text where its placeholder is, or keeps the placeholder', () => {
    const e = [edit(3, 3, 'PLACEHOLDER\n', 'r', 'compat')];
    expect(applyEdits(text, e, (n) => (n === 'compat' ? 'X\n' : undefined)).output).toBe('abcX\ndef');
    expect(applyEdits(text, e, () => undefined).output).toBe('abcPLACEHOLDER\ndef');
  });

  it('applies within a range of the text, for the nesting pass', () => {
    expect(applyEdits(text, [edit(2, 3, 'C')], () => undefined, 1, 4).output).toBe('bCd');
  });
});

describe('the passes', () => {
  const planned = (start: number, end: number, more: Partial<PlannedEdit> = {}): PlannedEdit => ({
    start,
    end,
    text: '',
    ruleId: 'r',
    order: 0,
    slot: Slot.After,
    ...more,
  });

  it("reasons: writes the reason at the sites of the rule's placement only, and drops insertions left empty", () => {
    const rule = (comment: string) =>
      new Map([['r', { id: 'r', reason: 'why', comment, commentStyle: 'block' } as Rule]]);
    const open = withSite(withSite(planned(0, 0, { text: '#if 0\n' }), 'if0', '      ', 5), 'inside', '\t', 6);
    const above = withSite(planned(0, 0), 'above', '\t');
    expect(placeReasons([open, above], rule('if0')).map((e) => e.text)).toEqual(['#if 0 /* Xen: why */\n']);
    expect(placeReasons([open, above], rule('inside')).map((e) => e.text)).toEqual(['#if 0\n\t/* Xen: why */\n']);
    expect(placeReasons([open, above], rule('above')).map((e) => e.text)).toEqual(['#if 0\n', '\t/* Xen: why */\n']);
    expect(placeReasons([open, above], rule('none')).map((e) => [e.text, e.reasons])).toEqual([['#if 0\n', undefined]]);
  });

  it('blank lines: extends a deletion over the doubled blank line on copies, leaving its input alone', () => {
    const text = 'a;\n\nb;\n\nc;\n';
    const del = planned(4, 7, { collapse: true });
    const out = collapseBlankLines([del], text);
    expect(out[0]).toMatchObject({ start: 4, end: 8 });
    expect(del).toMatchObject({ start: 4, end: 7 });
  });

  it("overrides: drops the overridden rule's edits and the rest of their group", () => {
    const rules = new Map([
      ['lib', { id: 'lib' } as Rule],
      ['drv', { id: 'drv', overrides: ['lib'] } as Rule],
    ]);
    const lib = planned(10, 20, { ruleId: 'lib', group: 0 });
    const libReason = planned(5, 5, { ruleId: 'lib', group: 0, text: '/* Xen: lib */\n' });
    const other = planned(30, 40, { ruleId: 'lib', group: 1 });
    const drv = planned(10, 20, { ruleId: 'drv', group: 0 });
    expect(dropOverridden([lib, libReason, other, drv], rules)).toEqual([other, drv]);
  });

  it('order: sorts, and turns planned edits into edits with only what applying needs', () => {
    const rules = new Map<string, Rule>();
    const out = orderEdits(
      [
        planned(5, 5, { slot: Slot.Before, order: 1, text: 'b' }),
        planned(5, 5, { slot: Slot.After, order: 2, text: 'a', collapse: true, group: 3 }),
      ],
      rules,
      'x'.repeat(10),
      'f.c',
    );
    expect(out.edits).toEqual([edit(5, 5, 'a'), edit(5, 5, 'b')]);
  });
});

test('the edits that leave the stage carry only start, end, text, rule id and block', () => {
  const text = 'int f(void)\n{\n\tfoo(1);\n\tbar();\n\n\tbaz();\n}\n';
  const yaml = [
    'rules:',
    '  - id: foo-xen',
    '    kind: replace',
    '    reason: renamed',
    '    pattern: "foo($X)"',
    '    with: "xen_foo($X)"',
    '  - id: bar-gone',
    '    kind: delete',
    '    reason: not in Xen',
    '    pattern: "bar();"',
    '  - id: baz-block',
    '    kind: insert',
    '    reason: Xen code',
    '    comment: none',
    '    where: after',
    '    pattern: "baz();"',
    '    block: extra',
  ].join('\n');
  const rules = numberRules(parseRuleFile(yaml, 'r.yaml').rules);
  const src = parseSource(text, 'f.c');
  const b = buildEdits(matchRules(matchContext(src, rules), rules).results, text, 'f.c');
  expect(b.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  expect(b.edits.length).toBeGreaterThanOrEqual(4);
  for (const e of b.edits)
    expect(Object.keys(e).every((k) => ['start', 'end', 'text', 'ruleId', 'block'].includes(k))).toBe(true);
  expect(applyEdits(text, b.edits, () => '\tmore();\n').output).toBe(
    'int f(void)\n{\n\t/* Xen: renamed */\n\txen_foo(1);\n\t/* Xen: not in Xen */\n\n\tbaz();\n\tmore();\n}\n',
  );
});
