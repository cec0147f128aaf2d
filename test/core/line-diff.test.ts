/**
 * The carry-over's line diff (src/blocks/line-diff.ts) must give jsdiff's `diffArrays` result
 * exactly, ties included: block texts are cut where the diff puts them.
 */
import { diffArrays } from 'diff';
import { diffLines } from '../../src/blocks/line-diff';

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
