/**
 * Each macro shape in patterns: the pattern compiles through the same hints as the input and
 * matches the uses it spells out, binding metavariables to original text.
 */
import { compilePattern } from '../../src/match/pattern';
import { flatten } from '../../src/match/flat';
import { findStructural, indexByNormType } from '../../src/match/structural';
import { buildHints, KERNEL_MACROS, parseSource } from '../../src/parse';

const SRC = `struct s {
\tDECLARE_BITMAP(vmid_map, 64);
\tint a;
};
static int f(struct device *d)
{
\tstruct arm_smmu_master *m = container_of(d, struct arm_smmu_master, dev);
\tstruct other *o = container_of(d, struct other, dev);
\tunsigned long x = min_t(unsigned long, a, b);
\tlist_for_each_entry(p, &head, list) {
\t\tg(p);
\t}
\thlist_for_each_entry(p, &head, list)
\t\tg(p);
\tDECLARE_BITMAP(loc, 8);
\treturn 0;
}
`;

/** Matches of `pattern` in `text`, each as its text and its bindings' texts. */
function matches(
  pattern: string,
  text = SRC,
  hints = buildHints(KERNEL_MACROS),
): Array<{ text: string; captures: Record<string, string> }> {
  const c = compilePattern(pattern, hints);
  if (!c.ok) throw new Error(`${pattern}: ${c.message} at ${c.offset}`);
  const s = parseSource(text, 'in.c', undefined, hints);
  expect(s.syntaxErrors).toEqual([]);
  return findStructural(c.pattern, indexByNormType(flatten(s.tree).all), s.masked).map((m) => ({
    text: s.text.slice(m.start, m.end),
    captures: Object.fromEntries([...m.captures].map(([k, v]) => [k, s.text.slice(v.start, v.end)])),
  }));
}

describe('macro shapes in patterns', () => {
  it('container_of with a type argument', () => {
    expect(matches('container_of($A, struct arm_smmu_master, $C)')).toEqual([
      { text: 'container_of(d, struct arm_smmu_master, dev)', captures: { A: 'd', C: 'dev' } },
    ]);
    expect(matches('container_of($A, $T, $C)').map((m) => m.captures.T)).toEqual([
      'struct arm_smmu_master',
      'struct other',
    ]);
  });

  it('min_t with a metavariable for the type', () => {
    expect(matches('min_t($T, $A, $B)')).toEqual([
      { text: 'min_t(unsigned long, a, b)', captures: { T: 'unsigned long', A: 'a', B: 'b' } },
    ]);
  });

  it('an iterator with its body, told apart from another iterator', () => {
    const m = matches('list_for_each_entry($E, $H, $M) $BODY');
    expect(m).toHaveLength(1);
    expect(m[0].captures).toEqual({ E: 'p', H: '&head', M: 'list', BODY: '{\n\t\tg(p);\n\t}' });
    expect(matches('hlist_for_each_entry($E, $H, list) g($E);').map((x) => x.captures.E)).toEqual(['p']);
  });

  it('a declaration macro, as a struct member and as a local', () => {
    expect(matches('DECLARE_BITMAP($N, $S);').map((x) => x.captures)).toEqual([
      { N: 'vmid_map', S: '64' },
      { N: 'loc', S: '8' },
    ]);
  });

  it("a port's own hints reach patterns and input alike", () => {
    const text = 'void f(void)\n{\n\tmy_walk(x, y) {\n\t\tg(x);\n\t}\n}\n';
    const hints = buildHints(KERNEL_MACROS, { iterator: ['my_walk'] });
    expect(matches('my_walk($A, $B) $S', text, hints)).toHaveLength(1);
    expect(() => matches('my_walk($A, $B) $S', text)).toThrow();
  });
});
