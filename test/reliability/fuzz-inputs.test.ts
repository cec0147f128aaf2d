/**
 * Bounded fuzz of C inputs (770 cases): mutated corpus files through port() and through
 * the CLI. Properties in scripts/fuzz/properties.ts; the long run is `npm run fuzz`.
 */
import { boundedRun } from './fuzz-helpers';

test('mutated Linux inputs: no crash, no half write, no new syntax errors, deterministic', async () => {
  const results = await boundedRun(['port:', 'cli:']);
  expect(results.length).toBeGreaterThan(0);
  const failures = results.filter((r) => r.failed).map((r) => `${r.name}\n${r.report}`);
  expect(failures).toEqual([]);
  // The harness must exercise both outcomes: outputs written and ports refused with a diagnostic.
  const all = results.flatMap((r) => Object.keys(r.outcomes));
  expect(all).toContain('written');
  expect(all.some((o) => /^XP\d{3}$/.test(o))).toBe(true);
});
