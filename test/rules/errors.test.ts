/** Invalid rule files and manifests: one case per error code, with its exact line:col. */
import { parsePortManifest, parseRuleFile } from '../../src/rules';
import { codesAt, oneRule } from './helpers';

function errs(text: string): string[] {
  return codesAt(parseRuleFile(text, 'r.yaml').diagnostics);
}

function messages(text: string): string[] {
  return parseRuleFile(text, 'r.yaml').diagnostics.map((d) => d.message);
}

describe('XP102 malformed YAML', () => {
  test('unclosed flow sequence, at the YAML error', () => {
    expect(errs('rules:\n  - id: a\n    function: [f, g\n  - id: b\n')).toEqual(['XP102@4:3']);
  });
  test('duplicate key', () => {
    expect(errs(oneRule('id: a', 'kind: delete', 'macro: M', 'macro: N'))).toEqual(['XP102@5:5']);
  });
  test('file name appears in the location', () => {
    expect(parseRuleFile('rules: [', 'rules/x/a.yaml').diagnostics[0].location?.file).toBe('rules/x/a.yaml');
  });
});

describe('XP103 unknown key', () => {
  test('at the key, naming it and the allowed keys for the kind', () => {
    const text = oneRule('id: a', 'kind: delete', 'macro: M', 'with: x');
    expect(errs(text)).toEqual(['XP103@5:5']);
    const m = messages(text)[0];
    expect(m).toContain('`with`');
    expect(m).toContain('delete rule');
    expect(m).toContain('blank-lines');
    expect(m).not.toContain(' add');
  });
  test('reported once for a key no kind knows', () => {
    expect(errs(oneRule('id: a', 'kind: replace', 'macro: M', 'with: x', 'patern: y'))).toEqual(['XP103@6:5']);
  });
  test('in scope and at the top level', () => {
    expect(errs(oneRule('id: a', 'kind: delete', 'macro: M', 'scope: { functions: f }'))).toEqual(['XP103@5:14']);
    expect(errs('rule: []\nrules: []\n')).toEqual(['XP103@1:1']);
  });
  test('in port.yaml', () => {
    expect(codesAt(parsePortManifest('name: p\nrules: []\nincludes: [a]\n', 'port.yaml').diagnostics)).toEqual([
      'XP103@3:1',
    ]);
  });
});

describe('XP104 unknown kind', () => {
  test('at the value, listing the kinds', () => {
    const text = oneRule('id: a', 'kind: rewrite', 'macro: M');
    expect(errs(text)).toEqual(['XP104@3:11']);
    expect(messages(text)[0]).toContain('replace, delete, disable, insert, includes');
  });
});

describe('XP105 schema violations', () => {
  test.each([
    ['two selectors (at the second)', ['id: a', 'kind: delete', 'macro: M', 'function: f'], ['XP105@5:5']],
    ['no selector (at the rule)', ['id: a', 'kind: delete'], ['XP105@2:5']],
    ['with and block together', ['id: a', 'kind: replace', 'macro: M', 'with: x', 'block: b'], ['XP105@6:5']],
    ['replace without with or block', ['id: a', 'kind: replace', 'macro: M'], ['XP105@2:5']],
    ['insert without text, block or reason', ['id: a', 'kind: insert', 'file: end'], ['XP105@2:5']],
    ['insert with text and block', ['id: a', 'kind: insert', 'file: end', 'text: x', 'block: b'], ['XP105@6:5']],
    ['includes without add', ['id: a', 'kind: includes', 'include: linux/*'], ['XP105@2:5']],
    ['file selector on delete', ['id: a', 'kind: delete', 'file: start'], ['XP105@4:5']],
    ['comment-line selector on delete', ['id: a', 'kind: delete', 'comment-line: x'], ['XP105@4:5']],
    ['missing id', ['kind: delete', 'macro: M'], ['XP105@2:5']],
    ['bad id', ['id: Bad_Id', 'kind: delete', 'macro: M'], ['XP105@2:9']],
    ['wrong type', ['id: a', 'kind: disable', 'macro: M', 'with-comment: "yes"'], ['XP105@5:19']],
    ['names must be strings', ['id: a', 'kind: delete', 'function: [f, 3]'], ['XP105@4:19']],
    ['empty name list', ['id: a', 'kind: delete', 'function: []'], ['XP105@4:15']],
    ['bad enum value', ['id: a', 'kind: delete', 'macro: M', 'comment: inline'], ['XP105@5:14']],
    ['negative expect', ['id: a', 'kind: delete', 'macro: M', 'expect: -1'], ['XP105@5:13']],
    ['huge expect', ['id: a', 'kind: delete', 'macro: M', 'expect: 100001'], ['XP105@5:13']],
    ['huge expect string', ['id: a', 'kind: delete', 'macro: M', 'expect: ">=100001"'], ['XP105@5:13']],
    ['empty expect range', ['id: a', 'kind: delete', 'macro: M', 'expect: "3..1"'], ['XP105@5:13']],
    ['unparsable expect', ['id: a', 'kind: delete', 'macro: M', 'expect: "about 3"'], ['XP105@5:13']],
    ['fractional expect', ['id: a', 'kind: delete', 'macro: M', 'expect: 1.5'], ['XP105@5:13']],
  ])('%s', (_name, lines, want) => {
    expect(errs(oneRule(...lines))).toEqual(want);
  });
  test('rules must be a list; an empty file is not a rule file', () => {
    expect(errs('rules: 3\n')).toEqual(['XP105@1:8']);
    expect(errs('')).toEqual(['XP105@1:1']);
  });
  test('messages say what is wrong in rule terms', () => {
    expect(messages(oneRule('id: a', 'kind: delete', 'macro: M', 'function: f'))[0]).toBe(
      'the rule has 2 selectors (macro, function); give exactly one',
    );
    expect(messages(oneRule('id: a', 'kind: includes', 'include: x'))[0]).toBe(
      'rule `a` is missing the required key `add`',
    );
  });
  test('port.yaml: missing rules, wrong include type', () => {
    expect(codesAt(parsePortManifest('name: p\n', 'port.yaml').diagnostics)).toEqual(['XP105@1:1']);
    expect(codesAt(parsePortManifest('name: p\nrules: []\ninclude: {a: b}\n', 'port.yaml').diagnostics)).toEqual([
      'XP105@3:10',
    ]);
  });
});

