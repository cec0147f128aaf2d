/**
 * Drift on a real newer Linux: the SMMUv1 rules (written for the 2015 driver) run on Linux 6.1's
 * arm-smmu.c. Most rules no longer fit; xenport must not crash, must write nothing, and must print
 * a drift report a maintainer can act on. Needs Debian's linux-source-6.1 (.ci/run installs it);
 * skipped with a message elsewhere, except under CI=true where its absence is a failure.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import type { Diagnostic } from '../../src/diagnostics';
import { LINUX_INSTALL_HINT, linuxSourceAvailable, linuxSourcePath } from '../../scripts/linux-source';

// The whole folder, which the folded-body test reads too: one extraction serves both.
const DIR = 'drivers/iommu';
const REL = 'arm/arm-smmu/arm-smmu.c';
const available = linuxSourceAvailable();
if (!available && process.env.CI === 'true')
  throw new Error(`linux-source-6.1 is missing under CI: ${LINUX_INSTALL_HINT}`);
if (!available) console.warn(`skipped: drift on Linux 6.1 needs the Linux source; ${LINUX_INSTALL_HINT}`);
const maybe = available ? describe : describe.skip;

maybe('SMMUv1 rules on Linux 6.1 arm-smmu.c', () => {
  let result: {
    code: number;
    json: { diagnostics: Diagnostic[]; report: { rules: Array<{ id: string; matches: number }> } };
    out: string;
  };
  const outFile = path.join(os.tmpdir(), `xenport-drift-${process.pid}.c`);

  beforeAll(async () => {
    const input = path.join(linuxSourcePath(DIR) as string, REL);
    const out = bufferConsole();
    const code = await main(['port', input, '--rules', 'rules/smmu-v1v2', '-o', outFile, '--json'], out);
    result = { code, json: JSON.parse(out.out), out: out.out + out.err };
  }, 120000);

  it('fails with exit 1, writes nothing, and does not crash', () => {
    expect(result.code).toBe(1);
    expect(fs.existsSync(outFile)).toBe(false);
    expect(result.out).not.toMatch(/internal error/);
  });

  it('names each rule that no longer fits, with what it expected and found', () => {
    const drift = result.json.diagnostics.filter((d) => d.code === 'XP200');
    expect(drift.length).toBeGreaterThanOrEqual(20);
    for (const d of drift) {
      expect(d.location?.file).toMatch(/^rules\/smmu-v1v2\/.+\.yaml$/);
      expect(d.message).toMatch(/expected .* match\(es\).*, found \d+/);
    }
    const byRule = new Map(drift.map((d) => [d.ruleId, d]));
    expect(byRule.get('xen-includes')?.message).toMatch(/expected 15 match\(es\), found 18 \(more than expected/);
  });

  it('hints at renamed functions and vanished identifiers', () => {
    const byRule = new Map(result.json.diagnostics.filter((d) => d.code === 'XP200').map((d) => [d.ruleId, d]));
    expect(byRule.get('page-table-ops-disabled')?.hint).toMatch(
      /function 'arm_smmu_map' not found; similar: arm_smmu_map_pages/,
    );
    expect(byRule.get('s2cr-fault-on-detach')?.hint).toMatch(
      /scope function 'arm_smmu_domain_remove_master' not found; similar: arm_smmu_domain_add_master/,
    );
    expect(byRule.get('usfcfg-fault-unmatched')?.hint).toMatch(
      /'sCR0_USFCFG' no longer appears in the file; similar: ARM_SMMU_sCR0_USFCFG/,
    );
  });

  it('still reports rules that fit', () => {
    const ok = result.json.report.rules.filter((r) => r.id === 'pci-dev-node-disabled' || r.id === 'no-pr-fmt');
    expect(ok.map((r) => r.matches)).toEqual([1, 1]);
  });
});
