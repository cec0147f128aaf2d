/**
 * Getting the Linux 6.1 `drivers/` tree for the robustness run: Debian's linux-source-6.1 package
 * puts the source at /usr/src/linux-source-6.1.tar.xz; only `drivers/` is extracted, once, into a
 * cache folder under the system's temporary directory (never into the repository).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LINUX_TARBALL as TARBALL, LINUX_TOP as TOP, linuxCacheDir as cacheDir } from '../linux-source';

const HOW = `Install Debian's Linux 6.1 source first:
  sudo apt-get update && sudo apt-get install -y linux-source-6.1
or pass --src <folder> naming an extracted Linux 6.1 tree (the folder that holds drivers/).`;

/**
 * Return a folder holding `drivers/`: `src` when given, else the cache, extracting the tarball into
 * it (and, when running as root, installing the package) if needed. Throws with instructions when
 * neither is possible.
 */
export function ensureLinuxTree(src: string | undefined, log: (s: string) => void): string {
  if (src) {
    if (!fs.existsSync(path.join(src, 'drivers'))) throw new Error(`${src} has no drivers/ folder.\n${HOW}`);
    return src;
  }
  const root = path.join(cacheDir(), TOP);
  const done = path.join(cacheDir(), '.extracted');
  if (fs.existsSync(done)) return root;
  if (!fs.existsSync(TARBALL)) {
    if (process.getuid?.() !== 0) throw new Error(`${TARBALL} not found.\n${HOW}`);
    log('installing linux-source-6.1 with apt-get (about 140 MB)...');
    execFileSync('apt-get', ['update'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', 'linux-source-6.1'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  log(`extracting ${TOP}/drivers from ${TARBALL} into ${cacheDir()} (about 15 s, 950 MB)...`);
  fs.mkdirSync(cacheDir(), { recursive: true });
  execFileSync('tar', ['-xJf', TARBALL, '-C', cacheDir(), `${TOP}/drivers`], { stdio: 'inherit' });
  fs.writeFileSync(done, `${new Date().toISOString()}\n`);
  return root;
}

/** Every `.c` file under `root/drivers`, relative to `root`, sorted. */
export function listCFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const e of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const r = path.join(rel, e.name);
      if (e.isDirectory()) walk(r);
      else if (e.isFile() && e.name.endsWith('.c')) out.push(r);
    }
  };
  walk('drivers');
  return out.sort();
}
