/**
 * Matching inside `#define` bodies (src/parse/macro-bodies.ts, src/match/macro-graft.ts) and what a
 * port does with those matches (src/edit/macro-bodies.ts): calls in multi-line macro bodies are
 * found by a scan at their own line and column and rewritten by a one-line `replace`; kinds that
 * would add lines or directives leave the body alone and say so (XP212). The C is made up.
 */
import { c, codes, portWith } from '../core/helpers';
import { parseRuleFile } from '../../src/rules';
import { Prefilter, scanText } from '../../src/scan';
import * as fs from 'fs';
import * as path from 'path';
import { flatten, normType } from '../../src/match';
import type { FlatTree, FNode } from '../../src/match';
import { MACRO_BODY, macroBodyFilter, withMacroBodies } from '../../src/match/macro-graft';
import { indexByNormType } from '../../src/match/structural';
import { parseSource } from '../../src/parse';
import { CORPUS, CORPUS_SKIP_REASON, itWithCorpus } from '../core/corpus-gate';

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

describe('which #define bodies are parsed, and the index they are grafted into', () => {
  const SCOPED = `rules:
  - id: scoped
    kind: replace
    comment: none
    scope: { function: f }
    pattern: "x_free(0)"
    with: "y_free(0)"
`;
  const TEXT = c`
    #define TOP() x_free(0)
    #ifdef CONFIG_S
    #define TOP_IN_IFDEF() x_free(0)
    #endif
    struct s {
    #define IN_S() x_free(0)
    	int a;
    };
    static void f(void)
    {
    #define IN_F() x_free(0)
    	IN_F();
    }
  `;
  const at = (name: string): number => TEXT.indexOf('x_free', TEXT.indexOf(name));

  test('a rule with a scope counts only for bodies that may lie in a function or a struct', () => {
    const { rules } = parseRuleFile(SCOPED, 'rules.yaml');
    const src = parseSource(TEXT, 'in.c');
    const filter = macroBodyFilter(src.masked, rules, undefined, src.tree);
    const keep = (name: string): boolean | undefined => filter?.keep(at(name), at(name) + 'x_free(0)'.length);
    expect([keep('TOP()'), keep('TOP_IN_IFDEF()'), keep('IN_S()'), keep('IN_F()')]).toEqual([false, false, true, true]);
    // Without the tree, or without the scope, every body holding the words counts.
    const blind = macroBodyFilter(src.masked, rules);
    expect(blind?.keep(at('TOP()'), at('TOP()') + 9)).toBe(true);
    const unscoped = parseRuleFile(SCOPED.replace('    scope: { function: f }\n', ''), 'rules.yaml').rules;
    expect(macroBodyFilter(src.masked, unscoped, undefined, src.tree)?.keep(at('TOP()'), at('TOP()') + 9)).toBe(true);
  });

  test('a scoped rule still rewrites a body inside its function, and only there', () => {
    const r = portWith(TEXT, SCOPED);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('#define IN_F() y_free(0)');
    expect(r.output.match(/x_free\(0\)/g)).toHaveLength(3);
  });

  /** The index as it was first made: every node of the file and of the bodies in document order, then indexed. */
  function reference(flat: FlatTree, grafted: Map<string, FNode[]>): Map<string, FNode[]> {
    const bodies: FNode[] = [];
    for (const list of grafted.values())
      for (const n of list) {
        let b: FNode | null = n;
        while (b && b.type !== MACRO_BODY) b = b.parent;
        if (b && !bodies.includes(b)) bodies.push(b);
      }
    bodies.sort((a, b) => a.start - b.start);
    const extra: FNode[] = [];
    const walk = (n: FNode): void => {
      extra.push(n);
      n.children.forEach(walk);
    };
    for (const b of bodies) b.children.forEach(walk);
    const all: FNode[] = [];
    let j = 0;
    for (const n of flat.all) {
      while (j < extra.length && extra[j].start < n.start) all.push(extra[j++]);
      if (!bodies.some((b) => b.start <= n.start && n.end <= b.end)) all.push(n);
    }
    all.push(...extra.slice(j));
    return indexByNormType(all);
  }

  itWithCorpus.each(['smmu-v3-2021/xen-step2.c', 'smmu-v1v2-2015/linux.c', 'ubsan-2017/linux.c'])(
    `hold the same lists as an index of every node in document order: every body of %s${CORPUS_SKIP_REASON}`,
    (file) => {
      const text = fs.readFileSync(path.join(CORPUS.dir, file), 'utf8');
      const src = parseSource(text, file);
      const flat = flatten(src.tree, { indexKey: normType });
      const grafted = withMacroBodies(flat, src, { keep: () => true }, flat.byKey as Map<string, FNode[]>);
      expect(grafted).not.toBe(flat.byKey);
      const want = reference(flat, grafted);
      expect([...grafted.keys()].sort()).toEqual([...want.keys()].sort());
      for (const [key, list] of want) expect(grafted.get(key)).toEqual(list);
    },
  );
});
