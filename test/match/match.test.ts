/** Match stage: structural patterns, metavariables, named items, includes, queries, scopes, drift hints. */
import { compilePattern, matchContext, matchRules, similarNames } from '../../src/match';
import { parseSource } from '../../src/parse';
import { c, ruleSet } from '../core/helpers';

const SRC = c`
  #include <linux/io.h>
  #include <asm/io.h>
  static int probe(struct device *dev, int n)
  {
  \t/* a comment */
  \twritel(readl(base +   4), base + 4);
  \twritel(readl(base + 4), other + 4);
  \tfoo(1, 2, 3);
  \tfoo();
  \treturn 0;
  }
`;

function count(yaml: string): number[] {
  const rs = ruleSet(yaml);
  const { results } = matchRules(matchContext(parseSource(SRC, 'in.c')), rs.rules);
  return results.map((r) => r.matches.length);
}

// A name selector expects each name (an `expect` that allows fewer is an error): it gets the default.
const rule = (sel: string, extra = ''): string =>
  `rules:\n  - id: r\n    kind: delete\n    ${sel}\n${/^(function|struct|field|label|macro|call|declaration|signature):/.test(sel) ? '' : '    expect: ">=0"\n'}${extra}`;

describe('structural patterns', () => {
  it('ignore whitespace and comments, and bind a repeated $X to equal text only', () => {
    expect(count(rule('pattern: "writel(readl($A + 4), $A + 4)"'))).toEqual([1]);
    expect(count(rule('pattern: "writel(readl(base + 4), $B)"'))).toEqual([2]);
  });

  it('match sequences with $$$ (zero or more nodes)', () => {
    expect(count(rule('pattern: "foo($$$ARGS)"'))).toEqual([2]);
    expect(count(rule('pattern: "foo($$$A, 3)"'))).toEqual([1]);
  });

  it('match runs of consecutive statements', () => {
    expect(count(rule('pattern: "foo(1, 2, 3); foo();"'))).toEqual([1]);
    expect(count(rule('pattern: "foo(); foo(1, 2, 3);"'))).toEqual([0]);
  });

  it('compile errors point into the pattern', () => {
    const r = compilePattern('foo(a, ');
    expect(r.ok).toBe(false);
    expect(compilePattern('$X').ok).toBe(false);
  });
});

describe('named items, includes, queries and scopes', () => {
  it('select functions, includes by glob, and query targets', () => {
    expect(count(rule('function: probe'))).toEqual([1]);
    expect(count(rule('include: "linux/*"'))).toEqual([1]);
    expect(count(rule('include: "*/io.h"'))).toEqual([2]);
    expect(count(rule('query: "(call_expression function: (identifier) @F (#eq? @F \\"readl\\")) @target"'))).toEqual([
      2,
    ]);
  });

  it('restrict matches to the scope', () => {
    expect(count(rule('pattern: "foo()"', '    scope: { function: probe }\n'))).toEqual([1]);
    expect(count(rule('pattern: "foo()"', '    scope: { function: other }\n'))).toEqual([0]);
  });

  it('report drift with the closest names', () => {
    const rs = ruleSet('rules:\n  - id: r\n    kind: delete\n    function: prob\n');
    const { diagnostics } = matchRules(matchContext(parseSource(SRC, 'in.c')), rs.rules);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'XP200', ruleId: 'r', location: { file: 'rules.yaml', line: 2 } });
    expect(diagnostics[0].hint).toBe("function 'prob' not found; similar: probe");
  });

  it('similar names ignore one-letter names and rank by distance', () => {
    expect(similarNames('arm_smmu_map', ['e', 'arm_smmu_map_pages', 'arm_smmu_unmap', 'zzz'])).toEqual([
      'arm_smmu_unmap',
      'arm_smmu_map_pages',
    ]);
  });
});
