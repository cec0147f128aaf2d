/**
 * The xen-api library's rule tests (rules/xen-api/<group>/tests/<rule-id>.yaml) run through
 * `xenport test`, so they stay in `npm test`; every library rule has one.
 */
import * as fs from 'fs';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { discoverRuleTests } from '../../src/golden';
import { library } from './helpers';

describe('xen-api rule tests', () => {
  it('every library rule has a rule test file', () => {
    const tested = new Set(discoverRuleTests(path.join('rules', 'xen-api')).map((f) => path.basename(f, '.yaml')));
    const untested = library()
      .rules.map((r) => r.id)
      .filter((id) => !tested.has(id));
    expect(untested).toEqual([]);
  });

  it('xenport test rules/xen-api passes every rule test', async () => {
    const out = bufferConsole();
    const code = await main(['test', path.join('rules', 'xen-api')], out);
    const files = discoverRuleTests(path.join('rules', 'xen-api'));
    expect(out.out).toContain(`rule tests: ${files.length} passed, 0 failed`);
    expect(code).toBe(0);
    for (const f of files) expect(fs.readFileSync(f, 'utf8')).toMatch(/^invalid:/m);
  });
});
