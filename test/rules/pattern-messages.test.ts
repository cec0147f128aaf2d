/**
 * A value that does not match its key's pattern is explained by what the pattern means, which the
 * key's definition gives (a common key, or a key of a kind module): not by the regular expression.
 */
import { parseRuleFile } from '../../src/rules';
import { oneRule } from './helpers';

const messages = (...lines: string[]): string[] =>
  parseRuleFile(oneRule(...lines), 'r.yaml').diagnostics.map((d) => d.message);

test('id, expect, block (also inside into-block) and reason-prefix say what their pattern means', () => {
  expect(messages('id: A_b', 'kind: delete', 'pattern: "f()"').join('\n')).toMatch(
    'must be lower-case letters, digits and dashes, starting with a letter or digit (got "A_b")',
  );
  expect(messages('id: a', 'kind: delete', 'pattern: "f()"', 'expect: "some"').join('\n')).toMatch(
    'must be N, ">=N", "<=N" or "N..M" (got "some")',
  );
  expect(messages('id: a', 'kind: replace', 'pattern: "f()"', 'block: "a b"').join('\n')).toMatch(
    'must be a block name (letters, digits, `_`, `.`, `-`) (got "a b")',
  );
  expect(
    messages('id: a', 'kind: insert', 'function: f', 'text: x();', 'into-block: { block: "a b", after-line: y }').join(
      '\n',
    ),
  ).toMatch('must be a block name (letters, digits, `_`, `.`, `-`) (got "a b")');
  expect(messages('id: a', 'kind: disable', 'function: f', 'reason: r', 'reason-prefix: "a */"').join('\n')).toMatch(
    'must be one line without `*/` (got "a */")',
  );
});
