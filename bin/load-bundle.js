// @ts-check
/**
 * Loads the CLI bundle (dist/cli/bundle.js) as a CommonJS module with V8's code cache
 * (dist/cli/bundle.js.cache, written by scripts/build/code-cache.js) when there is one. Without a
 * cache, or with one V8 rejects (another Node version or other V8 flags), it compiles the source
 * as `require` would.
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

/**
 * Load `file` as a module; returns its exports and the vm.Script (to create a cache from).
 * @param {string} file
 */
function loadBundle(file) {
  const source = fs.readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths?.(path.dirname(file)) ?? [];
  const req = Module.createRequire(file);
  script.runInThisContext()(mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  return { exports: mod.exports, script, cacheRejected: cachedData ? script.cachedDataRejected === true : undefined };
}

module.exports = { loadBundle };
