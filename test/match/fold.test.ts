/**
 * Folded function bodies (src/match/fold.ts): a port copies only the bodies some rule can match in.
 * Folding must never change a result: the same matches, captures and diagnostics as with the whole
 * tree, on the real ports and on small cases built to hit each way a rule needs a body.
 */
import * as fs from 'fs';
import * as path from 'path';
import { flatten, matchContext, matchRules } from '../../src/match';
import type { MatchContext } from '../../src/match';
import { parseSource } from '../../src/parse';
import { loadRuleSet } from '../../src/rules';
import type { Rule } from '../../src/rules/types';
import { c, ruleSet } from '../core/helpers';
import { CORPUS, CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

/** Matches and diagnostics of `rules` on `ctx`, as comparable plain data. */
function outcome(ctx: MatchContext, rules: readonly Rule[]): unknown {
  const { results, diagnostics } = matchRules(ctx, rules);
  return {
    results: results.map((r) => ({
      id: r.rule.id,
      matches: r.matches.map((m) => ({
        start: m.start,
        end: m.end,
        nodes: m.nodes.map((n) => `${n.type}@${n.start}-${n.end}`),
        captures: [...m.captures].map(([k, v]) => [
          k,
          v.start,
          v.end,
          v.text,
          v.nodes.map((n) => `${n.type}@${n.start}`),
        ]),
      })),
    })),
    diagnostics: diagnostics.map((d) => [d.code, d.message, d.hint, d.location]),
  };
}

/** Folded against whole-tree matching of `rules` over `text`; returns how many nodes folding left out. */
function compare(text: string, file: string, rules: readonly Rule[]): number {
  const src = parseSource(text, file);
  const folded = matchContext(src, rules);
  const whole = matchContext(src);
  expect(outcome(folded, rules)).toEqual(outcome(whole, rules));
  return whole.flat.all.length - folded.flat.all.length;
}

const corpus = CORPUS;
const real = [
  { rules: 'rules/smmu-v1v2', input: 'smmu-v1v2-2015/linux.c' },
  { rules: 'bench/three-rule/xenport', input: 'smmu-v1v2-2015/linux.c' },
  { rules: 'rules/smmu-v3-2021', input: 'smmu-v3-2021/xen-step2.c' },
  { rules: 'rules/smmu-v3', input: 'smmu-v3-2021/upgrade-10/linux-after.c' },
  { rules: 'rules/smmu-v3-2022', input: 'smmu-v3-2021/upgrade-3/linux-after.c' },
  { rules: 'rules/xen-api', input: 'smmu-v3-2021/xen-step2.c' },
  { rules: 'rules/ubsan', input: 'ubsan-2017/linux.c' },
];

describe('folded function bodies', () => {
  itWithCorpus.each(real)(
    `give the same matches as the whole tree: $rules on $input${CORPUS_SKIP_REASON}`,
    ({ rules, input }) => {
      const set = loadRuleSet(path.resolve(rules)).ruleSet;
      expect(set).toBeDefined();
      compare(fs.readFileSync(path.join(corpus.dir, input), 'utf8'), path.basename(input), set?.rules ?? []);
    },
  );

  it('give the same matches as the whole tree on the shipped example', () => {
    const set = loadRuleSet(path.resolve('corpus/example/rules')).ruleSet;
    compare(fs.readFileSync('corpus/example/linux.c', 'utf8'), 'linux.c', set?.rules ?? []);
  });

  const text = c`
    struct ctx { int a; };
    static int unrelated(struct ctx *p)
    {
    	int x = p->a;
    	return x + 1;
    }
    static int user(void)
    {
    	struct ctx *p;
    	p = kzalloc(sizeof(*p), GFP_KERNEL);
    	kfree(p);
    	return 0;
    }
    static int other(void)
    {
    	/* marker text */
    out:
    	return 2;
    }
  `;

  it.each([
    ['a pattern', 'pattern: "kfree($E)"'],
    ['a pattern in a scope', 'scope: { function: user }\n    pattern: "return 0;"'],
    ['a pattern without identifiers', 'pattern: "return $X;"'],
    ['a raw query', 'query: "((return_statement) @target)"'],
    ['a scoped raw query', 'scope: { function: other }\n    query: "((return_statement) @target)"'],
    ['a label', 'label: out\n    expect: 1'],
    ['a comment line', 'comment-line: "marker text"\n    text: "/* Xen: note */"'],
    ['a named function', 'function: [unrelated, user]\n    expect: 2'],
    ['a struct scope', 'scope: { struct: ctx }\n    field: a\n    expect: 1'],
    ['a function scope without identifiers', 'scope: { function: other }\n    pattern: "return $X;"'],
    ['a type lookup', 'pattern: "kzalloc(sizeof(*$P), GFP_KERNEL)"\n    types: { T: "*$P" }\n    with: "xzalloc($T)"'],
  ])('leave out bodies but keep every match: %s', (_what, selector) => {
    const kind = selector.includes('with:') ? 'replace' : selector.includes('text:') ? 'insert' : 'delete';
    // A name selector expects each name (an `expect` that allows fewer is an error): it says its count.
    const expectAny = selector.includes('expect:') ? '' : '\n    expect: ">=0"';
    const set = ruleSet(`rules:\n  - id: r\n    kind: ${kind}\n    reason: test\n    ${selector}${expectAny}\n`);
    compare(text, 'in.c', set.rules);
  });

  it('copy only the bodies a rule can match in', () => {
    const set = ruleSet(
      'rules:\n  - id: r\n    kind: delete\n    reason: test\n    pattern: "kfree($E);"\n    expect: 1\n',
    );
    const src = parseSource(text, 'in.c');
    const ctx = matchContext(src, set.rules);
    const bodies = (ctx.flat.byType.get('function_definition') ?? []).map((f) =>
      f.children.find((k) => k.field === 'body'),
    );
    // Not copied: folded, or (in a tree without errors) the whole function left as a leaf.
    expect(bodies.map((b) => !b || !!b.folded)).toEqual([true, false, true]);
    expect(compare(text, 'in.c', set.rules)).toBeGreaterThan(0);
  });

  it('copy no body for rules on whole functions and structs, but the body of a scope', () => {
    const set = ruleSet(
      'rules:\n  - id: a\n    kind: delete\n    reason: test\n    function: [unrelated, user]\n    expect: 2\n  - id: b\n    kind: delete\n    reason: test\n    scope: { function: other }\n    label: out\n    expect: 1\n',
    );
    const ctx = matchContext(parseSource(text, 'in.c'), set.rules);
    const bodies = (ctx.flat.byType.get('function_definition') ?? []).map((f) =>
      f.children.find((k) => k.field === 'body'),
    );
    expect(bodies.map((b) => !!b?.folded)).toEqual([true, true, false]);
    compare(text, 'in.c', set.rules);
  });

  it('copy a body that defines a named function or struct inside it', () => {
    const nested = c`
      static int outer(void)
      {
      	struct inner { int b; } v;
      	int helper(int x /* ; */) { return x; }
      	return helper(v.b);
      }
    `;
    for (const sel of ['function: helper', 'struct: inner']) {
      const set = ruleSet(`rules:\n  - id: r\n    kind: delete\n    reason: test\n    ${sel}\n    expect: 1\n`);
      const ctx = matchContext(parseSource(nested, 'in.c'), set.rules);
      expect(matchRules(ctx, set.rules).results[0].matches).toHaveLength(1);
      compare(nested, 'in.c', set.rules);
    }
  });

  it('run a rule on the whole tree when a function it names is not among the copied items', () => {
    // tree-sitter reads an iterator macro the hints do not know, with a block, as a function definition named `node`.
    const iter = c`
      static void walk(void)
      {
      	walk_cpu_nodes(node) {
      		use(node);
      	}
      }
    `;
    for (const sel of ['function: node', 'scope: { function: node }\n    pattern: "use($X)"']) {
      const set = ruleSet(`rules:\n  - id: r\n    kind: delete\n    reason: test\n    ${sel}\n    expect: 1\n`);
      const ctx = matchContext(parseSource(iter, 'in.c'), set.rules);
      expect(ctx.flat.byType.get('function_definition')?.length).toBe(1);
      expect(matchRules(ctx, set.rules).results[0].matches).toHaveLength(1);
      compare(iter, 'in.c', set.rules);
    }
  });

  it('name what is inside folded bodies in drift hints', () => {
    const set = ruleSet('rules:\n  - id: r\n    kind: delete\n    reason: test\n    label: oot\n    expect: 1\n');
    const src = parseSource(text, 'in.c');
    const folded = matchRules(matchContext(src, set.rules), set.rules).diagnostics;
    expect(folded.map((d) => d.hint)).toEqual([expect.stringContaining('similar: out')]);
  });

  it('mark a folded body that holds a syntax error', () => {
    const broken = c`
      static int f(void)
      {
      	return (1 +;
      }
      static int g(void)
      {
      	return 1;
      }
    `;
    const src = parseSource(broken, 'in.c');
    const flat = flatten(src.tree, { keepBody: () => false });
    const bodies = (flat.byType.get('function_definition') ?? []).map((f) =>
      f.children.find((k) => k.field === 'body'),
    );
    expect(bodies.map((b) => b?.folded)).toEqual([{ hasError: true }, { hasError: false }]);
    expect(bodies.map((b) => b?.children.length)).toEqual([0, 0]);
  });

  it('copy only the items and statements holding the words, in a tree without errors', () => {
    const set = ruleSet(
      'rules:\n  - id: r\n    kind: delete\n    reason: test\n    pattern: "kfree($E);"\n    expect: 1\n' +
        '  - id: f\n    kind: delete\n    reason: test\n    function: unrelated\n    expect: 1\n',
    );
    const ctx = matchContext(parseSource(text, 'in.c'), set.rules);
    const leaf = (type: string): boolean[] =>
      (ctx.flat.byType.get(type) ?? []).map((n) => n.children.length === 0 && !n.folded);
    // `struct ctx { int a; };` holds no rule's words: a leaf; so is `other`, a function without them.
    expect(leaf('struct_specifier')[0]).toBe(true);
    expect(leaf('function_definition')).toEqual([false, false, true]);
    // In user(): the call's statement is copied, the assignment and the return are leaves.
    expect(leaf('expression_statement')).toEqual([true, false]);
    expect(leaf('return_statement')).toEqual([true]);
    expect(ctx.flat.byType.get('call_expression')?.length).toBe(1);
    expect(compare(text, 'in.c', set.rules)).toBeGreaterThan(0);
  });

  it('keep statements whole for a rule that may span them, and items for a type lookup', () => {
    const spans = ruleSet(
      'rules:\n  - id: r\n    kind: delete\n    reason: test\n    pattern: "kfree($E); return 0;"\n    expect: 1\n',
    );
    let ctx = matchContext(parseSource(text, 'in.c'), spans.rules);
    expect(ctx.flat.byType.get('call_expression')?.length).toBe(2);
    compare(text, 'in.c', spans.rules);
    const typed = ruleSet(
      'rules:\n  - id: r\n    kind: replace\n    reason: test\n    pattern: "kzalloc(sizeof(*$P), GFP_KERNEL)"\n    types: { T: "*$P" }\n    with: "xzalloc($T)"\n',
    );
    ctx = matchContext(parseSource(text, 'in.c'), typed.rules);
    expect(ctx.flat.byType.get('field_declaration')?.length).toBe(1);
    compare(text, 'in.c', typed.rules);
  });

  it('cut no item or statement in a tree with syntax errors', () => {
    const broken = `${text}\nstatic int g(void) { return (1 +; }\n`;
    const set = ruleSet('rules:\n  - id: r\n    kind: delete\n    reason: test\n    pattern: "kfree($E);"\n');
    const src = parseSource(broken, 'in.c');
    expect(src.tree.rootNode.hasError).toBe(true);
    const ctx = matchContext(src, set.rules);
    expect(ctx.flat.byType.get('field_declaration')?.length).toBe(1);
    expect(ctx.flat.byType.get('call_expression')?.length).toBe(2);
    compare(broken, 'in.c', set.rules);
  });
});
