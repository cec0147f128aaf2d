/**
 * The SMMUv3 sync with Linux 6.1 (rules/smmu-v3/README.md): ports Linux 6.1's arm-smmu-v3.c and
 * arm-smmu-v3.h (Debian linux-source-6.1) with rules/smmu-v3, the Xen 4.17.5 files as --xen and
 * the Linux text they were made from as --base (the corpus's upgrade-10), and writes smmu-v3.c and
 * smmu-v3.h into an output folder, for the Xen build check and boot test:
 *
 *   npm run smmu-v3-linux-6.1 -- <out-dir> [--json]
 *
 * Exit code: the first non-zero exit code of the two ports (docs/diagnostics.md), 4 when the Linux
 * source or the corpus is missing. Nothing is written into the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Console, processConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { externalCorpus } from '../../src/golden';
import { LINUX_INSTALL_HINT, linuxSourcePath } from '../linux-source';

/** Where Linux 6.1 keeps the driver, under the source tree. */
export const LINUX_DRIVER_DIR = 'drivers/iommu/arm/arm-smmu-v3';
/** The corpus folder of the Xen 4.17.5 files and the Linux text they were made from. */
export const XEN_4_17_5 = 'smmu-v3-2021/upgrade-10';

/** One file of the sync: the Linux input, the existing Xen file and its base, the output. */
export interface SyncFile {
  linux: string;
  xen: string;
  base: string;
  output: string;
}

/** The two files of the sync (the .c and the .h), or why they cannot be found. */
export function syncFiles(outDir: string): { files: SyncFile[] } | { missing: string } {
  const corpus = externalCorpus();
  if (!corpus.present) return { missing: `external corpus not found at ${corpus.dir} (set XENPORT_CORPUS)` };
  const dir = linuxSourcePath(LINUX_DRIVER_DIR);
  if (!dir) return { missing: `linux-source-6.1 is not installed; ${LINUX_INSTALL_HINT}` };
  const up = path.join(corpus.dir, XEN_4_17_5);
  return {
    files: ['c', 'h'].map((e) => ({
      linux: path.join(dir, `arm-smmu-v3.${e}`),
      xen: path.join(up, `xen-after.${e}`),
      base: path.join(up, `linux-after.${e}`),
      output: path.join(outDir, `smmu-v3.${e}`),
    })),
  };
}

/** Port one file with the CLI (so the paired header and block files are read as a user's run would). */
export async function portSyncFile(f: SyncFile, out: Console, extra: string[] = []): Promise<number> {
  return main(
    ['port', f.linux, '--rules', 'rules/smmu-v3', '--xen', f.xen, '--base', f.base, '-o', f.output, ...extra],
    out,
  );
}

async function run(argv: string[]): Promise<number> {
  const outDir = argv.find((a) => !a.startsWith('-'));
  if (!outDir) {
    process.stderr.write('usage: smmu-v3-linux-6.1 <out-dir> [--json]\n');
    return 2;
  }
  const found = syncFiles(outDir);
  if ('missing' in found) {
    process.stderr.write(`smmu-v3-linux-6.1: ${found.missing}\n`);
    return 4;
  }
  fs.mkdirSync(outDir, { recursive: true });
  let code = 0;
  for (const f of found.files) {
    const c = await portSyncFile(f, processConsole, argv.includes('--json') ? ['--json'] : []);
    if (c !== 0 && code === 0) code = c;
  }
  return code;
}

if (require.main === module) {
  run(process.argv.slice(2)).then((c) => process.exit(c));
}
