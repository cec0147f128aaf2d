/**
 * The match memo (src/match/memo.ts) keeps a file's partial copy while the new rules would copy the
 * same parts: every question the copy asked its fold predicates (bodies, items, statements) must get
 * the same answer; any other answer makes a new copy, which must be the one a fresh context builds.
 */
import { matchContext, matchRules } from '../../src/match';
import { matchMemo } from '../../src/match/memo';
import { parseSource } from '../../src/parse';
import { c, ruleSet } from '../core/helpers';

const text = c`
  struct ctx { int a; };
  static int user(void)
  {
  	struct ctx *p;
  	p = kzalloc(sizeof(*p), GFP_KERNEL);
  	kfree(p);
  	return 0;
  }
`;

const rules = (pattern: string) =>
  ruleSet(`rules:\n  - id: r\n    kind: delete\n    reason: test\n    pattern: "${pattern}"\n    expect: ">=0"\n`)
    .rules;

describe('match memo', () => {
  it('keeps the copy when the fold predicates answer as before, else copies as a fresh context does', () => {
    const src = parseSource(text, 'in.c');
    const memo = matchMemo();
    const first = memo.context(src, rules('kfree($E)'), []);
    expect(memo.context(src, rules('kfree($X)'), [])).toBe(first);
    memo.nextPort();
    // Same bodies (the one function has both words), other statements: a new copy.
    const other = rules('kzalloc($E, GFP_KERNEL)');
    const second = memo.context(src, other, []);
    expect(second).not.toBe(first);
    const fresh = matchContext(src, other);
    expect(second.flat.all.map((n) => `${n.type}@${n.start}-${n.end}`)).toEqual(
      fresh.flat.all.map((n) => `${n.type}@${n.start}-${n.end}`),
    );
    expect(matchRules(second, other).results[0].matches.map((m) => m.start)).toEqual([text.indexOf('kzalloc')]);
  });

  it('parses the #define bodies the new rules pick: again when their words changed, as a fresh context does', () => {
    const macros = c`
      #define FREE_A(p) do { kfree(p); } while (0)
      #define FREE_B(p) do { vfree(p); } while (0)
      static void user(void *p) { FREE_A(p); }
    `;
    const src = parseSource(macros, 'in.c');
    const memo = matchMemo();
    const starts = (ctx: ReturnType<typeof matchContext>, r: ReturnType<typeof rules>) =>
      matchRules(ctx, r).results[0].matches.map((m) => m.start);
    const first = memo.context(src, rules('kfree($E)'), []);
    expect(starts(first, rules('kfree($E)'))).toEqual([macros.indexOf('kfree')]);
    memo.nextPort();
    expect(memo.context(src, rules('kfree($X)'), [])).toBe(first);
    memo.nextPort();
    const other = rules('vfree($E)');
    const second = memo.context(src, other, []);
    expect(starts(second, other)).toEqual(starts(matchContext(src, other), other));
    expect(starts(second, other)).toEqual([macros.indexOf('vfree')]);
  });

  it("keeps what a port derived from an unchanged rule's kept matches; a changed rule or text derives again", () => {
    const src = parseSource(text, 'in.c');
    const memo = matchMemo();
    const portOnce = (rs: ReturnType<typeof rules>, of = text) => {
      const ctx = memo.context(src, rs, []);
      const made: string[] = [];
      const values = matchRules(ctx, rs, memo.run).results.map((r) =>
        memo.derived(r.rule, r.matches, of, 'in.c', () => (made.push(r.rule.id), { id: r.rule.id })),
      );
      memo.nextPort();
      return { values, made };
    };
    const first = portOnce(rules('kfree($E)'));
    expect(first.made).toEqual(['r']);
    // A load of the same rule (a new rule object) takes the kept value.
    const again = portOnce(rules('kfree($E)'));
    expect(again.made).toEqual([]);
    expect(again.values[0]).toBe(first.values[0]);
    expect(portOnce(rules('kfree($X)')).made).toEqual(['r']);
    expect(portOnce(rules('kfree($X)'), `${text} `).made).toEqual(['r']);
  });
});
