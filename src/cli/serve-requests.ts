/**
 * The requests of `xenport serve` (src/cli/serve-command.ts): one connection carries one command
 * line from the thin client (bin/serve-client.js, which also describes the messages), run by
 * `main` as the client's process would run it, its output streamed back.
 *
 * Requests run one at a time, and each sets the process state the CLI reads to the client's for
 * its duration: the working folder (process.chdir), the environment (process.env, changed in place
 * so that what reads the real environment sees it too), the umask (the mode of new files), standard
 * input (./read-bounded.ts) and the terminal facts (the Console). Serialising is the choice because
 * the working folder is read implicitly everywhere a relative path reaches `fs` (rule, block, input
 * and output files, the scan's worker threads): passing a folder through every such call would
 * touch most of the code, and one missed call would read the wrong file without a sign. Two cores
 * gain little from running ports side by side, and a second client simply waits its turn.
 */
import type * as net from 'net';
import { Args, parseCommandLine } from './args';
import { COMMANDS } from './commands';
import { Console, lineText } from './console';
import { MAX_INPUT_BYTES } from './files';
import { main } from './main';
import { BoundedRead, withStdin } from './read-bounded';
import { protocol } from './serve-socket';

/** A command line to run, as the client sends it. */
export interface RunRequest {
  t: 'run';
  /** The build id the client found beside its bundle. */
  build: string;
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  /** The file mode creation mask (new output files get their mode from it). */
  umask: number;
  tty: { stdin: boolean; stdout: boolean; stderr: boolean; columns?: number };
}

/** What the connection handler needs from the server. */
export interface ServerHooks {
  build: string;
  /** True once the server is stopping: new requests are sent back to run in the client. */
  stopping(): boolean;
  /** A request started (+1) or ended (-1): the idle clock counts from the last end. */
  busy(delta: 1 | -1): void;
  /** `xenport serve --stop` asked the server to end. */
  stop(): void;
}

/** Standard input when the command line did not say it reads it (`-`) and something reads it anyway. */
const NO_STDIN: BoundedRead = {
  ok: false,
  why: 'unreadable',
  message: 'standard input is not passed to `xenport serve` here (run with XENPORT_NO_SERVER=1)',
};

/** The request `m` when it is well formed, else what is wrong with it. */
export function checkRequest(m: unknown): RunRequest | string {
  const r = m as Partial<RunRequest>;
  const strings = (a: unknown) => Array.isArray(a) && a.every((x) => typeof x === 'string');
  if (typeof r.build !== 'string') return 'no build id';
  if (!strings(r.argv)) return 'argv is not a list of strings';
  if (typeof r.cwd !== 'string' || !r.cwd.startsWith('/')) return 'cwd is not an absolute path';
  if (typeof r.umask !== 'number' || !Number.isInteger(r.umask) || r.umask < 0 || r.umask > 0o777)
    return 'umask is not a file mode mask';
  if (typeof r.env !== 'object' || r.env === null || !Object.values(r.env).every((v) => typeof v === 'string'))
    return 'env is not an object of strings';
  const t = r.tty;
  if (
    typeof t !== 'object' ||
    t === null ||
    !['stdin', 'stdout', 'stderr'].every((k) => typeof t[k as 'stdin'] === 'boolean')
  )
    return 'tty is not an object of booleans';
  if (t.columns !== undefined && typeof t.columns !== 'number') return 'tty.columns is not a number';
  return r as RunRequest;
}

/** Whether the command line reads standard input: an argument that takes `-` as standard input is `-`. */
function readsStdin(argv: string[]): boolean {
  const p = parseCommandLine(COMMANDS, argv, () => '');
  if (p.kind !== 'run') return false;
  const dash = (v: unknown) => v === '-' || (Array.isArray(v) && v.includes('-'));
  const a: Args = p.args;
  return (
    p.command.positionals.some((s) => s.stdin && dash(a.positionals[s.name])) ||
    Object.entries(p.command.options).some(([n, o]) => o.stdin && dash(a.options[n]))
  );
}

/** Whether the command line names a command that runs in the client's own process (`local` in the table). */
function isLocal(argv: string[]): boolean {
  const p = parseCommandLine(COMMANDS, argv, () => '');
  return p.kind === 'run' && p.command.local === true;
}

/** Requests run one after the other (see the header). */
let queue: Promise<void> = Promise.resolve();
/** How many requests this server has run (`xenport serve --status` shows it). */
let served = 0;

