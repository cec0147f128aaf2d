/**
 * Scanning only the segments of a file that hold a rule's words (src/scan/segments.ts): the lexer
 * cuts between complete top-level items only, gives up on files it cannot follow, and a scan of
 * the segments finds exactly the matches a scan of the whole file finds, on the real corpus files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { matchRules } from '../../src/match';
import { parseSource } from '../../src/parse';
import { loadRuleSet } from '../../src/rules';
import type { Rule } from '../../src/rules/types';
import { Prefilter, scanText } from '../../src/scan';
import { candidateRanges, scanContext, statementFilter } from '../../src/scan/partial';
import { parseRuleFile } from '../../src/rules';
import { itemSegments } from '../../src/scan/segments';
import { CORPUS, CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

/** The texts of the segments, conditional directive lines marked with `!`. */
function pieces(text: string): string[] | undefined {
  return itemSegments(text)?.map((s) => (s.cond ? '!' : '') + text.slice(s.start, s.end));
}

describe('itemSegments', () => {
  it('cuts between items: declarations, function bodies, directives, comments (each its own)', () => {
    const text = [
      '#include <linux/slab.h>\n',
      '/* a comment */\n',
      'static int x;\n',
      'static int f(void)\n{\n\tif (x) {\n\t\treturn 1;\n\t}\n\treturn 0;\n}\n\n',
      '#ifdef CONFIG_X\n',
      'struct s {\n\tint a;\n};\n',
      '#endif\n',
      'int g(int a,\n      int b);\n',
    ];
    expect(pieces(text.join(''))).toEqual([
      text[0],
      text[1],
      text[2],
      text[3],
      `!${text[4]}`,
      text[5],
      `!${text[6]}`,
      text[7],
    ]);
  });

  it('does not cut inside an item', () => {
    // A struct's closing brace does not end the item; neither does a directive inside a function.
    const text =
      'struct s {\n\tint a;\n}\nvar;\nstatic int f(void)\n{\n#ifdef A\n\treturn 1;\n#endif\n\treturn 0;\n}\n';
    expect(pieces(text)).toEqual([
      'struct s {\n\tint a;\n}\nvar;\n',
      'static int f(void)\n{\n#ifdef A\n\treturn 1;\n#endif\n\treturn 0;\n}\n',
    ]);
    // Braces, parentheses and semicolons in comments, strings and characters do not count.
    const quoted = 'char *s = "};";\nchar c = \'{\';\n/* } ; */\nint y;\n';
    expect(pieces(quoted)).toEqual(['char *s = "};";\n', "char c = '{';\n", '/* } ; */\n', 'int y;\n']);
  });

  it('gives up on files it cannot follow', () => {
    // An opening brace in each branch of a conditional.
    expect(itemSegments('void f(void)\n{\n#ifdef A\n\tif (a) {\n#else\n\tif (b) {\n#endif\n\t}\n}\n')).toBeUndefined();
    // Two alternative headers for one body.
    expect(itemSegments('#ifdef A\nint f(int a)\n#else\nint f(void)\n#endif\n{\n\treturn 0;\n}\n')).toBeUndefined();
    expect(itemSegments('int x; /* never closed\n')).toBeUndefined();
    expect(itemSegments('char *s = "unterminated;\nint y;\n')).toBeUndefined();
  });

  it('covers the text, in order', () => {
    const text = fs.readFileSync(path.join('corpus', 'example', 'linux.c'), 'utf8');
    const segs = itemSegments(text);
    expect(segs?.length).toBeGreaterThan(20);
    expect(segs?.map((s) => text.slice(s.start, s.end)).join('')).toBe(text);
  });
});

/** Hits of a scan of the whole file, as `rule@line:col`. */
function wholeFileHits(text: string, file: string, rules: readonly Rule[]): string[] {
  const src = parseSource(text, file);
  const { results } = matchRules(scanContext(src, rules), rules);
  return results
    .flatMap((r) =>
      r.matches.map((m) => `${r.rule.id}@${src.lines.position(m.start).line}:${src.lines.position(m.start).col}`),
    )
    .sort();
}

