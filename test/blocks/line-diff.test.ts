/**
 * The carry-over's line diff (src/blocks/line-diff.ts) must give jsdiff's `diffArrays` result
 * exactly, ties included: block texts are cut where the diff puts them. The linear path and the
 * grid Myers (src/blocks/myers-grid.ts) are checked against jsdiff and against the former
 * implementation (myers-oracle.ts) on random cases (XENPORT_DIFF_RUNS=20000 for more) and on pairs
 * of corpus files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { splitLines } from '../../src/blocks';
import { diffLines, insertionsOnly } from '../../src/blocks/line-diff';
import type { LineNumbers } from '../../src/blocks/line-diff';
import { myersRuns } from '../../src/blocks/myers-grid';
import { CORPUS, describeWithCorpus } from '../core/corpus-gate';
import { oracleDiff } from './myers-oracle';

/** A small seeded generator, so that a failure can be replayed. */
function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const shape = (parts: Array<{ value: string[]; count?: number; added?: boolean; removed?: boolean }>) =>
  parts.map((p) => ({ value: p.value, count: p.count, added: !!p.added, removed: !!p.removed }));

test('same parts as jsdiff on random line lists (few distinct lines: many ties)', () => {
  const r = rng(7);
  const line = (alphabet: number) => `l${Math.floor(r() * alphabet)}\n`;
  for (let t = 0; t < 3000; t++) {
    const alphabet = 1 + Math.floor(r() * 4);
    const a = Array.from({ length: Math.floor(r() * 20) }, () => line(alphabet));
    let b: string[];
    if (r() < 0.5) {
      b = a.slice();
      for (let k = Math.floor(r() * 6); k > 0; k--) {
        const i = Math.floor(r() * (b.length + 1));
        if (r() < 0.5) b.splice(i, 0, line(alphabet + 1));
        else b.splice(i, 1);
      }
    } else b = Array.from({ length: Math.floor(r() * 20) }, () => line(alphabet));
    expect(shape(diffLines(a, b))).toEqual(shape(diffArrays(a, b)));
  }
});

test('empty and identical inputs', () => {
  expect(diffLines([], [])).toEqual([]);
  expect(shape(diffLines(['a\n'], ['a\n']))).toEqual(shape(diffArrays(['a\n'], ['a\n'])));
  expect(shape(diffLines([], ['a\n']))).toEqual(shape(diffArrays([], ['a\n'])));
  expect(shape(diffLines(['a\n'], []))).toEqual(shape(diffArrays(['a\n'], [])));
});

describe('"the generated text plus inserted lines" (the carry-over\'s common case)', () => {
  // Lines from a small alphabet, so that the inserted lines often equal kept ones (the ties).
  const lines = (alphabet: number, max: number) =>
    fc.array(
      fc.integer({ min: 0, max: alphabet - 1 }).map((i) => `l${i}\n`),
      { maxLength: max },
    );

  test("gives the former diff and jsdiff's, on one row of the grid", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 5 })
          .chain((alphabet) =>
            fc.tuple(lines(alphabet, 30), fc.array(fc.tuple(fc.nat(), lines(alphabet + 1, 4)), { maxLength: 8 })),
          ),
        ([old, inserts]) => {
          const next = old.slice();
          for (const [at, add] of inserts) next.splice(at % (next.length + 1), 0, ...add);
          // One row: no removal, and one cell per inserted line.
          expect(myersRuns(old, next, next.length - old.length + 1)).toBeDefined();
          const parts = shape(diffLines(old, next));
          expect(parts).toEqual(shape(oracleDiff(old, next)));
          expect(parts).toEqual(shape(diffArrays(old, next)));
          // The linear pass without the grid gives the same parts.
          expect(shape(insertionsOnly(old, next) ?? [])).toEqual(parts);
        },
      ),
      { numRuns: Number(process.env.XENPORT_DIFF_RUNS ?? 5000), seed: 14 },
    );
  });

  test('the linear pass declines when an old line is missing, and the grid answers', () => {
    fc.assert(
      fc.property(lines(3, 20), lines(3, 20), (a, b) => {
        const fast = insertionsOnly(a, b);
        const former = oracleDiff(a, b);
        if (former.some((p) => p.removed)) expect(fast).toBeUndefined();
        else expect(shape(fast!)).toEqual(shape(former));
        expect(shape(diffLines(a, b))).toEqual(shape(former));
      }),
      { numRuns: 5000, seed: 15 },
    );
  });

  test('takes 80,000 old lines with 20,000 inserted (8x an SMMUv1 carry-over) in one row', () => {
    const old = Array.from({ length: 80000 }, (_, i) => (i % 7 === 0 ? '\n' : `line ${i % 997}\n`));
    const next: string[] = [];
    old.forEach((l, i) => (i % 4 === 0 ? next.push('/* xen */\n', l) : next.push(l)));
    expect(myersRuns(old, next, 20001)).toBeDefined();
    const parts = diffLines(old, next);
    expect(parts.filter((p) => p.added).reduce((s, p) => s + p.count, 0)).toBe(20000);
    expect(parts.filter((p) => !p.added).reduce((s, p) => s + p.count, 0)).toBe(80000);
  });
});

