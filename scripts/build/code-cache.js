// @ts-check
/**
 * Build step (last): writes V8's code cache of the CLI bundle, dist/cli/bundle.js.cache. It loads
 * the bundle the way bin/xenport.js does, runs a small port (corpus/example) so that the functions a
 * port needs are compiled, then saves their bytecode. bin/xenport.js hands the cache to V8, which
 * then skips parsing and compiling them: that was the largest part of a short command's start-up
 * after bundling. V8 checks the cache against its version, its flags and the source, and ignores a
 * cache that does not fit (another Node, NODE_OPTIONS flags, a bundle rebuilt without it): the
 * command then runs as before, only slower to start.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { loadBundle } = require('../../bin/load-bundle');

const ROOT = path.resolve(__dirname, '..', '..');
const bundle = path.join(ROOT, 'dist', 'cli', 'bundle.js');

async function main() {
  fs.rmSync(`${bundle}.cache`, { force: true });
  // The ports below use the compiled-rule cache (a miss, then a hit: both paths get compiled) in a
  // folder of their own, not the user's.
  const cacheHome = fs.mkdtempSync(path.join(require('os').tmpdir(), 'xenport-build-'));
  process.env.XDG_CACHE_HOME = cacheHome;
  delete process.env.XENPORT_NO_CACHE;
  const { exports, script } = loadBundle(bundle);
  const quiet = { stdout() {}, stderr() {} };
  const ex = path.join(ROOT, 'corpus', 'example');
  for (const args of [
    [
      'port',
      path.join(ex, 'linux.c'),
      '--rules',
      path.join(ex, 'rules'),
      '--xen',
      path.join(ex, 'xen.c'),
      '--check',
      '-q',
    ],
    ['port', path.join(ex, 'linux.c'), '--rules', path.join(ex, 'rules'), '--stdout'],
    ['rules', 'check', path.join(ex, 'rules')],
  ])
    await exports.main(args, quiet);
  fs.rmSync(cacheHome, { recursive: true, force: true });
  fs.writeFileSync(`${bundle}.cache`, script.createCachedData());
}

main().catch((e) => {
  console.error(`code cache not written: ${e.message}`);
  process.exitCode = 1;
});
