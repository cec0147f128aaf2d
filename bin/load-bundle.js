// @ts-check
/**
 * Loads the CLI bundle (dist/cli/bundle.js, written already wrapped as a CommonJS module), or
 * another built module (the precompiled schema validators, src/rules/schema.ts), as a CommonJS
 * module with V8's code cache (`<file>.cache`, written by scripts/build/code-cache.js) when there
 * is one. Without a
 * cache, or with one V8 rejects (another Node version or other V8 flags), it compiles the source
 * as `require` would.
 *
 * It also lets V8's young generation grow sixteen times at each step instead of twice: a port copies
 * the whole syntax tree into objects that all survive, and with the default V8 copied them through
 * six young-generation collections (a third of a cold run's garbage-collection time, 20-40 ms);
 * growing eight times, four; sixteen times, the first growth reaches V8's largest young generation
 * (16 MB) and a cold SMMUv1 port makes two (3% fewer instructions than with eight, peak memory
 * unchanged). The flag is part of what V8 checks a code cache against, so the build sets it too.
 * Only on the V8 versions it was measured on (11 and 12: Node 20 and 22).
 */
'use strict';
const fs = require('fs');
const path = require('path');
const vm = require('vm');
const v8 = require('v8');
const Module = require('module');
const { isAscii } = require('buffer');

/**
 * How scripts/build/bundle.js begins and ends the bundle: the function Node wraps a CommonJS module
 * in (Module.wrap), written into the file so that the text V8 compiles is the file's text itself.
 */
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) {\n';
const WRAPPER_TAIL = '\n})';

/**
 * A module's text. An ASCII file (esbuild writes the bundle in ASCII) is read as Latin-1, which
 * gives the same text; Node keeps a text that large outside V8's heap (an external string), and
 * V8 compiles a pre-wrapped one from there without copying it: 3 ms of a cold start (a 1.2 MB
 * UTF-8 text copied into the heap, then again when Module.wrap's concatenation was flattened).
 * @param {string} file
 */
function readSource(file) {
  const bytes = fs.readFileSync(file);
  return typeof isAscii === 'function' && isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * Load `file` as a module; returns its exports and the vm.Script (to create a cache from). With
 * `fastGrowth: false` the V8 flags are left as they are: the young generation keeps V8's growth
 * (long runs such as `scan`, where the larger young generation only adds to the peak memory; the
 * code cache then does not fit), or the growth the CLI already set (a module loaded by the bundle).
 * @param {string} file
 * @param {{ fastGrowth?: boolean }} [options]
 */
function loadBundle(file, options = {}) {
  const v8major = Number(process.versions.v8.split('.')[0]);
  if (options.fastGrowth !== false && v8major >= 11 && v8major <= 12)
    v8.setFlagsFromString('--semi-space-growth-factor=16');
  const source = readSource(file);
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.cache`);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(source.startsWith(WRAPPER_HEAD) ? source : Module.wrap(source), {
    filename: file,
    cachedData,
  });
  const mod = new Module(file, module);
  mod.filename = file;
  mod.paths = Module._nodeModulePaths?.(path.dirname(file)) ?? [];
  const req = Module.createRequire(file);
  script.runInThisContext()(mod.exports, req, mod, file, path.dirname(file));
  mod.loaded = true;
  return { exports: mod.exports, script, cacheRejected: cachedData ? script.cachedDataRejected === true : undefined };
}

module.exports = { loadBundle, WRAPPER_HEAD, WRAPPER_TAIL };
