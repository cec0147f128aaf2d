// @ts-check
/**
 * The thin client of `xenport serve` (src/cli/serve-command.ts), loaded by bin/xenport.js only
 * when a socket of this build exists (bin/serve-socket.js): `forward` sends the command line, the
 * working folder, the environment and the terminal facts; the server runs the command and streams
 * back stdout, stderr and the exit code. Only `net` is loaded here, and no part of the bundle.
 *
 * Messages are JSON objects, one a line, both ways. Client: `run` (the request) and, when the
 * server asks for it (a command reading `-`), `stdin` chunks (base64) then `stdin-end`. Server:
 * `out` and `err` (text to write), `stdin` (send standard input), `local` (run it in process: a
 * long-running or interactive command, or a server of another build), `exit` (the code; last), or
 * `error` (a malformed request). The server may also answer `ping` (`pong`) and `stop`.
 */
'use strict';
const { frame, messageReader } = require('./serve-socket');

/** Exit code when the server goes away before it answered (EX_TEMPFAIL; EXIT.serverLost in src/cli/exit-codes.ts). */
const SERVER_LOST = 75;

/**
 * Send `args` to the server on `sock`; `local()` runs the command in process when the server
 * cannot be reached or says so. Sets process.exitCode when the server answered.
 * @param {{ sock: string, id: string }} server @param {string[]} args @param {() => void} local
 */
function forward(server, args, local) {
  const net = require('net');
  const conn = net.createConnection(server.sock);
  let connected = false;
  let done = false;
  /** @param {object} m */
  const send = (m) => conn.write(frame(m));
  const runLocal = () => {
    done = true;
    conn.destroy();
    local();
  };
  conn.on('connect', () => {
    connected = true;
    send({
      t: 'run',
      build: server.id,
      argv: args,
      cwd: process.cwd(),
      env: process.env,
      umask: process.umask(),
      tty: {
        stdin: process.stdin.isTTY === true,
        stdout: process.stdout.isTTY === true,
        stderr: process.stderr.isTTY === true,
        columns: process.stdout.columns,
      },
    });
  });
  conn.setEncoding('utf8');
  // Not a server of ours: reported as a lost server by 'close'.
  conn.on(
    'data',
    messageReader(
      (m) => !done && onMessage(m),
      () => conn.destroy(),
    ),
  );
  /** @param {any} m */
  const onMessage = (m) => {
    if (m.t === 'out') process.stdout.write(m.s);
    else if (m.t === 'err') process.stderr.write(m.s);
    else if (m.t === 'stdin') sendStdin(m.limit);
    else if (m.t === 'local') runLocal();
    else if (m.t === 'exit') {
      done = true;
      process.exitCode = m.code;
      conn.end();
    } else if (m.t === 'error') {
      done = true;
      process.stderr.write(`xenport: the xenport server refused the request: ${m.message}\n`);
      process.exitCode = 70;
      conn.end();
    }
  };
  /** Standard input, up to `limit` bytes (the server's own limit then applies). @param {number} limit */
  const sendStdin = (limit) => {
    let total = 0;
    const stop = () => {
      process.stdin.removeAllListeners('data');
      process.stdin.pause();
      send({ t: 'stdin-end' });
    };
    process.stdin.on('data', (/** @type {Buffer} */ b) => {
      total += b.length;
      send({ t: 'stdin', b: b.toString('base64') });
      if (total >= limit) {
        stop();
        process.stdin.destroy();
      }
    });
    process.stdin.on('end', stop);
    process.stdin.on('error', (e) => {
      send({ t: 'stdin-error', message: e.message });
      stop();
    });
  };
  conn.on('error', () => {
    // No connection (a stale socket file, a server just stopping): run in process, as without a server.
    if (!connected && !done) runLocal();
  });
  conn.on('close', () => {
    if (done || !connected) return;
    done = true;
    process.stderr.write(
      'xenport: the xenport server ended before it answered (stopped or crashed); run the command again, or set XENPORT_NO_SERVER=1 to run without it\n',
    );
    process.exitCode = SERVER_LOST;
    process.stdin.destroy();
  });
}

module.exports = { forward, SERVER_LOST };
