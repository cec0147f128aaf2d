// @ts-check
/**
 * Build step (last): writes V8's code cache of the CLI bundle, dist/cli/bundle.js.cache. It loads
 * the bundle the way bin/xenport.js does, runs a small port (corpus/example) so that the functions a
 * port needs are compiled, then saves their bytecode. bin/xenport.js hands the cache to V8, which
 * then skips parsing and compiling them: that was the largest part of a short command's start-up
 * after bundling. It holds the rule compiler too (the first port below misses the rule cache): a
 * cache of only what a rule-cache hit runs (559 KB against 874 KB) saved about 1.5 ms of CPU at
 * each start, and cost a port that compiles its rules 5% more instructions (SMMUv1). V8 checks
 * the cache against its version, its flags and the source, and ignores a cache that does not fit
 * (another Node, NODE_OPTIONS flags or V8 flags such as --single-threaded, a bundle rebuilt
 * without it): the command then runs as before, only slower to start. The precompiled schema
 * validators, loaded apart from the bundle (src/rules/schema.ts), get caches of their own
 * (dist/rules/validate-*.js.cache).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const { loadBundle } = require('../../bin/load-bundle');
const { validatorFile } = require('../../dist/rules/schema');

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
  validatorCaches(ex);
}

/**
 * The same for the precompiled schema validators (dist/rules/validate-*.js), which the CLI loads
 * from their own files only when it reads rule files (src/rules/schema.ts): each checks the
 * example's YAML documents (and two that fail, for its error paths) before its cache is saved.
 * @param {string} ex the example port folder
 */
function validatorCaches(ex) {
  const YAML = require('yaml');
  const dir = path.join(ex, 'rules');
  const docs = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => YAML.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  for (const name of ['rules', 'port']) {
    const file = validatorFile(name);
    fs.rmSync(`${file}.cache`, { force: true });
    const { exports: validate, script } = loadBundle(file, { fastGrowth: false });
    for (const d of [...docs, {}, { rules: [{}] }]) validate(d);
    fs.writeFileSync(`${file}.cache`, script.createCachedData());
  }
}

main().catch((e) => {
  console.error(`code cache not written: ${e.message}`);
  process.exitCode = 1;
});
