#!/usr/bin/env node
// Entry point of the xenport command: runs the compiled CLI (npm run build writes dist/).
require('../dist/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
