// Runs the xenport CLI from TypeScript source in a child process (for the parallel-run and
// killed-process tests), independent of `npm run build`: `node cli-child.js port ...`.
'use strict';
require('../../scripts/fuzz/ts-register.js');
require('../../src/cli/main.ts')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
