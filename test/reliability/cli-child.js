// Runs the xenport CLI in a child process (for the parallel-run and killed-process tests):
// `node cli-child.js port ...`, from the build when it is up to date, else from source (load-src.js).
'use strict';
require('./load-src')
  .loadSrc('cli/main')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
