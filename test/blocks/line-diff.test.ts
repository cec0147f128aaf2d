/**
 * The carry-over's line diff (src/blocks/line-diff.ts) must give jsdiff's `diffArrays` result
 * exactly, ties included: block texts are cut where the diff puts them. The linear path is checked
 * against the general diff on 5,000 random cases (XENPORT_DIFF_RUNS=20000 for more).
 */
import { diffArrays } from 'diff';
import fc from 'fast-check';
import { diffLines, insertionsOnly, myersDiff } from '../../src/blocks/line-diff';

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

describe('the linear path for "generated text plus inserted lines"', () => {
  // Lines from a small alphabet, so that the inserted lines often equal kept ones (the ties).
  const lines = (alphabet: number, max: number) =>
    fc.array(
      fc.integer({ min: 0, max: alphabet - 1 }).map((i) => `l${i}\n`),
      { maxLength: max },
    );

  test('gives the general diff whenever the old lines are kept in order', () => {
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
          const fast = insertionsOnly(old, next);
          expect(fast).toBeDefined();
          expect(shape(fast!)).toEqual(shape(myersDiff(old, next)));
          expect(shape(diffLines(old, next))).toEqual(shape(diffArrays(old, next)));
        },
      ),
      { numRuns: Number(process.env.XENPORT_DIFF_RUNS ?? 5000), seed: 14 },
    );
  });

  test('declines when an old line is missing, and the general diff answers', () => {
    fc.assert(
      fc.property(lines(3, 20), lines(3, 20), (a, b) => {
        const fast = insertionsOnly(a, b);
        const general = myersDiff(a, b);
        if (general.some((p) => p.removed)) expect(fast).toBeUndefined();
        else expect(shape(fast!)).toEqual(shape(general));
        expect(shape(diffLines(a, b))).toEqual(shape(diffArrays(a, b)));
      }),
      { numRuns: 5000, seed: 15 },
    );
  });

  test('takes 80,000 old lines with 20,000 inserted (8x an SMMUv1 carry-over)', () => {
    const old = Array.from({ length: 80000 }, (_, i) => (i % 7 === 0 ? '\n' : `line ${i % 997}\n`));
    const next: string[] = [];
    old.forEach((l, i) => (i % 4 === 0 ? next.push('/* xen */\n', l) : next.push(l)));
    const parts = insertionsOnly(old, next)!;
    expect(parts.filter((p) => p.added).reduce((s, p) => s + p.count, 0)).toBe(20000);
    expect(parts.filter((p) => !p.added).reduce((s, p) => s + p.count, 0)).toBe(80000);
  });
});
