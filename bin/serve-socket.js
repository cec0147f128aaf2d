// @ts-check
/**
 * What the server of `xenport serve` (src/cli/serve-command.ts) and its thin client
 * (bin/serve-client.js) share: where the socket is, and how messages are framed (JSON objects, one
 * a line; bin/serve-client.js lists them). Also the check bin/xenport.js makes before anything else:
 * with no server (the common case) it costs a stat, and the command runs in process.
 */
'use strict';
const fs = require('fs');
const path = require('path');

/**
 * The socket of the server of build `id` for this user: in $XDG_RUNTIME_DIR/xenport, else in the
 * user's cache folder (${XDG_CACHE_HOME:-~/.cache}/xenport/serve); keyed by the build id and the Node
 * version, so a rebuilt xenport, or another Node, never talks to an old server. Undefined when
 * there is no such folder.
 * @param {NodeJS.ProcessEnv} env @param {string} id
 */
function socketPath(env, id) {
  const abs = (/** @type {string | undefined} */ p) => (p && path.isAbsolute(p) ? p : undefined);
  const home = abs(env.HOME);
  const run = abs(env.XDG_RUNTIME_DIR);
  const cache = abs(env.XDG_CACHE_HOME) ?? (home && path.join(home, '.cache'));
  const dir = run ? path.join(run, 'xenport') : cache && path.join(cache, 'xenport', 'serve');
  return dir && path.join(dir, `serve-${id.slice(0, 16)}-${process.version}.sock`);
}

/** The build id that scripts/build/bundle.js writes beside the bundle, or undefined. @param {string} bundle */
function buildIdOf(bundle) {
  try {
    const id = fs.readFileSync(`${bundle}.id`, 'utf8').trim();
    return /^[0-9a-f]{64}$/.test(id) ? id : undefined;
  } catch {
    return undefined;
  }
}

/** Whether XENPORT_NO_SERVER turns the server off (set to anything but `0` or nothing). @param {NodeJS.ProcessEnv} env */
const serverOff = (env) =>
  env.XENPORT_NO_SERVER !== undefined && env.XENPORT_NO_SERVER !== '' && env.XENPORT_NO_SERVER !== '0';

/**
 * The socket to try for `bundle`, or undefined (no build id, no folder, no socket file,
 * XENPORT_NO_SERVER): then the command runs in process.
 * @param {string} bundle
 */
function socketFor(bundle) {
  if (serverOff(process.env)) return undefined;
  // No folder for sockets (no server ever ran here): no build id to read.
  const dir = socketPath(process.env, '');
  if (!dir || !fs.statSync(path.dirname(dir), { throwIfNoEntry: false })) return undefined;
  const id = buildIdOf(bundle);
  const sock = id && socketPath(process.env, id);
  if (!id || !sock) return undefined;
  // No exception when it is missing: creating one costs more than the stat.
  return fs.statSync(sock, { throwIfNoEntry: false })?.isSocket() ? { sock, id } : undefined;
}

/** A message as it goes over the socket. @param {object} m */
const frame = (m) => `${JSON.stringify(m)}\n`;

/**
 * A reader of framed messages: feed it the socket's text as it comes; `onMessage` gets each JSON
 * object, `onBad` the first line that is not one (nothing is read after it).
 * @param {(m: Record<string, unknown>) => void} onMessage @param {(why: string) => void} onBad
 */
function messageReader(onMessage, onBad) {
  let buffered = '';
  let bad = false;
  return (/** @type {string} */ text) => {
    buffered += text;
    let nl;
    while (!bad && (nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      let m;
      try {
        m = JSON.parse(line);
      } catch {
        m = undefined;
      }
      if (typeof m !== 'object' || m === null || Array.isArray(m)) {
        bad = true;
        onBad('a message is not a JSON object');
      } else onMessage(m);
    }
  };
}

module.exports = { socketPath, socketFor, buildIdOf, serverOff, frame, messageReader };
