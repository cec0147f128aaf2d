/**
 * The range index of the edit stage (src/edit/containing.ts) must answer exactly what trying every
 * range answers: nested rewrites and edits inside deletions are resolved through it.
 */
import fc from 'fast-check';
import { ContainingIndex } from '../../src/edit/containing';

const range = fc.tuple(fc.nat(60), fc.nat(20)).map(([start, len]) => ({ start, end: start + len }));

test('the ranges containing a range are those a full scan finds', () => {
  fc.assert(
    fc.property(fc.array(range, { maxLength: 40 }), fc.array(range, { maxLength: 20 }), (ranges, queries) => {
      const index = new ContainingIndex(ranges);
      for (const q of queries) {
        const want = ranges.flatMap((r, i) => (r.start <= q.start && q.end <= r.end ? [i] : []));
        expect(index.containing(q.start, q.end).sort((a, b) => a - b)).toEqual(want);
      }
    }),
    { numRuns: 2000, seed: 14 },
  );
});

test('an empty index contains nothing', () => {
  expect(new ContainingIndex([]).containing(0, 0)).toEqual([]);
});