/** Set process.env to `env` in place (deleted and set through process.env, so the real environment follows). */
function setEnv(env: Record<string, string | undefined>): void {
  for (const k of Object.keys(process.env)) if (!(k in env)) delete process.env[k];
  for (const [k, v] of Object.entries(env)) if (v !== undefined && process.env[k] !== v) process.env[k] = v;
}

/** Run `req` with its working folder, environment, standard input and terminal; `send` gets the output. */
async function runRequest(req: RunRequest, stdin: BoundedRead, send: (m: object) => void): Promise<void> {
  const saved = { env: { ...process.env }, cwd: process.cwd() };
  try {
    process.chdir(req.cwd);
  } catch {
    // A working folder that is gone or not enterable: the client's own process reports it as it would.
    send({ t: 'local' });
    return;
  }
  setEnv(req.env);
  const umask = process.umask(req.umask);
  const out: Console = {
    stdout: (text, newline) => send({ t: 'out', s: lineText(text, newline) }),
    stderr: (text, newline) => send({ t: 'err', s: lineText(text, newline) }),
    terminal: { stderr: req.tty.stderr, columns: req.tty.stdout ? req.tty.columns || undefined : undefined },
  };
  let code: number;
  try {
    code = await withStdin(stdin, () => main(req.argv, out));
  } finally {
    process.umask(umask);
    setEnv(saved.env);
    process.chdir(saved.cwd);
  }
  send({ t: 'exit', code });
}

/** Serve one connection: a `ping`, a `stop`, or a `run` (with its standard input when it reads `-`). */
export function handleConnection(conn: net.Socket, hooks: ServerHooks): void {
  let request: RunRequest | undefined;
  let stdin: { chunks: Buffer[]; total: number; error?: string } | undefined;
  const send = (m: object) => {
    if (!conn.destroyed) conn.write(protocol().frame(m));
  };
  let refused = false;
  const refuse = (message: string) => {
    refused = true;
    send({ t: 'error', message });
    conn.end();
  };
  /** The client is to run the command itself. */
  const local = () => {
    send({ t: 'local' });
    conn.end();
  };
  const start = (input: BoundedRead) => {
    const req = request as RunRequest;
    hooks.busy(1);
    queue = queue
      .then(() => runRequest(req, input, send))
      .catch((e: unknown) => send({ t: 'error', message: (e as Error).message }))
      .finally(() => {
        served++;
        hooks.busy(-1);
        conn.end();
      });
  };
  const onRun = (m: unknown) => {
    const req = checkRequest(m);
    if (typeof req === 'string') return refuse(`malformed request: ${req}`);
    request = req;
    if (req.build !== hooks.build || hooks.stopping() || isLocal(req.argv)) return local();
    if (!readsStdin(req.argv)) return start(NO_STDIN);
    // Reading a terminal until Ctrl-D is interactive: that stays in the client's process.
    if (req.tty.stdin) return local();
    stdin = { chunks: [], total: 0 };
    send({ t: 'stdin', limit: MAX_INPUT_BYTES + 1 });
  };
  const onMessage = (m: { t?: unknown; b?: unknown; message?: unknown }): void => {
    if (refused) return;
    if (m.t === 'ping') {
      send({ t: 'pong', pid: process.pid, build: hooks.build, served });
      conn.end();
    } else if (m.t === 'stop') {
      send({ t: 'stopping', pid: process.pid });
      conn.end();
      hooks.stop();
    } else if (m.t === 'run' && !request) onRun(m);
    else if (m.t === 'stdin' && stdin && typeof m.b === 'string') {
      const b = Buffer.from(m.b, 'base64');
      if (stdin.total <= MAX_INPUT_BYTES) stdin.chunks.push(b);
      stdin.total += b.length;
    } else if (m.t === 'stdin-error' && stdin) stdin.error = String(m.message);
    else if (m.t === 'stdin-end' && stdin) {
      const s = stdin;
      stdin = undefined;
      start(
        s.error ? { ok: false, why: 'unreadable', message: s.error } : { ok: true, bytes: Buffer.concat(s.chunks) },
      );
    } else refuse(`unexpected message '${String(m.t)}'`);
  };
  // A client that went away (a reader that closed the pipe, Ctrl-C): its request still ends, unheard.
  conn.on('error', () => undefined);
  conn.setEncoding('utf8');
  const read = protocol().messageReader(onMessage, refuse);
  let length = 0;
  conn.on('data', (chunk: string) => {
    length += chunk.length;
    // Only a request and its standard input (at most 8 MiB, in base64) come in.
    if (length > 4 * MAX_INPUT_BYTES) return refuse('the request is too long');
    read(chunk);
  });
}
