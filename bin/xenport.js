#!/usr/bin/env node
// Entry point of the xenport command: runs the CLI bundle that `npm run build` writes (dist/cli/bundle.js),
// with V8's code cache when the build made one (bin/load-bundle.js). When a `xenport serve` of this
// build runs, the command is sent to it instead (bin/serve-client.js): no bundle load, warm code.
const path = require('path');
const { socketFor } = require('./serve-socket');

const args = process.argv.slice(2);
// A reader that stops early (`xenport port ... --annotate | head`) closes the pipe: end quietly as
// a Unix tool killed by SIGPIPE would (exit 141), never with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e && e.code === 'EPIPE') process.exit(141);
    throw e;
  });
}
const bundle = path.join(__dirname, '..', 'dist', 'cli', 'bundle.js');

/** Run the command in this process, as without a server. */
function runLocal() {
  if (!require('fs').existsSync(bundle)) {
    process.stderr.write('xenport: not built yet: run `npm run build` (npm start and npm test build it too)\n');
    process.exit(2);
  }
  // A scan runs for minutes over thousands of files: V8's default young generation keeps its peak memory lower.
  require('./load-bundle')
    .loadBundle(bundle, { fastGrowth: args[0] !== 'scan' })
    .exports.main(args)
    .then((code) => {
      process.exitCode = code;
      // Node's own teardown frees every object and tree the command made, one by one (about 5 ms of a
      // cold port): end at once instead, unless output is still queued (stdout and stderr write
      // synchronously to files, terminals and, on Linux, pipes; elsewhere they may not).
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
    });
}

const server = socketFor(bundle);
if (server) require('./serve-client').forward(server, args, runLocal);
else runLocal();
