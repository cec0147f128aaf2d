/**
 * The SMMUv3 sync with Linux 6.1 (rules/smmu-v3/README.md): rules/smmu-v3 ports Linux 6.1's
 * arm-smmu-v3.c and arm-smmu-v3.h with the Xen 4.17.5 files as --xen and upgrade-10's Linux text as
 * --base: exit 0, no drift, no unaccounted Xen text, no error, and the output keeps Xen's decisions
 * (its spinlock command queue, no Stage-1/SVA/IOPF code). The build and boot of these files are
 * checked by the Xen build-check tests. Needs Debian's linux-source-6.1 and the external corpus
 * (.ci/run installs both); skipped with a message elsewhere, except under CI=true.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import type { Diagnostic } from '../../src/diagnostics';
import { portSyncFile, syncFiles } from '../../scripts/ports/smmu-v3-linux-6.1';
import { LINUX_INSTALL_HINT, linuxSourceAvailable } from '../../scripts/linux-source';
import { externalCorpus } from '../../src/golden';

const available = linuxSourceAvailable() && externalCorpus().present;
if (!available && process.env.CI === 'true')
  throw new Error(`the SMMUv3 sync needs linux-source-6.1 and the external corpus under CI: ${LINUX_INSTALL_HINT}`);
if (!available)
  console.warn(
    `skipped: the SMMUv3 sync with Linux 6.1 needs linux-source-6.1 (${LINUX_INSTALL_HINT}) and the external corpus`,
  );
const maybe = available ? describe : describe.skip;

interface Run {
  code: number;
  diagnostics: Diagnostic[];
  report: { rules: Array<{ id: string; expect: string; matches: number }>; drift?: unknown };
  text: string;
}

maybe('SMMUv3 sync: rules/smmu-v3 on Linux 6.1', () => {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-smmu-v3-61-'));
  const runs: Record<'c' | 'h', Run> = {} as Record<'c' | 'h', Run>;

  beforeAll(async () => {
    const found = syncFiles(outDir);
    if ('missing' in found) throw new Error(found.missing);
    for (const f of found.files) {
      const out = bufferConsole();
      const code = await portSyncFile(f, out, ['--json']);
      const json = JSON.parse(out.out);
      runs[f.output.endsWith('.c') ? 'c' : 'h'] = {
        code,
        diagnostics: json.diagnostics,
        report: json.report,
        text: fs.existsSync(f.output) ? fs.readFileSync(f.output, 'utf8') : '',
      };
    }
  }, 180000);

  afterAll(() => fs.rmSync(outDir, { recursive: true, force: true }));

  it.each(['c', 'h'] as const)('the .%s ports with exit 0: no drift, no unaccounted Xen text, no error', (e) => {
    const r = runs[e];
    const errors = r.diagnostics
      .filter((d) => d.severity === 'error')
      .map((d) => `${d.code} ${d.ruleId ?? ''}: ${d.message}`);
    expect(errors).toEqual([]);
    expect(r.diagnostics.filter((d) => d.code === 'XP200' || d.code === 'XP300')).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.text.length).toBeGreaterThan(1000);
  });

  it("keeps Xen's spinlock command queue, carried over from the Xen file, behind Linux 6.1's interface", () => {
    const c = runs.c.text;
    for (const fn of [
      'queue_insert_raw',
      'queue_poll_cons',
      'arm_smmu_cmdq_insert_cmd',
      '__arm_smmu_cmdq_issue_sync',
      'arm_smmu_cmdq_issue_cmdlist',
      'arm_smmu_cmdq_issue_cmd_with_sync',
    ]) {
      expect(c).toMatch(new RegExp(`^static \\w+ \\**${fn}\\(`, 'm'));
    }
    for (const gone of [
      'arm_smmu_cmdq_shared_lock',
      'arm_smmu_cmdq_poll_valid_map',
      'arm_smmu_cmdq_write_entries',
      'queue_poll_init',
    ]) {
      expect(c).not.toMatch(new RegExp(`\\b${gone}\\b`));
    }
    expect(c).toMatch(/spin_lock_irqsave\(&smmu->cmdq\.lock, flags\);/);
    expect(runs.h.text).toMatch(/^\tspinlock_t\t+lock;$/m);
    expect(runs.h.text).not.toMatch(/atomic_long_t\s+\*valid_map/);
  });

  it('removes Stage-1, SVA, IOPF and the Linux IOMMU core glue as the 2021 port did', () => {
    const c = runs.c.text;
    for (const gone of [
      'arm_smmu_handle_evt',
      'iopf_queue_alloc',
      'arm_smmu_sva_supported',
      'arm_smmu_map_pages',
      'iommu_device_register',
      'arm_smmu_rmr_install_bypass_ste',
      'arm_smmu_asid_xa',
      'module_driver',
      'dma-iommu.h',
    ]) {
      expect(c).not.toContain(gone);
    }
    expect(runs.h.text).not.toContain('CONFIG_ARM_SMMU_V3_SVA');
    // The Stage-2 invalidation Linux 6.1 issues inside its Stage-1/Stage-2 branch is kept.
    expect(c).toMatch(
      /cmd\.tlbi\.vmid\t= smmu_domain->s2_cfg\.vmid;\n\tarm_smmu_cmdq_issue_cmd_with_sync\(smmu, &cmd\);/,
    );
  });

  it('every rule of the port reports what it did, and the library rewrites found their Linux calls', () => {
    const ids = new Set(runs.c.report.rules.map((r) => r.id));
    expect(ids.has('lockless-cmdq')).toBe(true);
    const byId = new Map(runs.c.report.rules.map((r) => [r.id, r.matches]));
    expect(byId.get('lockless-cmdq')).toBeGreaterThanOrEqual(15);
    expect(byId.get('xen-api-kcalloc-typed')).toBe(1);
  });
});