const corpus = CORPUS;
const files = [
  'smmu-v1v2-2015/linux.c',
  'smmu-v3-2021/xen-step2.c',
  'smmu-v3-2021/upgrade-5/linux-after.h',
  'ubsan-2017/linux.c',
];

describe('a scan of the candidate segments', () => {
  const rules = loadRuleSet(path.resolve('rules/xen-api')).ruleSet?.rules ?? [];
  const check = (text: string, file: string): void => {
    const prefilter = new Prefilter(rules);
    const chosen = prefilter.candidates(text).map((i) => rules[i]);
    const ranges = candidateRanges(parseSource(text, file).masked, chosen);
    const out = scanText(text, file, rules, prefilter);
    const hits = out.hits.map((h) => `${rules[h.rule].id}@${h.line}:${h.col}`).sort();
    expect(hits).toEqual(wholeFileHits(text, file, chosen));
    return void expect(ranges).toBeDefined();
  };

  it('keeps the declarations a type lookup reads', () => {
    const text =
      'struct item { int a; };\nstatic struct item *table;\n\nstatic int f(int n)\n{\n\ttable = kzalloc(sizeof(*table), GFP_KERNEL);\n\treturn 0;\n}\n';
    check(text, 'typed.c');
    expect(scanText(text, 'typed.c', rules, new Prefilter(rules)).hits.map((h) => rules[h.rule].id)).toContain(
      'xen-api-kzalloc-typed',
    );
  });

  it('keeps the struct definitions a type lookup reads, not unrelated tables', () => {
    const text = [
      'struct sub { int b; };\n',
      'struct item { int a; struct sub *s; };\n',
      'static const int unrelated[] = { 1, 2, 3 };\n',
      'static int f(struct item *p)\n{\n\tp->s = kzalloc(sizeof(*p->s), GFP_KERNEL);\n\treturn 0;\n}\n',
    ];
    check(text.join(''), 'field.c');
    const chosen = rules.filter((r) => r.id === 'xen-api-kzalloc-typed');
    const ranges = candidateRanges(text.join(''), chosen) ?? [];
    const parsed = ranges.map((r) => text.join('').slice(r.start, r.end)).join('');
    expect(parsed).toBe(text[0] + text[1] + text[3]);
    expect(scanText(text.join(''), 'field.c', rules, new Prefilter(rules)).hits.map((h) => rules[h.rule].id)).toContain(
      'xen-api-kzalloc-typed',
    );
  });

  it('finds the same matches as a scan of the whole file: the shipped example', () => {
    check(fs.readFileSync(path.join('corpus', 'example', 'linux.c'), 'utf8'), 'linux.c');
  });

  itWithCorpus.each(files)(`finds the same matches as a scan of the whole file: %s${CORPUS_SKIP_REASON}`, (file) => {
    check(fs.readFileSync(path.join(corpus.dir, file), 'utf8'), path.basename(file));
  });
});

describe('statements a scan copies', () => {
  const rulesOf = (pattern: string): Rule[] =>
    parseRuleFile(`rules:\n  - id: r\n    kind: delete\n    reason: test\n    pattern: "${pattern}"\n`, 'r.yaml').rules;
  const text = 'static void f(int *p)\n{\n\tif (p) {\n\t\tkfree(p);\n\t}\n\treturn;\n}\n';

  it('leaves out the statements without the words of a pattern inside one statement', () => {
    const rules = rulesOf('kfree($E)');
    const keep = statementFilter(text, rules);
    expect(keep?.(text.indexOf('if'), text.indexOf('return'))).toBe(true);
    expect(keep?.(text.indexOf('return'), text.indexOf('return') + 7)).toBe(false);
    const ctx = scanContext(parseSource(text, 'in.c'), rules);
    expect(ctx.flat.byType.get('return_statement')?.[0].children).toEqual([]);
    expect(matchRules(ctx, rules).results[0].matches).toHaveLength(1);
  });

  it('copies every statement for a pattern with statements inside', () => {
    expect(statementFilter(text, rulesOf('if ($C) { kfree($E); }'))).toBeUndefined();
  });
});
