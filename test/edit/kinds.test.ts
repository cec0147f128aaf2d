/**
 * The rule-kind cases of test/fixtures/kinds/ (format: docs/testing.md), one test each: the rules
 * are checked and the input ported the way `xenport port` does; the output must equal <case>.res
 * byte for byte, the diagnostics <case>.diag (none when it is absent) and the report the fields of
 * <case>.report.json. A case without .res must be rejected by rules check or fail the port with an
 * error. XENPORT_WRITE_FIXTURES=1 writes .res and .diag from the current results (review the diff).
 */
import * as fs from 'fs';
import { caseFile, kindCases, runCase } from './kind-fixtures';

const cases = kindCases();
const write = process.env.XENPORT_WRITE_FIXTURES === '1';

test('the fixture folder holds the cases of every kind folder', () => {
  // 56 cases moved here from template strings in test/core and test/engine, and the enum: cases.
  expect(cases.length).toBeGreaterThanOrEqual(59);
  for (const c of cases) expect(c.title).not.toBe('');
});

test.each(cases.map((c) => [`${c.kind}/${c.name}`, c.title, c] as const))('%s: %s', (_id, _title, c) => {
  const run = runCase(c);
  if (write) {
    if (run.output !== undefined && !/^error /m.test(run.diag)) fs.writeFileSync(`${c.base}.res`, run.output);
    if (run.diag) fs.writeFileSync(`${c.base}.diag`, run.diag);
  }
  expect(run.diag).toBe(caseFile(c, '.diag') ?? '');
  const res = caseFile(c, '.res');
  if (res === undefined) {
    // No expected output: the case shows a rejection.
    expect(run.rejected || /^error /m.test(run.diag)).toBe(true);
  } else {
    expect(run.rejected).toBe(false);
    expect(run.output).toBe(res);
  }
  const report = caseFile(c, '.report.json');
  if (report !== undefined) expect(run.report).toMatchObject(JSON.parse(report));
});
