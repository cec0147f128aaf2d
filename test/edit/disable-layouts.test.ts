/**
 * The `#if 0` layouts of real Xen files that a `disable` rule makes (issue 12, item 3): the reason
 * as the region's first line after a bare `#if 0` (`comment: inside`), an empty line after the
 * opening (`opening-blank-line`), and a reason not tagged `Xen:` (`reason-prefix`). Each case is a
 * rule file in fixtures/disable-layouts/ beside its expected output (`<case>.yaml`, `<case>.c`),
 * all ported from input.c. Combinations that cannot work are rejected at the key, with its line
 * and column.
 */
import * as fs from 'fs';
import * as path from 'path';
import { port } from '../../src/port';
import { parseRuleFile } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';

const dir = path.join(__dirname, 'fixtures', 'disable-layouts');
const input = fs.readFileSync(path.join(dir, 'input.c'), 'utf8');
const cases = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''))
  .sort();

/** Port input.c with the rules of `yaml`; the errors of loading or porting. */
function portWith(yaml: string, file: string): { output: string; errors: string[] } {
  const parsed = parseRuleFile(yaml, file);
  const fail = (ds: typeof parsed.diagnostics): string[] =>
    ds
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code}@${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`);
  if (fail(parsed.diagnostics).length) return { output: '', errors: fail(parsed.diagnostics) };
  const set: RuleSet = { name: 't', dir, rules: parsed.rules, blockDirs: [], files: [file] };
  const r = port({ text: input, file: 'input.c' }, set);
  return { output: r.output, errors: fail(r.diagnostics) };
}

test('every layout case has its expected output', () => {
  expect(cases).toEqual(
    expect.arrayContaining([
      'inside',
      'inside-blank-line',
      'if0-blank-line',
      'bare-blank-line',
      'other-prefix',
      'no-prefix-multi-line',
    ]),
  );
  for (const c of cases) expect(fs.existsSync(path.join(dir, `${c}.c`))).toBe(true);
});

test.each(cases)('%s: the output is the expected file', (c) => {
  const r = portWith(fs.readFileSync(path.join(dir, `${c}.yaml`), 'utf8'), `${c}.yaml`);
  expect(r.errors).toEqual([]);
  expect(r.output).toBe(fs.readFileSync(path.join(dir, `${c}.c`), 'utf8'));
});

/** A disable rule of unused_helper with the extra `lines`. */
const rule = (...lines: string[]): string =>
  [
    'rules:',
    '  - id: helper-disabled',
    '    kind: disable',
    '    function: unused_helper',
    ...lines.map((l) => `    ${l}`),
  ].join('\n') + '\n';

test.each([
  [
    'a reason-prefix with comment: none',
    rule('reason: not used', 'comment: none', 'reason-prefix: "XXX: "'),
    /^XP105@bad\.yaml:7:20 .*reason-prefix.*comment: none/,
  ],
  [
    'a reason-prefix without a reason',
    rule('reason-prefix: "XXX: "'),
    /^XP105@bad\.yaml:5:20 .*reason-prefix.*no `reason`/,
  ],
  [
    'a reason-prefix that closes the comment',
    rule('reason: not used', 'reason-prefix: "XXX */ "'),
    /^XP105@bad\.yaml:6:20 `reason-prefix` must be one line without `\*\/`/,
  ],
  [
    'a reason-prefix of two lines',
    rule('reason: not used', 'reason-prefix: "XXX:\\n"'),
    /^XP105@bad\.yaml:6:20 `reason-prefix` must be one line without `\*\/`/,
  ],
  [
    'opening-blank-line that is not a boolean',
    rule('reason: not used', 'opening-blank-line: 1'),
    /^XP10\d@bad\.yaml:6:25 .*opening-blank-line/,
  ],
  [
    'opening-blank-line on a delete rule',
    ['rules:', '  - id: d', '    kind: delete', '    function: unused_helper', '    opening-blank-line: true', ''].join(
      '\n',
    ),
    /^XP10\d@bad\.yaml:5:5 .*opening-blank-line/,
  ],
  [
    'comment: inside on a guard rule',
    [
      'rules:',
      '  - id: g',
      '    kind: guard',
      '    condition: CONFIG_X',
      '    function: unused_helper',
      '    reason: r',
      '    comment: inside',
      '',
    ].join('\n'),
    /^XP105@bad\.yaml:7:14 .*must be one of: none, above, if0/,
  ],
  ['comment: inside without a reason', rule('comment: inside'), /^XP105@bad\.yaml:5:14 .*no `reason`/],
  [
    'comment-style with comment: none',
    rule('reason: |-\n      a\n      b', 'comment: none', 'comment-style: compact'),
    /^XP105@bad\.yaml:9:20 .*comment-style.*`if0`, `inside`, `above`/,
  ],
])('rules check rejects %s at the key', (_what, yaml, message) => {
  const r = portWith(yaml, 'bad.yaml');
  expect(r.output).toBe('');
  expect(r.errors[0]).toMatch(message);
});
