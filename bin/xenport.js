#!/usr/bin/env node
// Entry point of the xenport command: runs the CLI bundle that `npm run build` writes (dist/cli/bundle.js).
require('../dist/cli/bundle.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
