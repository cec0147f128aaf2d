/**
 * Every rule kind × `comment:` placement × selector either works (the reason appears in the output,
 * once per change, or not at all for `none`; the expected outputs of one selector per kind are the
 * fixture files test/fixtures/placements/<kind>.<placement>.c) or is rejected with a position: by
 * `rules check` (XP105 at file:line:col naming what is allowed) or, where only the matched text can
 * tell, by the port (XP205 at the match). Never silently nothing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { port } from '../../src/port';
import { parseRuleFile } from '../../src/rules';
import { KINDS, PLACEMENTS, SELECTORS } from '../../src/rules/language';
import type { RuleSet } from '../../src/rules/types';

const dir = path.join(__dirname, '..', 'fixtures', 'placements');
const input = fs.readFileSync(path.join(dir, 'input.c'), 'utf8');
/** input.c and the items only the enumeration of every selector needs (the shown outputs are of input.c). */
const everySelectorInput = input + fs.readFileSync(path.join(dir, 'more-items.c'), 'utf8');
const REASON = 'the reason';

/** A value of each selector that matches in input.c. */
const SELECTOR_VALUES: Record<string, string> = {
  pattern: '"foo($A);"',
  query: '"((expression_statement (call_expression function: (identifier) @F (#eq? @F \\"foo\\"))) @target)"',
  function: 'fn',
  struct: 'st',
  enum: 'en',
  declaration: 'decl',
  macro: 'MAC',
  call: 'module_init',
  field: 'fld',
  label: 'lbl',
  signature: 'fn',
  items: '[{ macro: MAC }, { declaration: decl }]',
  include: '"linux/*"',
  'comment-line': '"Copyright line marker"',
  file: 'end',
};

/** The keys each kind needs besides a selector. */
const KIND_KEYS: Record<string, string[]> = {
  replace: ['with: "xen_foo();"'],
  delete: [],
  disable: [],
  insert: ['text: "xen_added();"'],
  includes: ['add: [xen/lib.h]'],
  guard: ['condition: CONFIG_X'],
};

/** The selector whose outputs are fixture files, per kind. */
const SHOWN: Record<string, string> = {
  replace: 'pattern',
  delete: 'pattern',
  disable: 'function',
  insert: 'pattern',
  includes: 'include',
  guard: 'macro',
};

type Outcome = { how: 'rejected'; at: string; message: string } | { how: 'works'; output: string; times: number };

function run(kind: string, placement: string, selector: string, text = input): Outcome {
  const yaml =
    [
      'rules:',
      '  - id: r',
      `    kind: ${kind}`,
      `    reason: ${REASON}`,
      `    comment: ${placement}`,
      `    ${selector}: ${SELECTOR_VALUES[selector]}`,
      ...KIND_KEYS[kind].map((k) => `    ${k}`),
    ].join('\n') + '\n';
  const parsed = parseRuleFile(yaml, 'r.yaml');
  const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length)
    return {
      how: 'rejected',
      at: `${errors[0].code}@${errors[0].location?.line}:${errors[0].location?.col}`,
      message: errors[0].message,
    };
  const set: RuleSet = { name: 't', dir: '.', rules: parsed.rules, blockDirs: [], files: ['r.yaml'] };
  const r = port({ text, file: 'in.c' }, set);
  const runErrors = r.diagnostics.filter((d) => d.severity === 'error');
  if (runErrors.length)
    return {
      how: 'rejected',
      at: `${runErrors[0].code}@${runErrors[0].location?.line}:${runErrors[0].location?.col}`,
      message: runErrors[0].message,
    };
  return { how: 'works', output: r.output, times: r.output.split(`Xen: ${REASON}`).length - 1 };
}

const cases = KINDS.flatMap((k) => PLACEMENTS.flatMap((p) => SELECTORS.map((s) => [k.name, p, s.key] as const)));

test.each(cases)('%s with comment: %s and a %s selector works or is rejected', (kind, placement, selector) => {
  const o = run(kind, placement, selector, everySelectorInput);
  if (o.how === 'rejected') {
    // Rejected: at a position, with a message that says what is allowed or why the match cannot take it.
    expect(o.at).toMatch(/^XP(105|205)@\d+:\d+$/);
    return;
  }
  if (placement === 'none') expect(o.times).toBe(0);
  else expect(o.times).toBeGreaterThan(0);
  expect(o.output).not.toBe(everySelectorInput);
});

test.each(KINDS.flatMap((k) => PLACEMENTS.map((p) => [k.name, p] as const)))(
  '%s with comment: %s: the output of the fixture, or rejected by rules check',
  (kind, placement) => {
    const o = run(kind, placement, SHOWN[kind]);
    const file = path.join(dir, `${kind}.${placement}.c`);
    if (process.env.XENPORT_WRITE_FIXTURES === '1' && o.how === 'works') fs.writeFileSync(file, o.output);
    const allowed = KINDS.find((k) => k.name === kind)!.placements.includes(placement);
    if (!allowed) {
      expect(o).toMatchObject({
        how: 'rejected',
        at: 'XP105@5:14',
        message: expect.stringContaining('must be one of'),
      });
      expect(fs.existsSync(file)).toBe(false);
      return;
    }
    expect(o.how).toBe('works');
    expect(o.how === 'works' && o.output).toBe(fs.readFileSync(file, 'utf8'));
  },
);
