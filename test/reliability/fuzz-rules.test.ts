/**
 * Bounded fuzz of rule files (1,320 cases): YAML text mutations, wrong types, huge values,
 * rules copied hundreds of times, mutated manifests. Loading never throws; rules that load port
 * the example driver without throwing, deterministically.
 */
import { boundedRun } from './fuzz-helpers';

test('mutated rule files and manifests: diagnostics, never an exception', async () => {
  const results = await boundedRun(['rules:']);
  expect(results.map((r) => r.name).sort()).toEqual(['rules:manifest', 'rules:text', 'rules:values']);
  const failures = results.filter((r) => r.failed).map((r) => `${r.name}\n${r.report}`);
  expect(failures).toEqual([]);
  const all = results.flatMap((r) => Object.keys(r.outcomes));
  expect(all).toContain('loaded');
  expect(all).toContain('XP102');
});
