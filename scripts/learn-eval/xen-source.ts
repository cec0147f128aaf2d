/**
 * Xen 4.17.5's SMMU drivers from Debian's source package, for the adoption figures of learn-eval.
 * The unpacked package another tool keeps under ${XDG_CACHE_HOME:-~/.cache}/xenport/xen-4.17.5/source
 * is used when present; otherwise the files are cached under .../xenport/learn-xen-4.17.5/: the
 * source package is downloaded with `apt-get source --download-only` (needs the deb-src entry of
 * TOOLCHAIN.md) and only the three SMMU files are extracted. Never written into the repository.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const VERSION = '4.17.5+72-g01140da4e8';
const FILES = ['smmu-v3.c', 'smmu-v3.h', 'smmu.c'];

/** The folder holding the Xen 4.17.5 SMMU files, fetching them first if needed; undefined when impossible. */
export function xenSource(): { dir: string; shownDir: string } | undefined {
  const cache = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'xenport');
  const shared = path.join(cache, 'xen-4.17.5', 'source', `xen-${VERSION}`, 'xen/drivers/passthrough/arm');
  if (FILES.every((f) => fs.existsSync(path.join(shared, f))))
    return {
      dir: shared,
      shownDir: `\${XDG_CACHE_HOME:-~/.cache}/xenport/xen-4.17.5/source/xen-${VERSION}/xen/drivers/passthrough/arm`,
    };
  const dir = path.join(cache, 'learn-xen-4.17.5');
  const shownDir = '${XDG_CACHE_HOME:-~/.cache}/xenport/learn-xen-4.17.5';
  if (FILES.every((f) => fs.existsSync(path.join(dir, f)))) return { dir, shownDir };
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-xen-src-'));
  try {
    const dl = spawnSync('apt-get', ['source', '--download-only', `xen=${VERSION}-1`], { cwd: tmp, stdio: 'ignore' });
    const orig = path.join(tmp, `xen_${VERSION}.orig.tar.xz`);
    if (dl.status !== 0 || !fs.existsSync(orig)) return undefined;
    const inner = FILES.map((f) => `xen-${VERSION}/xen/drivers/passthrough/arm/${f}`);
    const x = spawnSync('tar', ['-xJf', orig, '-C', tmp, ...inner], { stdio: 'ignore' });
    if (x.status !== 0) return undefined;
    fs.mkdirSync(cache, { recursive: true });
    const stage = fs.mkdtempSync(path.join(cache, '.xen-'));
    for (const f of FILES)
      fs.copyFileSync(path.join(tmp, `xen-${VERSION}/xen/drivers/passthrough/arm/${f}`), path.join(stage, f));
    fs.rmSync(dir, { recursive: true, force: true });
    fs.renameSync(stage, dir);
    return { dir, shownDir };
  } catch {
    return undefined;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
