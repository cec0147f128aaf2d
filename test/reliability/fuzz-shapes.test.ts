/**
 * Bounded fuzz of the issue 10 shapes (67 cases, scripts/fuzz/shapes.ts): path escapes in rule
 * entries and block files never leak an outside file and are refused; pathological patterns end
 * with an output or a diagnostic; a permuted rule tree ports the example to the same bytes.
 * `npm run fuzz` runs many more.
 */
import { boundedRun } from './fuzz-helpers';

test('path escapes, pathological patterns and order permutations', async () => {
  const results = await boundedRun(['shapes:']);
  expect(results.map((r) => r.name).sort()).toEqual(['shapes:order', 'shapes:paths', 'shapes:patterns']);
  const failures = results.filter((r) => r.failed).map((r) => `${r.name}\n${r.report}`);
  expect(failures).toEqual([]);
  const all = results.flatMap((r) => Object.keys(r.outcomes));
  expect(all).toEqual(expect.arrayContaining(['XP120', 'XP121', 'XP106', 'same']));
});
