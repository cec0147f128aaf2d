/**
 * Matching inside `#define` bodies (src/parse/macro-bodies.ts, src/match/macro-graft.ts) and what a
 * port does with those matches (src/edit/macro-bodies.ts): calls in multi-line macro bodies are
 * found by a scan at their own line and column and rewritten by a one-line `replace`; kinds that
 * would add lines or directives leave the body alone and say so (XP212). The C is made up.
 */
import { c, codes, portWith } from '../core/helpers';
import { parseRuleFile } from '../../src/rules';
import { Prefilter, scanText } from '../../src/scan';
import { macroBodyFilter } from '../../src/match/macro-graft';

const RULES = `rules:
  - id: kfree-to-xfree
    kind: replace
    comment: none
    pattern: "kfree($E)"
    with: "xfree($E)"
  - id: stamp
    kind: replace
    comment: none
    pattern: "ktime_get()"
    with: "NOW()"
`;

// A do-while body with a comment inside (tree-sitter reads the whole #define as an ERROR then), a
// GNU statement expression, an expression body, and a macro that defines a function with a pasted
// name: every call to kfree or ktime_get below is a match.
const C = `struct pool { void *slab; void *spare; };

#define POOL_DROP(p) do { \\
\t/* slab first, then the spare */ \\
\tkfree((p)->slab); \\
\tkfree((p)->spare); \\
} while (0)

#define POOL_AGE(t) ({ \\
\tlong __now = ktime_get(); \\
\t__now - (t); \\
})

#define POOL_FREE_ONE(x) kfree(x)

#define POOL_DEFINE_RESET(name) \\
static void pool_##name##_reset(struct pool *p) \\
{ \\
\tkfree(p->slab); \\
}

static void pool_put(struct pool *p)
{
\tkfree(p);
}
`;

function scan(text: string, yaml = RULES): Array<[number, number, string]> {
  const { rules } = parseRuleFile(yaml, 'rules.yaml');
  const r = scanText(text, 'pool.c', rules, new Prefilter(rules));
  return r.hits.map((h) => [h.line, h.col, rules[h.rule].id]);
}

