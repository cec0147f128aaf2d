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
});
