/**
 * `xenport serve`: a long-running xenport that runs the commands of this user's `xenport` (the thin
 * client in bin/serve-client.js forwards them) with its code warm, its rules compiled in memory
 * (src/cli/rule-cache.ts: never stale, every file a load read is checked again on each use) and the
 * parses and matches of the last port kept (src/cli/port-files.ts, the memos `xenport watch` uses).
 * Opt-in: nothing starts it but this command.
 *
 * The socket is in a folder of the user's (bin/serve-socket.js `socketPath`), named by the build id
 * and the Node version, mode 0600. It is installed atomically: the server listens on a temporary
 * name and hard-links it to the real one, which fails when the name exists; a name left by a dead
 * server (it refuses connections) is removed first, one that answers means a server already runs
 * and this one ends. A server whose socket name no longer points to its socket (removed, or taken
 * over) ends within seconds, so two servers never share one name. It ends on `--stop`, SIGINT,
 * SIGTERM, or after `--idle` minutes without a request; a request in progress finishes first.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { errorText, serveText } from '../emit';
import { Console, print } from './console';
import { EXIT } from './exit-codes';
import { keepPortsInMemory } from './port-files';
import { buildId, keepLoadsInMemory } from './rule-cache';
import { handleConnection } from './serve-requests';
import { BIN, protocol } from './serve-socket';

/** Options of `xenport serve`. */
export interface ServeArgs {
  stop: boolean;
  status: boolean;
  detach: boolean;
  idleMinutes?: number;
}

/** How the command tells what it does (`say`, on stderr) and fails (`fail`: the message, then the exit code). */
interface Tell {
  say(text: string): void;
  fail(code: number, message: string): number;
}

const DEFAULT_IDLE_MINUTES = 30;
/** Longest Unix socket path (sun_path holds 108 bytes with the final NUL). */
const MAX_SOCKET_PATH = 107;
/** How often the server checks that its socket name is still its own. */
const OWNER_CHECK_MS = 2000;

/**
 * Run `xenport serve`; resolves to the exit code once the server has ended (at once for --stop,
 * --status and --detach).
 */
export async function runServe(a: ServeArgs, out: Console): Promise<number> {
  const fail = (code: number, message: string) => {
    print(out, errorText('serve', message));
    return code;
  };
  const id = buildId();
  if (!id)
    return fail(
      EXIT.usage,
      'xenport runs from its sources here: `npm run build` first (the server is keyed by the build)',
    );
  const sock = protocol().socketPath(process.env, id);
  if (!sock) return fail(EXIT.io, 'no folder for the socket: set XDG_RUNTIME_DIR or HOME');
  if (Buffer.byteLength(sock) > MAX_SOCKET_PATH)
    return fail(EXIT.io, `the socket path is too long for a Unix socket: ${sock}`);
  // What the server does is told on stderr: stdout stays empty (a server started in a script prints nothing there).
  const say = (text: string) => print(out, serveText(text));
  if (a.stop) {
    const pid = await stopServer(sock);
    say(pid === undefined ? 'no server of this build runs' : `stopped the server (pid ${pid})`);
    return EXIT.ok;
  }
  if (a.status) {
    const pong = await ping(sock);
    say(
      pong ? `a server runs (pid ${pong.pid}, ${pong.served} requests run) on ${sock}` : 'no server of this build runs',
    );
    return pong ? EXIT.ok : EXIT.portFailed;
  }
  const idleMinutes = a.idleMinutes ?? DEFAULT_IDLE_MINUTES;
  if (a.detach) return detach(sock, idleMinutes, { say, fail });
  return serve(sock, id, idleMinutes, { say, fail });
}

/** Ask the server on `sock` (one message, one answer); undefined when none answers within `ms`. */
function ask(sock: string, message: object, ms = 2000): Promise<Record<string, unknown> | undefined> {
  return new Promise((resolve) => {
    const conn = net.createConnection(sock);
    const done = (v: Record<string, unknown> | undefined) => {
      clearTimeout(timer);
      conn.destroy();
      resolve(v);
    };
    const timer = setTimeout(() => done(undefined), ms);
    conn.on('connect', () => conn.write(protocol().frame(message)));
    conn.on('error', () => done(undefined));
    conn.setEncoding('utf8');
    conn.on(
      'data',
      protocol().messageReader(done, () => done(undefined)),
    );
    conn.on('close', () => done(undefined));
  });
}

