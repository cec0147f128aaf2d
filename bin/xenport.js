#!/usr/bin/env node
// Entry point of the xenport command: runs the CLI bundle that `npm run build` writes (dist/cli/bundle.js),
// with V8's code cache when the build made one (bin/load-bundle.js).
const path = require('path');
const { loadBundle } = require('./load-bundle');

loadBundle(path.join(__dirname, '..', 'dist', 'cli', 'bundle.js'))
  .exports.main(process.argv.slice(2))
  .then((code) => { process.exitCode = code; });
