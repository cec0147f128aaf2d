// @ts-check
/**
 * A `xenport serve` for the bench's "with `xenport serve` running" rows (bench/ports.js,
 * bench/three-rule.js): started before the rounds in a runtime folder of the bench's own (a server
 * the user may run is never used or stopped), warmed by a few requests, stopped after. The cold
 * rows beside them set XENPORT_NO_SERVER=1, so that no server, the bench's or the user's, ever
 * answers a cold figure.
 */
'use strict';
const cp = require('child_process');
const fs = require('fs');
const path = require('path');

/** The environment of a command that must run in its own process (the cold rows). */
const coldEnv = () => ({ ...process.env, XENPORT_NO_SERVER: '1' });

/**
 * Start a server (`xenport serve --detach`) for the bench; returns the environment that reaches it
 * and `stop()`. Throws when it does not start.
 * @param {any} ctx the bench context (bench/run.js)
 */
function startServer(ctx) {
  const run = path.join(ctx.work, 'run');
  fs.mkdirSync(run, { recursive: true, mode: 0o700 });
  /** @type {NodeJS.ProcessEnv} */
  const env = { ...process.env, XDG_RUNTIME_DIR: run };
  delete env.XENPORT_NO_SERVER;
  const serve = (/** @type {string[]} */ args) =>
    cp.spawnSync(process.execPath, [ctx.BIN, 'serve', ...args], { env, encoding: 'utf8' });
  const started = serve(['--detach', '--idle', '10']);
  if (started.status !== 0) throw new Error(`xenport serve did not start: ${started.stderr.trim()}`);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    serve(['--stop']);
  };
  // An interrupted bench still stops it (else it would end after 10 idle minutes).
  process.on('exit', stop);
  return { env, stop };
}

/**
 * Run `cmd args` `n` times through the server (untimed warm-up: the first requests compile the
 * server's code and load the rules); throws when a run does not exit with `status`.
 * @param {NodeJS.ProcessEnv} env @param {string[]} args @param {number} n @param {number | null} [status]
 */
function warmUp(env, args, n, status = 0) {
  for (let i = 0; i < n; i++) {
    const r = cp.spawnSync(process.execPath, args, { env, encoding: 'utf8' });
    if (r.status !== status) throw new Error(`warm-up through xenport serve exited ${r.status}: ${r.stderr.trim()}`);
  }
}

/** How the served rows are labelled everywhere (never to be read as cold figures). */
const SERVED = 'with `xenport serve` running';

module.exports = { startServer, warmUp, coldEnv, SERVED };
