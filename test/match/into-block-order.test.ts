/**
 * `into-block` lines added after one line of a block follow the order of the rules at one place
 * (docs/rules.md, "Where edits go, and in which order"): where the rules are written, never their
 * ids. Before, each amendment went right under the line in id order, so the lines came out in the
 * reverse of the ids' order.
 */
import { port } from '../../src/port';
import { numberRules, parseRuleFile } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';

const amend = (id: string, text: string): string =>
  `  - id: ${id}\n    kind: insert\n    pattern: "__iomb()"\n    into-block: { block: compat, after-line: "typedef" }\n    text: "${text}"\n`;
const host = '  - id: host\n    kind: insert\n    where: before\n    function: f\n    block: compat\n';
const input = 'void f(void)\n{\n\t__iomb();\n}\n';
const blockFiles = new Map([['compat', { text: 'typedef int gfp_t;\n\n', file: 'blocks/compat.c' }]]);

function portWith(yaml: string): string {
  const parsed = parseRuleFile(yaml, 'rules.yaml');
  expect(parsed.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const set: RuleSet = { name: 't', dir: '.', rules: numberRules(parsed.rules), blockDirs: [], files: ['rules.yaml'] };
  const r = port({ text: input, file: 'in.c' }, set, { blockFiles });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.output;
}

const expected = 'typedef int gfp_t;\n#define FIRST 1\n#define SECOND 2\n\nvoid f(void)\n{\n\t__iomb();\n}\n';

test('lines after one block line come in the order the rules are written, whatever the ids', () => {
  expect(portWith(`rules:\n${host}${amend('a', '#define FIRST 1')}${amend('b', '#define SECOND 2')}`)).toBe(expected);
  expect(portWith(`rules:\n${host}${amend('b', '#define FIRST 1')}${amend('a', '#define SECOND 2')}`)).toBe(expected);
});

test('swapping the rules in the file swaps the lines', () => {
  expect(portWith(`rules:\n${host}${amend('a', '#define SECOND 2')}${amend('b', '#define FIRST 1')}`)).toBe(
    'typedef int gfp_t;\n#define SECOND 2\n#define FIRST 1\n\nvoid f(void)\n{\n\t__iomb();\n}\n',
  );
});
