/**
 * The cases issue 12 found accepted by `rules check` and then silently ignored: each is now either
 * rejected at its position with what is allowed, or does what it says.
 */
import { NEEDS_EVERYTHING } from '../../src/match/need';
import { bodyFilter } from '../../src/match/fold';
import { parseSource } from '../../src/parse';
import { parseRuleFile } from '../../src/rules';
import { SELECTORS } from '../../src/rules/language';
import { c, codes, portWith, ruleSet } from '../core/helpers';
import { codesAt, oneRule } from './helpers';

function check(...lines: string[]): { at: string[]; messages: string[] } {
  const d = parseRuleFile(oneRule(...lines), 'r.yaml').diagnostics;
  return { at: codesAt(d), messages: d.map((x) => x.message) };
}

test('a comment placement the kind does not make: at the value, listing the placements it makes', () => {
  expect(check('id: a', 'kind: disable', 'reason: r', 'comment: in-comment', 'function: f')).toEqual({
    at: ['XP105@5:14'],
    messages: [
      'a disable rule cannot place its reason `in-comment`; `comment` must be one of: if0, inside, above, none',
    ],
  });
  expect(check('id: a', 'kind: insert', 'reason: r', 'comment: in-comment', 'function: f', 'text: x();').at).toEqual([
    'XP105@5:14',
  ]);
  expect(check('id: a', 'kind: includes', 'reason: r', 'comment: if0', 'include: "linux/*"', 'add: [a.h]').at).toEqual([
    'XP105@5:14',
  ]);
  expect(
    check('id: a', 'kind: insert', 'reason: r', 'comment: end-of-line', 'function: f', 'block: b').messages[0],
  ).toMatch(/has no `text`/);
  expect(check('id: a', 'kind: replace', 'comment: above', 'pattern: "f()"', 'with: g()').messages[0]).toMatch(
    /has no `reason`/,
  );
  expect(
    check(
      'id: a',
      'kind: replace',
      'reason: r',
      'comment: end-of-line',
      'comment-style: compact',
      'pattern: "f()"',
      'with: g()',
    ).at,
  ).toEqual(['XP105@6:20']);
});

test('scope: { items: ... } is an unknown key of scope, listing function and struct', () => {
  const r = check('id: a', 'kind: delete', 'pattern: "f()"', 'scope: { items: [{ function: f }] }');
  expect(r.at).toEqual(['XP103@5:14']);
  expect(r.messages[0]).toBe('unknown key `items` in `scope`; allowed keys: function, struct');
});

test('items: [{ items: ... }] is an unknown key of an items entry', () => {
  const r = check('id: a', 'kind: delete', 'items: [{ items: [{ function: f }] }]');
  expect(r.at).toEqual(['XP103@4:15']);
  // The named selectors items may use, in the order the docs list them (every one but signature).
  const named = SELECTORS.filter((sel) => sel.inItems).map((sel) => sel.key);
  expect(named).toEqual(
    expect.arrayContaining(['function', 'struct', 'declaration', 'macro', 'call', 'field', 'label']),
  );
  expect(named).not.toContain('signature');
  expect(r.messages[0]).toBe(`unknown key \`items\` in \`items[0]\`; allowed keys: ${named.join(', ')}`);
});

test('a name selector whose expect allows fewer matches than names: at expect', () => {
  const r = check('id: a', 'kind: delete', 'function: [f, g]', 'expect: "0..1"');
  expect(r.at).toEqual(['XP105@5:13']);
  expect(r.messages[0]).toMatch(/every name of a function selector must be found \(2 name\(s\)\)/);
  expect(check('id: a', 'kind: delete', 'function: [f, g]', 'expect: ">=2"').at).toEqual([]);
  expect(check('id: a', 'kind: delete', 'items: [{ function: f }, { macro: M }]', 'expect: 1').at).toEqual([
    'XP105@5:13',
  ]);
});

test('a file anchor with a scope: at scope', () => {
  expect(check('id: a', 'kind: insert', 'file: end', 'text: x();', 'scope: { function: f }').at).toEqual([
    'XP105@6:12',
  ]);
});

test("an overriding rule takes the overridden rule's reason comment with its replacement", () => {
  const rules = c`
    rules:
      - id: lib-free
        kind: replace
        reason: library rewrite
        pattern: "kfree($P)"
        with: "xfree($P)"
        expect: ">=0"
      - id: drv-free
        kind: replace
        overrides: lib-free
        comment: none
        pattern: "kfree(smmu)"
        with: "arm_smmu_free(smmu)"
  `;
  const r = portWith('void f(void)\n{\n\tkfree(smmu);\n\tkfree(q);\n}\n', rules);
  expect(codes(r.diagnostics)).toEqual([]);
  expect(r.output).toBe('void f(void)\n{\n\tarm_smmu_free(smmu);\n\t/* Xen: library rewrite */\n\txfree(q);\n}\n');
});

test('a rule whose selector declares no need folds no function body (fail closed)', () => {
  const src = parseSource('static int f(void)\n{\n\treturn 1;\n}\n', 'in.c');
  const rules = ruleSet('rules:\n  - id: r\n    kind: delete\n    pattern: "kfree($E);"\n    expect: ">=0"\n').rules;
  expect(bodyFilter(src, rules)).toBeDefined();
  expect(
    bodyFilter(
      src,
      rules.map((r) => ({ ...r, need: NEEDS_EVERYTHING })),
    ),
  ).toBeUndefined();
});
