/**
 * Bounded fuzz of file shapes (issue 10): FIFOs, device nodes, folders, symbolic and hard links,
 * missing files and other inputs' names as the Linux input, --xen, --base and -o, through the
 * built CLI in child processes (scripts/fuzz/files.ts). Needs `npm run build` (npm test runs it).
 */
import { checkBuilt } from '../../scripts/fuzz/files';
import { boundedRun } from './fuzz-helpers';

test('inputs and outputs of every file kind: no hang, no crash, nothing replaced that is not a regular output', async () => {
  checkBuilt();
  const results = await boundedRun(['files:']);
  expect(results.map((r) => r.name)).toEqual(['files:example']);
  expect(results.filter((r) => r.failed).map((r) => `${r.name}\n${r.report}`)).toEqual([]);
  // Both outcomes must occur: ports that wrote (exit 0) and refusals.
  const outcomes = Object.keys(results[0].outcomes);
  expect(outcomes).toContain('exit 0');
  expect(outcomes.some((o) => o !== 'exit 0')).toBe(true);
});
