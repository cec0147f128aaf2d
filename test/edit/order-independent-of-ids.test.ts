/**
 * The output never depends on how rule ids are spelled (issue 12, item 6): edits of different rules
 * at one offset are ordered by slot, then by the kind of rule, then by where the rules are written
 * (rule file, then position in it), never by id. Every golden case is ported twice, once with its
 * ids and once with every id renamed so that the ids sort in reverse, and the outputs must be
 * byte-identical (and the golden). Small ports show the rule: an insert's text before a
 * replacement's reason at one place wherever the rules are written, and two insertions of one kind
 * at one anchor in the order of the rule file, whatever the ids.
 */
import * as fs from 'fs';
import { portFiles } from '../../src/cli/port-files';
import { loadRules } from '../../src/cli/load-rules';
import { discoverCases, readCases } from '../../src/golden';
import { port } from '../../src/port';
import { numberRules, parseRuleFile } from '../../src/rules';
import { KIND_NAMES } from '../../src/rules/language';
import { KIND_TIE_ORDER } from '../../src/rules/language/kinds';
import type { Rule, RuleSet } from '../../src/rules/types';
import { CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

/** `set` with every id renamed so that the ids sort in the reverse of their current order. */
function reverseIds(set: RuleSet): RuleSet {
  const ids = [...new Set(set.rules.map((r) => r.id))].sort();
  const renamed = new Map(ids.map((id, i) => [id, `z${String(ids.length - i).padStart(5, '0')}-${id}`]));
  const name = (id: string): string => renamed.get(id) ?? id;
  const rules = set.rules.map((r): Rule => ({
    ...r,
    id: name(r.id),
    ...(r.overrides ? { overrides: r.overrides.map(name) } : {}),
  }));
  const sorted = numberRules(rules, set.dir);
  return {
    ...set,
    rules: sorted,
    ...(set.split ? { split: { ...set.split, before: reverseIds(set.split.before) } } : {}),
  };
}

const cases = discoverCases('corpus').flatMap((dir) => readCases(dir));

test('the renaming reverses the order of the ids, and keeps each rule where it is written', () => {
  const set = loadRules('corpus/example/rules').ruleSet!;
  const r = reverseIds(set);
  expect(r.rules.map((x) => x.origin)).toEqual([...set.rules].reverse().map((x) => x.origin));
  expect(new Map(r.rules.map((x) => [x.origin, x.order]))).toEqual(new Map(set.rules.map((x) => [x.origin, x.order])));
});

for (const c of cases) {
  const run = (): void => {
    const plain = portFiles({ input: c.input, rules: c.rules, xen: c.xen, base: c.base });
    const renamed = portFiles({
      input: c.input,
      rules: c.rules,
      xen: c.xen,
      base: c.base,
      loadRules: (dir, only) => {
        const l = loadRules(dir, only);
        return l.ruleSet ? { ...l, ruleSet: reverseIds(l.ruleSet) } : l;
      },
    });
    if (!plain.ok || !renamed.ok)
      throw new Error(
        `the case does not port: ${JSON.stringify([...(plain.ok ? [] : plain.diagnostics), ...(renamed.ok ? [] : renamed.diagnostics)])}`,
      );
    expect(renamed.result.output).toBe(plain.result.output);
    if (!c.knownFailure) expect(plain.result.output).toBe(fs.readFileSync(c.expected, 'utf8'));
  };
  if (c.external)
    itWithCorpus(`${c.name}: the same output with the ids spelled in reverse order${CORPUS_SKIP_REASON}`, run);
  else it(`${c.name}: the same output with the ids spelled in reverse order`, run);
}

test('every kind has its place in the order of kinds at one place', () => {
  expect([...KIND_TIE_ORDER].sort()).toEqual([...KIND_NAMES].sort());
});

describe('two insertions at one anchor', () => {
  const input = 'void f(void)\n{\n\tgo();\n}\n';
  const insert = (id: string, text: string): string =>
    `  - id: ${id}\n    kind: insert\n    comment: none\n    where: before\n    pattern: "go();"\n    text: "${text}"\n`;
  const portWith = (yaml: string): string => {
    const parsed = parseRuleFile(yaml, 'r.yaml');
    const set: RuleSet = { name: 't', dir: '.', rules: numberRules(parsed.rules), blockDirs: [], files: ['r.yaml'] };
    return port({ text: input, file: 'in.c' }, set).output;
  };

  it('follow the rule file, whatever the ids', () => {
    const first = 'void f(void)\n{\n\tfirst();\n\tsecond();\n\tgo();\n}\n';
    expect(portWith(`rules:\n${insert('a', 'first();')}${insert('b', 'second();')}`)).toBe(first);
    expect(portWith(`rules:\n${insert('b', 'first();')}${insert('a', 'second();')}`)).toBe(first);
  });

  it('of different kinds go by kind: inserted text, then the reason of a replacement, in either place in the file', () => {
    const replace = '  - id: b\n    kind: replace\n    reason: why\n    pattern: "go();"\n    with: "xen_go();"\n';
    const out = 'void f(void)\n{\n\tfirst();\n\t/* Xen: why */\n\txen_go();\n}\n';
    expect(portWith(`rules:\n${insert('a', 'first();')}${replace}`)).toBe(out);
    expect(portWith(`rules:\n${replace}${insert('a', 'first();')}`)).toBe(out);
  });

  it('of one kind swap when the rules swap places in the file', () => {
    expect(portWith(`rules:\n${insert('a', 'second();')}${insert('b', 'first();')}`)).toBe(
      'void f(void)\n{\n\tsecond();\n\tfirst();\n\tgo();\n}\n',
    );
  });
});
