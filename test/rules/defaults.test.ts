/** `defaults:` of a rule file and of a port.yaml: what they set, what wins, where their errors point. */
import { loadRuleSet, parseRuleFile } from '../../src/rules';
import { removeTrees, writeTree } from '../core/helpers';
import { codesAt } from './helpers';

afterAll(removeTrees);

const file = (defaults: string, ...rules: string[]) =>
  `${defaults}rules:\n${rules.map((r) => `  - ${r.split('\n').join('\n    ')}\n`).join('')}`;

test("a rule file's defaults fill the keys a rule does not give; its own keys win", () => {
  const r = parseRuleFile(
    file(
      'defaults:\n  comment: none\n  expect: ">=0"\n  files: "*.c"\n',
      'id: a\nkind: replace\nreason: r\npattern: "f()"\nwith: g()',
      'id: b\nkind: replace\nreason: r\ncomment: above\nexpect: 2\npattern: "f()"\nwith: g()',
    ),
    'r.yaml',
  );
  expect(codesAt(r.diagnostics)).toEqual([]);
  expect(r.rules.map((x) => [x.id, x.comment, x.expect.text, x.files])).toEqual([
    ['a', 'none', '>=0', ['*.c']],
    ['b', 'above', '2', ['*.c']],
  ]);
});

test("a defaulted value is checked like the rule's own, at the defaults entry", () => {
  const r = parseRuleFile(
    file('defaults:\n  comment: in-comment\n', 'id: a\nkind: disable\nreason: r\nfunction: f'),
    'r.yaml',
  );
  expect(codesAt(r.diagnostics)).toEqual(['XP105@2:12']);
  expect(r.diagnostics[0].message).toMatch(/must be one of: if0, inside, above, none/);
  expect(
    codesAt(parseRuleFile(file('defaults:\n  reason: r\n', 'id: a\nkind: disable\nfunction: f'), 'r.yaml').diagnostics),
  ).toEqual(['XP103@2:3']);
  expect(
    codesAt(
      parseRuleFile(file('defaults:\n  comment: 3\n', 'id: a\nkind: disable\nfunction: f'), 'r.yaml').diagnostics,
    )[0],
  ).toBe('XP105@2:12');
});

test("port.yaml defaults apply to the rule files it lists, under each file's own defaults", () => {
  const dir = writeTree({
    'port.yaml': 'name: p\ndefaults: { comment: none, expect: ">=0" }\nrules: [a.yaml, b.yaml]\n',
    'a.yaml': file('', 'id: a\nkind: replace\nreason: r\npattern: "f()"\nwith: g()'),
    'b.yaml': file('defaults:\n  expect: 1\n', 'id: b\nkind: replace\nreason: r\npattern: "f()"\nwith: g()'),
  });
  const r = loadRuleSet(dir);
  expect(codesAt(r.diagnostics)).toEqual([]);
  expect(r.ruleSet!.rules.map((x) => [x.id, x.comment, x.expect.text])).toEqual([
    ['a', 'none', '>=0'],
    ['b', 'none', '1'],
  ]);
});
