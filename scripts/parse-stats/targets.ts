/**
 * The file sets parse-stats measures: the Linux side of ../shared/corpus, Linux 6.1
 * `drivers/iommu` and `drivers/` (Debian's linux-source-6.1), and Linux 6.12 `drivers/iommu/arm`
 * (Debian's linux-source-6.12). Linux trees are extracted on demand into the system's temporary
 * folder, never into the repository.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { externalCorpus } from '../../src/golden/cases';
import { linuxSourcePath } from '../linux-source';
import { ensureLinuxTree } from '../robustness/linux';

/** A named set of files: `root` holds them, `files` are relative to it. */
export interface Target {
  name: string;
  title: string;
  root: string;
  files: string[];
}

/** The shared corpus (../shared/corpus from the checkout, or XENPORT_CORPUS), as golden tests find it. */
const CORPUS = externalCorpus().dir;

/** Files under `root/rel` whose names end in one of `exts`, relative to `root`, sorted. */
export function listFiles(root: string, rel: string, test: (name: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (r: string): void => {
    for (const e of fs.readdirSync(path.join(root, r), { withFileTypes: true })) {
      const p = path.join(r, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && test(e.name)) out.push(p);
    }
  };
  walk(rel);
  return out.sort();
}

/** Extract `rel` of the Debian linux-source-6.12 tarball (if installed) and return its root. */
function linux612(rel: string): string | undefined {
  const tarball = process.env.XENPORT_LINUX612_TARBALL ?? '/usr/src/linux-source-6.12.tar.xz';
  if (!fs.existsSync(tarball)) return undefined;
  const cache = path.join(os.tmpdir(), 'xenport-linux-6.12');
  const top = path.join(cache, 'linux-source-6.12');
  if (!fs.existsSync(path.join(top, rel))) {
    fs.mkdirSync(cache, { recursive: true });
    execFileSync('tar', ['-xJf', tarball, '-C', cache, `linux-source-6.12/${rel}`], { stdio: 'inherit' });
  }
  return top;
}

/** The root holding Linux 6.1 `rel`, extracting it if needed. */
function linux61(rel: string): string | undefined {
  const p = linuxSourcePath(rel);
  return p ? p.slice(0, p.length - rel.length - 1) : undefined;
}

const isC = (n: string): boolean => n.endsWith('.c');
const linuxSide = (n: string): boolean => /^linux.*\.[ch]$/.test(n);

/** Build the target called `name`; throws with how to install what is missing. */
export function target(name: string): Target {
  switch (name) {
    case 'corpus': {
      if (!fs.existsSync(CORPUS)) throw new Error(`corpus not found at ${CORPUS} (set XENPORT_CORPUS)`);
      return {
        name,
        title: 'Linux-side files of ../shared/corpus (all cases and upgrades)',
        root: CORPUS,
        files: listFiles(CORPUS, '.', linuxSide),
      };
    }
    case 'iommu-6.1':
    case 'drivers-6.1': {
      const rel = name === 'drivers-6.1' ? 'drivers' : 'drivers/iommu';
      // The whole of drivers/ is extracted once, as the robustness run does (a partial cache would do).
      const root =
        name === 'drivers-6.1' ? ensureLinuxTree(undefined, (s) => process.stderr.write(`${s}\n`)) : linux61(rel);
      if (!root) throw new Error('linux-source-6.1 is not installed: apt-get install -y linux-source-6.1');
      return { name, title: `Linux 6.1 \`${rel}\``, root, files: listFiles(root, rel, isC) };
    }
    case 'arm-6.12': {
      const root = linux612('drivers/iommu/arm');
      if (!root) throw new Error('linux-source-6.12 is not installed: apt-get install -y linux-source-6.12');
      return { name, title: 'Linux 6.12 `drivers/iommu/arm`', root, files: listFiles(root, 'drivers/iommu/arm', isC) };
    }
    default: {
      // `6.1:<folder>`: any folder of the Linux 6.1 tree.
      const m = /^6\.1:(.+)$/.exec(name);
      const root = m ? linux61(m[1]) : undefined;
      if (!m || !root)
        throw new Error(`unknown target '${name}' (corpus, iommu-6.1, arm-6.12, drivers-6.1, 6.1:<folder>)`);
      return { name, title: `Linux 6.1 \`${m[1]}\``, root, files: listFiles(root, m[1], isC) };
    }
  }
}