describe('matches inside #define bodies', () => {
  test('a scan finds the calls of multi-line and one-line macro bodies at their own line and column', () => {
    expect(scan(C)).toEqual([
      [5, 2, 'kfree-to-xfree'],
      [6, 2, 'kfree-to-xfree'],
      [10, 15, 'stamp'],
      [14, 26, 'kfree-to-xfree'],
      [19, 2, 'kfree-to-xfree'],
      [24, 2, 'kfree-to-xfree'],
    ]);
  });

  test('a port rewrites them with a one-line replace and keeps every line splice', () => {
    const r = portWith(C, RULES);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(codes(r.diagnostics, 'warning').filter((c) => c !== 'XP007')).toEqual([]);
    const lines = r.output.split('\n');
    expect(lines[4]).toBe('\txfree((p)->slab); \\');
    expect(lines[5]).toBe('\txfree((p)->spare); \\');
    expect(lines[9]).toBe('\tlong __now = NOW(); \\');
    expect(lines[13]).toBe('#define POOL_FREE_ONE(x) xfree(x)');
    expect(lines[18]).toBe('\txfree(p->slab); \\');
    expect(lines[23]).toBe('\txfree(p);');
    expect(r.output).not.toContain('kfree');
  });

  test('the wrapper a body is parsed in adds nothing to a match: a statement pattern needs the semicolon', () => {
    const yaml = `rules:\n  - id: stmt\n    kind: replace\n    comment: none\n    pattern: "kfree($E);"\n    with: "xfree($E);"\n`;
    expect(scan('#define ONE(x) kfree(x)\n#define TWO(x) do { kfree(x); } while (0)\n', yaml)).toEqual([
      [2, 21, 'stmt'],
    ]);
  });

  test('a pattern without words picks the bodies that hold its literal text, and only those', () => {
    const yaml = `rules:\n  - id: nl\n    kind: replace\n    comment: none\n    pattern: '"pool %d"'\n    with: '"pool %d\\n"'\n`;
    const text =
      '#define SAY(n) do { \\\n\tpr_info("pool %d", n); \\\n} while (0)\n#define OTHER(n) pr_info("x %d", n)\n';
    expect(scan(text, yaml)).toEqual([[2, 10, 'nl']]);
    const { rules } = parseRuleFile(yaml, 'rules.yaml');
    const filter = macroBodyFilter(text, rules);
    const other = text.indexOf('pr_info("x');
    expect(filter?.keep(text.indexOf('do {'), other - 1)).toBe(true);
    expect(filter?.keep(other, text.length - 1)).toBe(false);
  });

  test('a #define the conditional pass blanks (inside a broken initializer) is matched as written', () => {
    const text = 'static int t[] = {\n\t1,\n#define DROP(p) do { \\\n\tkfree(p); \\\n} while (0)\n\t3 +,\n};\n';
    expect(scan(text)).toEqual([[4, 2, 'kfree-to-xfree']]);
  });

  test('a typed rule rewrites a global in a body; a macro parameter has no type: XP203 as a warning', () => {
    const yaml = `rules:
  - id: typed
    kind: replace
    comment: none
    pattern: "kzalloc(sizeof(*$P), $F)"
    types: { T: "*$P" }
    with: "xzalloc($T)"
`;
    const text = c`
      struct pool { int n; };
      static struct pool *cur;
      #define POOL_NEW(p) do { \\
      \t(p) = kzalloc(sizeof(*(p)), GFP_KERNEL); \\
      \tcur = kzalloc(sizeof(*cur), GFP_KERNEL); \\
      } while (0)
    `;
    const r = portWith(text, yaml);
    expect(codes(r.diagnostics)).toEqual([]);
    const w = r.diagnostics.filter((d) => d.code === 'XP203');
    expect(w.map((d) => [d.severity, d.location?.line])).toEqual([['warning', 4]]);
    expect(w[0].message).toMatch(/inside a #define body; not rewritten/);
    expect(r.output).toContain('\t(p) = kzalloc(sizeof(*(p)), GFP_KERNEL); \\\n\tcur = xzalloc(struct pool); \\\n');
  });

  test('kinds that add lines or directives leave a body alone, with XP212 at the match', () => {
    const yaml = `rules:
  - id: no-free
    kind: disable
    reason: Xen frees elsewhere
    pattern: "kfree($E);"
  - id: wide
    kind: replace
    comment: none
    pattern: "ktime_get()"
    with: "NOW(\\n)"
`;
    const r = portWith(C, yaml);
    const xp212 = r.diagnostics.filter((d) => d.code === 'XP212');
    expect(xp212.map((d) => [d.location?.line, d.ruleId])).toEqual([
      [5, 'no-free'],
      [6, 'no-free'],
      [10, 'wide'],
      [19, 'no-free'],
    ]);
    expect(xp212[0].message).toMatch(/'disable' rule adds or removes lines/);
    expect(xp212[2].message).toMatch(/template has several lines/);
    // The statement in the function is disabled; the macro bodies are as written.
    expect(r.output).toContain('#if 0 /* Xen: Xen frees elsewhere */\n\tkfree(p);\n#endif');
    expect(r.output.split('\n').slice(0, 20).join('\n')).toBe(C.split('\n').slice(0, 20).join('\n'));
  });

  test('a one-line replace with a reason comment on a line of its own is not applied inside a body', () => {
    const yaml = `rules:\n  - id: f\n    kind: replace\n    reason: Xen frees with xfree\n    pattern: "kfree($E)"\n    with: "xfree($E)"\n`;
    const r = portWith('#define DROP(p) do { \\\n\tkfree(p); \\\n} while (0)\n', yaml);
    expect(r.diagnostics.filter((d) => d.code === 'XP212').map((d) => d.message)).toEqual([
      "rule 'f': match inside a #define body not edited: its reason comment (comment: above) needs a line of its own",
    ]);
    expect(r.output).toContain('\tkfree(p); \\');
  });
});