describe('XP106 and XP110 with the real matcher (more positions in pattern-positions.test.ts)', () => {
  test('XP106 at the end of an unfinished pattern', () => {
    expect(errs(oneRule('id: a', 'kind: delete', 'pattern: "if (x"'))).toEqual(['XP106@4:20']);
  });
  test('XP110 for a query without @target, at the query text', () => {
    expect(errs(oneRule('id: a', 'kind: delete', 'query: "(identifier) @x"'))).toEqual(['XP110@4:13']);
  });
});

describe('XP107 unbound metavariable', () => {
  test('at the metavariable inside a quoted template', () => {
    const text = oneRule('id: a', 'kind: replace', 'pattern: "$D->archdata.iommu"', 'with: "dev_iommu_domain($D, $Q)"');
    expect(errs(text)).toEqual(['XP107@5:33']);
    expect(messages(text)[0]).toContain('$Q');
  });
  test('inside a block template, $$$X form', () => {
    expect(
      errs(oneRule('id: a', 'kind: replace', 'pattern: "return $E;"', 'with: |', '  err = $E;', '  f($$$ARGS);')),
    ).toEqual(['XP107@7:9']);
  });
  test('named selectors bind nothing', () => {
    expect(errs(oneRule('id: a', 'kind: insert', 'function: f', 'text: "$X;"'))).toEqual(['XP107@5:12']);
  });
  test('query captures bind, target does not', () => {
    expect(errs(oneRule('id: a', 'kind: replace', 'query: "(identifier) @N @target"', 'with: "$N + $target"'))).toEqual(
      ['XP107@5:17'],
    );
  });
});

describe('XP108 duplicate id', () => {
  test('at the second, naming the first', () => {
    const r = parseRuleFile(
      'rules:\n  - id: a\n    kind: delete\n    macro: M\n  - id: a\n    kind: delete\n    macro: N\n',
      'r.yaml',
    );
    expect(codesAt(r.diagnostics)).toEqual(['XP108@5:9']);
    expect(r.diagnostics[0].message).toContain('r.yaml:2:9');
    expect(r.rules).toEqual([]);
  });
});

describe('all errors are collected', () => {
  test('errors in several rules', () => {
    const text =
      'rules:\n  - id: a\n    kind: nope\n    macro: M\n  - id: b\n    kind: delete\n    macro: M\n    bogus: 1\n  - id: c\n    kind: delete\n    macro: M\n';
    const r = parseRuleFile(text, 'r.yaml');
    expect(codesAt(r.diagnostics)).toEqual(['XP104@3:11', 'XP103@8:5']);
    expect(r.rules.map((x) => x.id)).toEqual(['c']);
  });
});