/** The pid of the server answering on `sock`, when one does. */
async function ping(sock: string): Promise<{ pid: number; served: number } | undefined> {
  const r = await ask(sock, { t: 'ping' });
  return r?.t === 'pong' && typeof r.pid === 'number' ? { pid: r.pid, served: Number(r.served) } : undefined;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stop the server on `sock` and wait (up to 10 s) until its process has ended; its pid, or undefined when none ran. */
async function stopServer(sock: string): Promise<number | undefined> {
  const r = await ask(sock, { t: 'stop' });
  if (r?.t !== 'stopping' || typeof r.pid !== 'number') return undefined;
  for (let i = 0; i < 400 && alive(r.pid); i++) await sleep(25);
  return r.pid;
}

/** Start a server in the background and wait (up to 20 s) until it answers. */
async function detach(sock: string, idleMinutes: number, { say, fail }: Tell): Promise<number> {
  const running = await ping(sock);
  if (running) {
    say(`a server already runs (pid ${running.pid})`);
    return EXIT.ok;
  }
  const child = spawn(process.execPath, [path.join(BIN, 'xenport.js'), 'serve', '--idle', String(idleMinutes)], {
    detached: true,
    stdio: 'ignore',
    cwd: path.parse(process.cwd()).root,
  });
  child.unref();
  for (let i = 0; i < 800; i++) {
    const pong = await ping(sock);
    if (pong) {
      say(
        `started (pid ${pong.pid}); it ends after ${idleMinutes} min without a request, or with \`xenport serve --stop\``,
      );
      return EXIT.ok;
    }
    if (child.exitCode !== null) break;
    await sleep(25);
  }
  return fail(EXIT.internal, 'the server did not start (run `xenport serve` in the foreground to see why)');
}

/** The inode of `file`, or undefined when it is gone. */
function inode(file: string): number | undefined {
  try {
    return fs.lstatSync(file).ino;
  } catch {
    return undefined;
  }
}

/**
 * Listen on `sock`, installed atomically (see the header); resolves to the server, or to why not
 * (`running`: the pid of a live server on that name).
 */
async function install(
  sock: string,
): Promise<{ server: net.Server; ino: number } | { running: number } | { error: string }> {
  const dir = path.dirname(sock);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.statSync(dir);
    if (typeof process.getuid === 'function' && st.uid !== process.getuid())
      return { error: `${dir} belongs to another user` };
  } catch (e) {
    return { error: `cannot create ${dir}: ${(e as Error).message}` };
  }
  const tmp = path.join(dir, `.serve-${process.pid}.sock`);
  fs.rmSync(tmp, { force: true });
  const server = net.createServer();
  const listening = await new Promise<string | undefined>((resolve) => {
    server.once('error', (e) => resolve(e.message));
    server.listen(tmp, () => resolve(undefined));
  });
  if (listening) return { error: `cannot listen on ${tmp}: ${listening}` };
  const closeTmp = () => {
    server.close();
    fs.rmSync(tmp, { force: true });
  };
  try {
    fs.chmodSync(tmp, 0o600);
    for (let attempt = 0; ; attempt++) {
      try {
        fs.linkSync(tmp, sock);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 3) throw e;
      }
      const before = inode(sock);
      const running = await ping(sock);
      if (running) {
        closeTmp();
        return { running: running.pid };
      }
      // A name left by a server that died: removed, unless another server replaced it meanwhile.
      if (before !== undefined && inode(sock) === before) fs.rmSync(sock, { force: true });
    }
    fs.rmSync(tmp, { force: true });
    return { server, ino: inode(sock) as number };
  } catch (e) {
    closeTmp();
    return { error: `cannot create the socket ${sock}: ${(e as Error).message}` };
  }
}

/** Run the server in this process until it is stopped or idle. */
async function serve(sock: string, id: string, idleMinutes: number, { say, fail }: Tell): Promise<number> {
  const installed = await install(sock);
  if ('error' in installed) return fail(EXIT.io, installed.error);
  if ('running' in installed) {
    say(`a server already runs (pid ${installed.running})`);
    return EXIT.ok;
  }
  const { server, ino } = installed;
  keepLoadsInMemory();
  const memos = keepPortsInMemory();
  const idleMs = Math.min(idleMinutes * 60_000, 2 ** 31 - 1);
  let busy = 0;
  let stopping = false;
  let idleTimer: NodeJS.Timeout | undefined;
  let ended: () => void = () => undefined;
  const finished = new Promise<void>((r) => (ended = r));
  const ours = () => inode(sock) === ino;
  const release = () => {
    if (ours()) fs.rmSync(sock, { force: true });
  };
  const stop = (why: string) => {
    if (stopping) return;
    stopping = true;
    clearTimeout(idleTimer);
    clearInterval(ownerCheck);
    release();
    server.close();
    say(`stopped (${why})`);
    if (busy === 0) ended();
  };
  const armIdle = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => stop(`no request for ${idleMinutes} min`), idleMs);
  };
  const ownerCheck = setInterval(() => {
    if (!ours()) stop('its socket was removed or replaced');
  }, OWNER_CHECK_MS);
  const onSignal = (s: NodeJS.Signals) => stop(s);
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);
  process.on('exit', release);
  server.on('connection', (conn) =>
    handleConnection(conn, {
      build: id,
      stopping: () => stopping,
      busy: (d) => {
        busy += d;
        if (d < 0) memos.nextPort();
        if (busy === 0 && stopping) ended();
        else if (busy === 0) armIdle();
        else clearTimeout(idleTimer);
      },
      stop: () => stop('asked to stop'),
    }),
  );
  armIdle();
  say(
    `listening on ${sock} (pid ${process.pid}); ends after ${idleMinutes} min without a request, or with \`xenport serve --stop\``,
  );
  await finished;
  for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.off(s, onSignal);
  process.off('exit', release);
  // Nothing else should keep the process up; if something does (a stray handle), it still ends.
  setTimeout(() => process.exit(EXIT.ok), 1000).unref();
  return EXIT.ok;
}
