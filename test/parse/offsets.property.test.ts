/**
 * Property: shaping never moves an offset. Over the Linux-side corpus files, with random kernel
 * macro uses spliced in at line starts, the shaped text has the original's length and newlines,
 * and every node of the tree maps to the same text range, line and column in the original; the
 * leaves the shaping did not touch read the same text in both.
 */
import * as fs from 'fs';
import * as path from 'path';
import fc from 'fast-check';
import { externalCorpus } from '../../src/golden/cases';
import { LineIndex } from '../../src/diagnostics';
import { parseSource } from '../../src/parse';
import type { SyntaxNode } from '../../src/parse';

const corpus = externalCorpus();
const files = corpus.present
  ? ['smmu-v1v2-2015/linux.c', 'smmu-v3-2021/linux.c', 'ubsan-2017/linux.c', 'smmu-v3-2021/upgrade-9/linux-after.h']
      .map((f) => path.join(corpus.dir, f))
      .filter((f) => fs.existsSync(f))
  : [];

const ident = fc.stringMatching(/^[a-z_][a-z0-9_]{0,8}$/);
const type = fc.constantFrom('struct foo', 'unsigned long', 'int', 'const struct a_b *', 'u32');
/** Random macro uses of every shape, some malformed (unbalanced, cut short). */
const use = fc.oneof(
  fc.tuple(ident, ident).map(([a, b]) => `\tlist_for_each_entry(${a}, &${b}, node) {\n\t\tg(${a});\n\t}\n`),
  fc.tuple(ident, type).map(([a, t]) => `\tx = container_of(${a}, ${t}, m) + min_t(${t}, ${a}, 3);\n`),
  fc.tuple(ident, fc.nat(99)).map(([a, n]) => `\tDECLARE_BITMAP(${a}, ${n});\n`),
  fc.tuple(ident, ident).map(([a, b]) => `static DEFINE_RATELIMIT_STATE(${a},\n\t\t${b}, 3);\n`),
  fc.constantFrom(
    '\tfor_each_set_bit(i, map, 8\n',
    '\ttypeof(*p) *q = p;\n',
    '} __packed ____cacheline_aligned;\n',
    '#ifdef X\n\ta |\n#endif\n',
    '\tSET_RUNTIME_PM_OPS(a, b, NULL)\n',
    'err:\n}\n',
    '\tcontainer_of(p, struct\n',
  ),
);

/** Each node's type, range, start position and whether it is a leaf, read through a cursor. */
function* nodes(
  root: SyntaxNode,
): Generator<{ type: string; start: number; end: number; row: number; column: number; leaf: boolean }> {
  const c = root.walk();
  for (;;) {
    const leaf = !c.gotoFirstChild();
    if (!leaf) c.gotoParent();
    yield {
      type: c.nodeType,
      start: c.startIndex,
      end: c.endIndex,
      row: c.startPosition.row,
      column: c.startPosition.column,
      leaf,
    };
    if (!leaf) {
      c.gotoFirstChild();
      continue;
    }
    while (!c.gotoNextSibling()) if (!c.gotoParent()) return;
  }
}

const maybe = files.length ? describe : describe.skip;
maybe('shaping keeps every offset (property, over the corpus)', () => {
  const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
  it('every node maps to the same range, line and column in the original text', () => {
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.array(fc.tuple(fc.nat(), use), { minLength: 1, maxLength: 6 }),
        (which, splices) => {
          const lines = texts[which].split('\n');
          for (const [at, u] of splices) lines.splice(at % lines.length, 0, u);
          const text = lines.join('\n');
          const src = parseSource(text, 'x.c');
          expect(src.shaped).toHaveLength(text.length);
          expect(src.masked).toHaveLength(text.length);
          const nl = (s: string): number[] => [...s.matchAll(/\n/g)].map((m) => m.index as number);
          expect(nl(src.shaped)).toEqual(nl(text));
          const index = new LineIndex(text);
          let count = 0;
          for (const n of nodes(src.tree.rootNode)) {
            const p = index.position(n.start);
            if (p.line - 1 !== n.row || p.col - 1 !== n.column)
              throw new Error(`node ${n.type} at ${n.start}: ${n.row}:${n.column} vs ${p.line}:${p.col}`);
            // A leaf the shaping did not touch reads the original text
            // (annotations aside: they are blanks, not leaves).
            const shaped = src.shaped.slice(n.start, n.end);
            if (
              n.leaf &&
              n.type !== 'comment' &&
              shaped === src.masked.slice(n.start, n.end) &&
              shaped !== text.slice(n.start, n.end)
            )
              throw new Error(`leaf ${n.type} '${shaped}' differs from the original '${text.slice(n.start, n.end)}'`);
            count++;
          }
          expect(count).toBeGreaterThan(100);
          // Node text, as rules and queries read it, is the masked original, never the shaped text.
          const root = src.tree.rootNode;
          expect(root.text).toBe(src.masked.slice(root.startIndex, root.endIndex));
        },
      ),
      { numRuns: Number(process.env.XP_RUNS ?? 8) },
    );
  });
});
