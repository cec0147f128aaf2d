/**
 * The schema combinators a kind adds (replace: `with` or `block`; insert: `text`, `block` or
 * `reason`, not both `text` and `block`; guard: not both `else-block` and `else-text`) are
 * explained by the kind's module: a rule-language message at the rule or at the second key.
 */
import { parseRuleFile } from '../../src/rules';
import { codesAt, oneRule } from './helpers';

function check(...lines: string[]): { at: string[]; messages: string[] } {
  const d = parseRuleFile(oneRule(...lines), 'r.yaml').diagnostics;
  return { at: codesAt(d), messages: d.map((x) => x.message) };
}

test('replace: neither `with` nor `block` at the rule, both at the second', () => {
  expect(check('id: a', 'kind: replace', 'pattern: "f()"')).toEqual({
    at: ['XP105@2:5'],
    messages: ['a replace rule needs `with` (a template) or `block` (a Xen-owned block)'],
  });
  expect(check('id: a', 'kind: replace', 'pattern: "f()"', 'block: b', 'with: g()')).toEqual({
    at: ['XP105@6:5'],
    messages: ['`with` and `block` cannot be used together; give one of them'],
  });
});

test('insert: no content at the rule, `text` and `block` at the second', () => {
  expect(check('id: a', 'kind: insert', 'function: f')).toEqual({
    at: ['XP105@2:5'],
    messages: ['an insert rule needs `text`, `block` or `reason`'],
  });
  expect(check('id: a', 'kind: insert', 'function: f', 'text: x();', 'block: b')).toEqual({
    at: ['XP105@6:5'],
    messages: ['`text` and `block` cannot be used together; give one of them'],
  });
});

test('guard: `else-block` and `else-text` at the second', () => {
  expect(check('id: a', 'kind: guard', 'condition: C', 'macro: M', 'else-text: x', 'else-block: b')).toEqual({
    at: ['XP105@7:5'],
    messages: ['`else-block` and `else-text` cannot be used together; give one of them'],
  });
});
