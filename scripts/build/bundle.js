// @ts-check
/**
 * Build step (after tsc and the validators): bundles the CLI (dist/cli/main.js and everything it
 * loads, the precompiled schema validators and the JSON Schemas included) into one file,
 * dist/cli/bundle.js, which bin/xenport.js runs. Resolving and loading some 150 modules one by one
 * cost more than half of a short command's start-up. Left out: tree-sitter and its C grammar
 * (native addons, loaded from node_modules) and ajv (only needed when a schema changed after the
 * build: the precompiled validators need only its small runtime helpers). The scan command is in
 * the bundle; its worker threads run dist/scan/worker.js (src/scan/pool.ts finds it).
 */
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..', '..');

esbuild.buildSync({
  entryPoints: [path.join(ROOT, 'dist', 'cli', 'main.js')],
  outfile: path.join(ROOT, 'dist', 'cli', 'bundle.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['tree-sitter', 'tree-sitter-c', 'ajv'],
  logLevel: 'warning',
});
