// @ts-check
/**
 * Build step (after tsc and the validators): bundles the CLI (dist/cli/main.js and everything it
 * loads, the JSON Schemas included) into one file, dist/cli/bundle.js, which bin/xenport.js runs
 * (bin/load-bundle.js: the file is written already wrapped as a CommonJS module, and in ASCII, so
 * that it is loaded without a copy). Resolving and loading some 150 modules one by one cost more
 * than half of a short command's start-up. Left out: tree-sitter and its C grammar
 * (native addons, loaded from node_modules) and ajv (only needed when a schema changed after the
 * build: the precompiled validators need only its small runtime helpers) and those validators
 * (dist/rules/validate-*.js: half a megabyte that only a rule load without a compiled-rule cache hit
 * runs, loaded from their own files by src/rules/schema.ts). The scan command is in
 * the bundle; its worker threads run dist/scan/worker.js (src/scan/pool.ts finds it).
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');
const esbuild = require('esbuild');
const { WRAPPER_HEAD, WRAPPER_TAIL } = require('../../bin/load-bundle');

const ROOT = path.resolve(__dirname, '..', '..');

const outfile = path.join(ROOT, 'dist', 'cli', 'bundle.js');
esbuild.buildSync({
  entryPoints: [path.join(ROOT, 'dist', 'cli', 'main.js')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['tree-sitter', 'tree-sitter-c', 'ajv'],
  charset: 'ascii',
  logLevel: 'warning',
});

const PLACEHOLDER = '@@XENPORT_BUILD_ID@@';
const text = fs.readFileSync(outfile, 'utf8');
if (!text.includes(PLACEHOLDER))
  throw new Error(`bundle: the build id placeholder ${PLACEHOLDER} is missing (src/cli/rule-cache.ts)`);
const hash = crypto.createHash('sha256').update(text);
for (const pkg of ['tree-sitter', 'tree-sitter-c'])
  hash.update(fs.readFileSync(require.resolve(`${pkg}/package.json`, { paths: [ROOT] })));
const id = hash.digest('hex');
// Written as the function Node would wrap it in (bin/load-bundle.js compiles the file's text as it is).
fs.writeFileSync(outfile, `${WRAPPER_HEAD}${text.split(PLACEHOLDER).join(id)}${WRAPPER_TAIL}`);
// The id again, beside the bundle: bin/serve-socket.js finds the socket of this build's `xenport serve`
// without loading the bundle.
fs.writeFileSync(`${outfile}.id`, `${id}\n`);
