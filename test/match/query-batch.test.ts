/**
 * Raw queries without a scope run over the whole tree in one walk (src/match/query.ts): each source
 * must get exactly the matches it gets when run alone, pattern indexes included.
 */
import { parseSource } from '../../src/parse';
import { prefetchTreeQueries, queryOf, runsInJs, treeQueryMatches } from '../../src/match/query';
import { c } from '../core/helpers';

const text = c`
  /* Fallthrough */
  enum e { A, B };
  static int table[2][3];
  static int f(int x)
  {
  	switch (x) {
  	case A:
  		x++;
  		/* Fallthrough */
  	case B:
  		return x;
  	}
  	return 0;
  }
`;

// Each with a `#set!` (which changes no match): queries without one would run in JavaScript
// (src/match/query-flat.ts), never through tree-sitter's walk.
const sources = [
  '((comment) @target (#eq? @target "/* Fallthrough */") (#set! k "v"))',
  '((case_statement value: (identifier) @v) @target (#match? @v "^B$") (#set! k "v"))',
  '((enum_specifier name: (type_identifier) @n) @target (#eq? @n "e") (#set! k "v"))\n((return_statement) @target)',
  '((identifier) @target (#eq? @target "table") (#set! k "v"))',
];

/** A match as plain data. */
const plain = (ms: ReturnType<typeof treeQueryMatches>): unknown =>
  ms.map((m) => ({
    pattern: m.pattern,
    captures: m.captures.map((k) => [k.name, k.node.startIndex, k.node.endIndex]),
  }));

describe('queries run in one walk', () => {
  it('give each source the matches it gets alone', () => {
    expect(sources.filter(runsInJs)).toEqual([]);
    const alone = parseSource(text, 'in.c');
    const expected = sources.map((s) => plain(queryOf(s).matches(alone.tree.rootNode)));
    const batched = parseSource(text, 'in.c');
    prefetchTreeQueries(batched.tree, sources);
    expect(sources.map((s) => plain(treeQueryMatches(batched.tree, s)))).toEqual(expected);
    // Every source matched something, and the two-pattern one under both of its patterns.
    expect(expected.every((e) => (e as unknown[]).length > 0)).toBe(true);
    expect((expected[2] as Array<{ pattern: number }>).map((m) => m.pattern)).toEqual(expect.arrayContaining([0, 1]));
  });
});
