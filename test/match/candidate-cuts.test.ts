/**
 * The candidates a pattern skips (src/match/structural.ts): with a scope, a one-node pattern those
 * that cannot decide a match inside it (`candidatesWithin`); with the offsets of an identifier of
 * its first node, any pattern those that hold none. On every pattern rule of the shipped rule sets
 * over their corpus inputs, and on cases built for the outermost-match rule, the matches are those
 * of trying every candidate.
 */
import * as fs from 'fs';
import * as path from 'path';
import { matchContext } from '../../src/match';
import type { MatchContext } from '../../src/match';
import { findStructural } from '../../src/match/structural';
import { itemRange, itemsOf, select } from '../../src/match/selectors';
import { identifiersOf } from '../../src/match/pattern';
import type { CompiledPattern } from '../../src/match/pattern';
import { parseSource } from '../../src/parse';
import { WordIndex } from '../../src/match/words';
import { loadRuleSet } from '../../src/rules';
import type { Rule } from '../../src/rules/types';
import { c, ruleSet } from '../core/helpers';
import { CORPUS, CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

type Range = { start: number; end: number };

/** The scope ranges of `rule` in `ctx`, as the match stage makes them. */
function scopeOf(ctx: MatchContext, rule: Rule): Range[] {
  const ranges: Range[] = [];
  for (const [kind, names] of [
    ['function', rule.scope.functions],
    ['struct', rule.scope.structs],
  ] as const)
    for (const item of itemsOf(ctx, kind)) if (names.includes(item.name)) ranges.push(itemRange(item, ctx.src.text));
  return ranges;
}

/** Matches inside `ranges`: with the candidates cut to the ranges, and with every candidate tried. */
function both(ctx: MatchContext, pattern: CompiledPattern, ranges: Range[]): [string[], string[]] {
  const inside = (m: Range): boolean => ranges.some((r) => r.start <= m.start && m.end <= r.end);
  const show = (ms: ReturnType<typeof findStructural>): string[] =>
    ms.filter(inside).map((m) => `${m.start}-${m.end} ${[...m.captures.keys()].join(',')}`);
  const masked = ctx.src.masked;
  return [
    show(findStructural(pattern, ctx.byNormType, masked, ranges)),
    show(findStructural(pattern, ctx.byNormType, masked)),
  ];
}

const real = [
  { rules: 'rules/smmu-v1v2', input: 'smmu-v1v2-2015/linux.c' },
  { rules: 'rules/smmu-v3-2021', input: 'smmu-v3-2021/xen-step2.c' },
  { rules: 'rules/smmu-v3', input: 'smmu-v3-2021/upgrade-10/linux-after.c' },
  { rules: 'rules/smmu-v3-2022', input: 'smmu-v3-2021/upgrade-3/linux-after.c' },
  { rules: 'rules/ubsan', input: 'ubsan-2017/linux.c' },
];

describe('one-node patterns', () => {
  itWithCorpus.each(real)(
    `find the same matches in scope as when every candidate is tried: $rules on $input${CORPUS_SKIP_REASON}`,
    ({ rules, input }) => {
      const set = loadRuleSet(path.resolve(rules)).ruleSet;
      const text = fs.readFileSync(path.join(CORPUS.dir, input), 'utf8');
      const ctx = matchContext(parseSource(text, path.basename(input)), set?.rules);
      let compared = 0;
      for (const rule of set?.rules ?? []) {
        if (rule.select.type !== 'pattern' || rule.select.pattern.nodes.length !== 1) continue;
        const ranges = scopeOf(ctx, rule);
        if (!ranges.length) continue;
        const [cut, every] = both(ctx, rule.select.pattern, ranges);
        expect({ rule: rule.id, matches: cut }).toEqual({ rule: rule.id, matches: every });
        compared++;
      }
      if (rules !== 'rules/ubsan') expect(compared).toBeGreaterThan(0);
    },
  );

  itWithCorpus.each(real)(
    `find the same matches with the candidates cut to those holding an identifier of the first node: $rules on $input${CORPUS_SKIP_REASON}`,
    ({ rules, input }) => {
      const set = loadRuleSet(path.resolve(rules)).ruleSet;
      const text = fs.readFileSync(path.join(CORPUS.dir, input), 'utf8');
      const ctx = matchContext(parseSource(text, path.basename(input)), set?.rules);
      const words = new WordIndex(ctx.src.masked);
      const show = (ms: ReturnType<typeof findStructural>): string[] =>
        ms.map((m) => `${m.start}-${m.end} ${[...m.captures.keys()].join(',')}`);
      let compared = 0;
      for (const rule of set?.rules ?? []) {
        if (rule.select.type !== 'pattern') continue;
        const { pattern } = rule.select;
        const every = show(findStructural(pattern, ctx.byNormType, ctx.src.masked));
        for (const lit of identifiersOf(pattern.nodes[0])) {
          const literal = { at: words.positions(lit), length: lit.length };
          const cut = findStructural(pattern, ctx.byNormType, ctx.src.masked, undefined, literal);
          expect({ rule: rule.id, lit, matches: show(cut) }).toEqual({ rule: rule.id, lit, matches: every });
          compared++;
        }
        // The selector picks its identifier itself, from the offsets the context's fold found.
        expect({ rule: rule.id, matches: show(select(ctx, rule.select)) }).toEqual({ rule: rule.id, matches: every });
      }
      if (rules !== 'rules/ubsan') expect(compared).toBeGreaterThan(0);
    },
  );

  test('an outer node that matches still hides the matches inside the scope (the outermost wins)', () => {
    const text = c`
      struct outer {
      	struct inner {
      		int a;
      	} in;
      };
      struct other {
      	int c;
      };
    `;
    const yaml = (struct: string): string =>
      `rules:\n  - id: s\n    kind: disable\n    reason: r\n    scope: { struct: ${struct} }\n    pattern: "struct $S { $$$ };"\n`;
    const set = ruleSet(yaml('inner'));
    const ctx = matchContext(parseSource(text, 'in.c'), set.rules);
    const rule = set.rules[0];
    if (rule.select.type !== 'pattern') throw new Error('not a pattern');
    const ranges = scopeOf(ctx, rule);
    expect(ranges).toHaveLength(1);
    const [cut, every] = both(ctx, rule.select.pattern, ranges);
    // `struct outer` matches first and hides `struct inner`: nothing inside the scope, either way.
    expect(cut).toEqual([]);
    expect(every).toEqual([]);
    // With the scope on `other`, its own struct matches, either way.
    const set2 = ruleSet(yaml('other'));
    const ctx2 = matchContext(parseSource(text, 'in.c'), set2.rules);
    const rule2 = set2.rules[0];
    if (rule2.select.type !== 'pattern') throw new Error('not a pattern');
    const [cut2, every2] = both(ctx2, rule2.select.pattern, scopeOf(ctx2, rule2));
    expect(cut2).toHaveLength(1);
    expect(cut2).toEqual(every2);
  });
});