describe('the grid Myers gives the former diff exactly', () => {
  // Few distinct lines make many equal candidates (ties); lengths up to 60 make long paths and
  // reach the edges of the edit graph (where jsdiff prunes) from either side.
  const lines = (alphabet: number, max: number) =>
    fc.array(
      fc.integer({ min: 0, max: alphabet - 1 }).map((i) => `l${i}\n`),
      { maxLength: max },
    );
  const runs = Number(process.env.XENPORT_DIFF_RUNS ?? 5000);

  test('on unrelated random line lists', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(lines(n, 60), lines(n, 60))),
        ([a, b]) => {
          const grid = shape(diffLines(a, b));
          expect(grid).toEqual(shape(oracleDiff(a, b)));
          expect(grid).toEqual(shape(diffArrays(a, b)));
        },
      ),
      { numRuns: runs, seed: 16 },
    );
  });

  test('on random edits of a random list (few removals among many insertions, and the reverse)', () => {
    const edit = fc.tuple(fc.nat(), fc.nat({ max: 4 }), lines(5, 6));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5 }).chain((n) => fc.tuple(lines(n, 50), fc.array(edit, { maxLength: 10 }))),
        fc.boolean(),
        ([a, edits], reverse) => {
          const b = a.slice();
          for (const [at, remove, add] of edits) b.splice(at % (b.length + 1), remove, ...add);
          const [x, y] = reverse ? [b, a] : [a, b];
          expect(shape(diffLines(x, y))).toEqual(shape(oracleDiff(x, y)));
        },
      ),
      { numRuns: runs, seed: 17 },
    );
  });

  test("with the new lines' numbers kept from an earlier diff (a watch session's Xen file)", () => {
    let numbered = 0;
    const long = fc.array(
      fc.integer({ min: 0, max: 7 }).map((i) => `l${i}\n`),
      { minLength: 50, maxLength: 80 },
    );
    fc.assert(
      fc.property(long, long, long, (a1, a2, b) => {
        const kept: LineNumbers = {};
        expect(shape(diffLines(a1, b, kept))).toEqual(shape(oracleDiff(a1, b)));
        const first = kept.numbers;
        expect(shape(diffLines(a2, b, kept))).toEqual(shape(oracleDiff(a2, b)));
        if (first && kept.numbers === first) numbered++;
      }),
      { numRuns: 300, seed: 20 },
    );
    // Most of these grids are large enough to number their lines, and the second diff reuses them.
    expect(numbered).toBeGreaterThan(150);
  });

  test('when the grid is over its cap, jsdiff answers (the same parts)', () => {
    fc.assert(
      fc.property(lines(3, 30), lines(3, 30), (a, b) => {
        expect(shape(diffLines(a, b, {}, 4))).toEqual(shape(oracleDiff(a, b)));
      }),
      { numRuns: 500, seed: 18 },
    );
  });
});

describeWithCorpus('the grid Myers on corpus files', () => {
  // (The body of a skipped describe still runs: no corpus, no folders to list.)
  const folders = (dir: string): string[] =>
    CORPUS.present
      ? [
          dir,
          ...fs
            .readdirSync(dir, { withFileTypes: true })
            .filter((e) => e.isDirectory())
            .flatMap((e) => folders(path.join(dir, e.name))),
        ]
      : [];
  const text = (f: string) => splitLines(fs.readFileSync(f, 'utf8'));
  /**
   * Pairs of files of one folder that a port or an upgrade diffs: the Linux and the Xen file, each
   * `-before` file and its `-after` file, each Xen step and the next.
   */
  const pairs = (dir: string): Array<[string, string]> => {
    const names = fs.readdirSync(dir).filter((n) => /\.[ch]$/.test(n));
    const out: Array<[string, string]> = [];
    if (names.includes('linux.c') && names.includes('xen.c')) out.push(['linux.c', 'xen.c']);
    for (const n of names) {
      const after = n.replace('-before.', '-after.');
      if (after !== n && names.includes(after)) out.push([n, after]);
      const step = /^xen-step(\d+)\.c$/.exec(n);
      if (step && names.includes(`xen-step${Number(step[1]) + 1}.c`)) out.push([n, `xen-step${Number(step[1]) + 1}.c`]);
    }
    return out.map(([a, b]) => [path.join(dir, a), path.join(dir, b)]);
  };

  test('every pair a port or an upgrade diffs, both ways', () => {
    const all = folders(CORPUS.dir).flatMap(pairs);
    expect(all.length).toBeGreaterThan(10);
    for (const [f, g] of all) {
      const [a, b] = [text(f), text(g)];
      expect(shape(diffLines(a, b))).toEqual(shape(oracleDiff(a, b)));
      expect(shape(diffLines(b, a))).toEqual(shape(oracleDiff(b, a)));
    }
  });

  test('a Xen file against itself with lines changed, removed and added (a watch run after a rule change)', () => {
    const xen = splitLines(fs.readFileSync(path.join(CORPUS.dir, 'smmu-v1v2-2015', 'xen.c'), 'utf8'));
    const r = rng(19);
    for (let t = 0; t < 20; t++) {
      const gen = xen.filter(() => r() < 0.8);
      for (let k = 1 + Math.floor(r() * 4); k > 0; k--) {
        const i = Math.floor(r() * gen.length);
        gen[i] = r() < 0.5 ? `${gen[i]}/* changed */\n` : gen[i === 0 ? 1 : i - 1];
      }
      expect(shape(diffLines(gen, xen))).toEqual(shape(oracleDiff(gen, xen)));
    }
  });
});
