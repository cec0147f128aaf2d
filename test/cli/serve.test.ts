/**
 * `xenport serve` and the thin client (bin/serve-client.js), with the built command: a server
 * started here answers port, check, help and --version byte for byte as the command in its own
 * process does (stdout, stderr, exit code, written file), relative paths and standard input
 * included; a rule, block or input file edited between two requests is picked up (the server keeps
 * parses and matches between requests); the client runs the
 * command itself when the socket is stale; a request of another build, and `watch` or `serve`,
 * are sent back to run in the client; a server that dies mid-request gives exit 75 and a message,
 * no stack trace; bad requests get an error and the server keeps serving; a second server leaves
 * the first alone; `--stop` ends the server and removes its socket. Every server runs in a
 * temporary runtime folder of its own and is stopped (or killed) before the file ends.
 */
import { ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { editFile, exampleRulesCopy, waitFor } from './edit-wait';
import { externalCorpus } from '../../src/golden/cases';
import { EXIT } from '../../src/cli/exit-codes';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'xenport.js');
const EXAMPLE = path.join(ROOT, 'corpus', 'example');
const client = {
  ...(require('../../bin/serve-socket') as {
    socketPath(env: NodeJS.ProcessEnv, id: string): string;
    buildIdOf(bundle: string): string | undefined;
  }),
  ...(require('../../bin/serve-client') as { SERVER_LOST: number }),
};
const BUILD = client.buildIdOf(path.join(ROOT, 'dist', 'cli', 'bundle.js')) as string;

let tmp: string;
const children: ChildProcess[] = [];

/** The environment of a client or server using the runtime folder `run` (and its own cache). */
function envFor(run: string, more: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_RUNTIME_DIR: run, XDG_CACHE_HOME: path.join(tmp, 'cache') };
  delete env.XENPORT_NO_SERVER;
  return { ...env, ...more };
}

/** `xenport <args>` as a process: through the server of `run` when one runs, or in process with `local`. */
function cli(args: string[], o: { run: string; cwd?: string; input?: string; local?: boolean }) {
  const env = envFor(o.run, o.local ? { XENPORT_NO_SERVER: '1' } : {});
  const r = spawnSync(process.execPath, [BIN, ...args], { env, cwd: o.cwd ?? ROOT, input: o.input, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Start `xenport serve` on the runtime folder `run`; resolves once it listens. */
async function startServer(run: string): Promise<{ child: ChildProcess; err: () => string; sock: string }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--idle', '5'], {
    env: envFor(run),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  let err = '';
  child.stderr!.on('data', (b) => (err += b));
  await waitFor(() => err, /listening on/, 30000);
  return { child, err: () => err, sock: client.socketPath(envFor(run), BUILD) };
}

/** How many requests the server of `run` has run (from `xenport serve --status`). */
function served(run: string): number {
  const r = cli(['serve', '--status'], { run });
  const m = /(\d+) requests run/.exec(r.err);
  if (!m) throw new Error(`no server status: ${r.err}`);
  return Number(m[1]);
}

/** Send raw lines to `sock`; resolves to the messages received until the server closes. */
function raw(sock: string, lines: string[]): Promise<Array<Record<string, unknown>>> {
  return new Promise((resolve, reject) => {
    const conn = net.createConnection(sock);
    let text = '';
    conn.on('connect', () => conn.write(lines.map((l) => `${l}\n`).join('')));
    conn.on('data', (b) => (text += b));
    conn.on('error', reject);
    conn.on('close', () =>
      resolve(
        text
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>),
      ),
    );
  });
}

const request = (argv: string[], build = BUILD) =>
  JSON.stringify({
    t: 'run',
    build,
    argv,
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '' },
    umask: 0o022,
    tty: { stdin: false, stdout: false, stderr: false },
  });

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-serve-'));
  expect(BUILD).toMatch(/^[0-9a-f]{64}$/); // the test runs the build (npm test builds first)
});

afterAll(() => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('a running server', () => {
  let run: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    run = fs.mkdtempSync(path.join(tmp, 'run-'));
    server = await startServer(run);
    expect((fs.statSync(server.sock).mode & 0o777).toString(8)).toBe('600');
  }, 60000);

  const same = (args: string[], o: { cwd?: string; input?: string } = {}) => {
    const before = served(run);
    const local = cli(args, { ...o, run, local: true });
    const remote = cli(args, { ...o, run });
    expect(served(run)).toBe(before + 1); // it went through the server
    expect(remote).toEqual(local);
    return remote;
  };

  test('answers --version, help, port, --check and rules check as the command in process does', () => {
    expect(same(['--version']).out).toMatch(/^\d+\.\d+\.\d+\n$/);
    same(['port', '--help']);
    const ported = same(['port', 'linux.c', '--rules', 'rules', '--stdout'], { cwd: EXAMPLE });
    expect(ported.code).toBe(0);
    expect(ported.out).toBe(fs.readFileSync(path.join(EXAMPLE, 'xen.c'), 'utf8'));
    same(['port', 'linux.c', '--rules', 'rules', '--xen', 'xen.c', '--check'], { cwd: EXAMPLE });
    expect(same(['port', 'missing.c', '--rules', 'rules', '--stdout'], { cwd: EXAMPLE }).code).toBe(EXIT.io);
    expect(same(['port', 'linux.c', '--bogus'], { cwd: EXAMPLE }).code).toBe(EXIT.usage);
    same(['rules', 'check', path.join(EXAMPLE, 'rules')]);
  }, 120000);

  test('reads standard input for `-`', () => {
    const input = fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8');
    const r = same(['port', '-', '--rules', 'rules', '--stdout'], { cwd: EXAMPLE, input });
    expect(r.err).toContain('<stdin>');
    expect(r.out).toBe(fs.readFileSync(path.join(EXAMPLE, 'xen.c'), 'utf8'));
  }, 60000);

  test('creates a file with the mode of the client umask', () => {
    const out = path.join(tmp, 'umask.c');
    const args = [BIN, 'port', path.join(EXAMPLE, 'linux.c'), '--rules', path.join(EXAMPLE, 'rules'), '-o', out, '-q'];
    const port = (local: boolean) => {
      const env = envFor(run, local ? { XENPORT_NO_SERVER: '1' } : {});
      // A umask other than this process's (the server's): the new file's mode comes from the client's.
      const r = spawnSync('/bin/sh', ['-c', 'umask 077 && exec "$0" "$@"', process.execPath, ...args], { env });
      expect(r.status).toBe(0);
      const mode = fs.statSync(out).mode & 0o777;
      fs.rmSync(out);
      return mode;
    };
    const before = served(run);
    expect(port(false)).toBe(port(true));
    expect(served(run)).toBe(before + 1);
  }, 60000);

  test('writes the same file', () => {
    const out = path.join(tmp, 'written.c');
    const args = ['port', path.join(EXAMPLE, 'linux.c'), '--rules', path.join(EXAMPLE, 'rules'), '-o', out];
    const local = cli(args, { run, local: true });
    const written = fs.readFileSync(out, 'utf8');
    fs.rmSync(out);
    const before = served(run);
    expect(cli(args, { run })).toEqual(local);
    expect(served(run)).toBe(before + 1);
    expect(fs.readFileSync(out, 'utf8')).toBe(written);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  }, 60000);

  const ext = externalCorpus();
  (ext.present ? test : test.skip)(
    'answers a golden port (SMMUv1, external corpus) byte for byte',
    () => {
      const dir = path.join(path.resolve(ext.dir), 'smmu-v1v2-2015');
      const args = ['port', path.join(dir, 'linux.c'), '--rules', 'rules/smmu-v1v2', '--xen', path.join(dir, 'xen.c')];
      const r = same([...args, '--check']);
      expect(r.code).toBe(0);
      // Again: the server now holds the trees of these texts (kept between requests) and must answer the same.
      expect(same([...args, '--check'])).toEqual(r);
      expect(same([...args, '--stdout']).out).toBe(fs.readFileSync(path.join(dir, 'xen.c'), 'utf8'));
    },
    180000,
  );

  test('a rule or block file edited between two requests is picked up', () => {
    const { dir, rules } = exampleRulesCopy('xenport-serve-rules-');
    try {
      const args = ['port', path.join(EXAMPLE, 'linux.c'), '--rules', rules, '--stdout'];
      const first = cli(args, { run });
      expect(first.out).toContain('xzalloc_bytes(sizeof(*iommu))');
      editFile(path.join(rules, 'api.yaml'), 'with: "xzalloc_bytes($SIZE)"', 'with: "xzalloc_bytes($SIZE + 1)"');
      const second = same(args);
      expect(second.out).toContain('xzalloc_bytes(sizeof(*iommu) + 1)');
      const block = fs.readdirSync(path.join(rules, 'blocks'))[0];
      fs.appendFileSync(path.join(rules, 'blocks', block), '/* edited between two requests */\n');
      expect(same(args).out).toContain('/* edited between two requests */');
      // An input of the same name with another text is parsed again (the trees are kept by text).
      const input = path.join(dir, 'linux.c');
      const text = fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8');
      fs.writeFileSync(input, text);
      const inputArgs = ['port', input, '--rules', rules, '--stdout'];
      same(inputArgs);
      fs.writeFileSync(input, `${text}\nstatic int added_between_requests(void)\n{\n\treturn 0;\n}\n`);
      expect(same(inputArgs).out).toContain('added_between_requests');
      // A call added to the input is matched (the matches are kept by parse, and this text is new).
      fs.writeFileSync(
        input,
        `${text}\nstatic int added_call(struct device *dev)\n{\n\treturn devm_request_irq(dev, 7, NULL, 0, "x", NULL);\n}\n`,
      );
      expect(same(inputArgs).err).toContain("rule 'irq-request' expected 1 match(es), found 2");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120000);

  test('runs with the client environment', () => {
    const { dir, rules } = exampleRulesCopy('xenport-serve-env-');
    try {
      const cache = path.join(dir, 'other-cache');
      const env = envFor(run, { XDG_CACHE_HOME: cache });
      const args = [BIN, 'port', path.join(EXAMPLE, 'linux.c'), '--rules', rules, '--stdout', '-q'];
      const before = served(run);
      expect(spawnSync(process.execPath, args, { env }).status).toBe(0);
      expect(served(run)).toBe(before + 1);
      expect(fs.readdirSync(path.join(cache, 'xenport', 'rules'))).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60000);

  test('another build, watch and serve are sent back to the client; bad requests get an error', async () => {
    expect(await raw(server.sock, [request(['--version'], 'f'.repeat(64))])).toEqual([{ t: 'local' }]);
    expect(await raw(server.sock, [request(['watch', 'a.c', '--rules', 'r', '--stdout'])])).toEqual([{ t: 'local' }]);
    expect(await raw(server.sock, [request(['serve', '--stop'])])).toEqual([{ t: 'local' }]);
    const bad = [['not json'], ['[1]'], [JSON.stringify({ t: 'run', build: BUILD, argv: 5 })], ['{"t":"nonsense"}']];
    for (const lines of bad) {
      const answer = await raw(server.sock, lines);
      expect(answer).toHaveLength(1);
      expect(answer[0].t).toBe('error');
    }
    expect(await raw(server.sock, [request(['--version'])])).toEqual([
      { t: 'out', s: `${(require('../../package.json') as { version: string }).version}\n` },
      { t: 'exit', code: 0 },
    ]);
  }, 60000);

  test('a second server leaves the first alone', () => {
    const second = spawnSync(process.execPath, [BIN, 'serve', '--idle', '1'], {
      env: envFor(run),
      encoding: 'utf8',
      timeout: 30000,
    });
    expect(second.status).toBe(0);
    expect(second.stderr).toMatch(/a server already runs \(pid \d+\)/);
    expect(served(run)).toBeGreaterThan(0);
  }, 60000);

  afterAll(async () => {
    const stop = cli(['serve', '--stop'], { run });
    expect(stop.err).toMatch(/stopped the server \(pid \d+\)/);
    expect(stop.code).toBe(0);
    const code = await new Promise((r) =>
      server.child.exitCode !== null ? r(server.child.exitCode) : server.child.on('exit', r),
    );
    expect(code).toBe(0);
    expect(fs.existsSync(server.sock)).toBe(false);
    expect(cli(['serve', '--status'], { run }).code).toBe(1);
    expect(cli(['--version'], { run }).code).toBe(0); // no server: in process
    expect(cli(['serve', 'stop'], { run }).err).toMatch(/no server of this build runs/);
  }, 60000);
});

test('a stale socket: the client runs the command itself, and a new server replaces the socket', async () => {
  const run = fs.mkdtempSync(path.join(tmp, 'stale-'));
  const sock = client.socketPath(envFor(run), BUILD);
  fs.mkdirSync(path.dirname(sock), { mode: 0o700 });
  // A socket file nobody listens on: bound under another name, linked, then closed (which removes only that name).
  const other = path.join(run, 'other.sock');
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(other, r));
  fs.linkSync(other, sock);
  await new Promise((r) => srv.close(r));
  expect(fs.statSync(sock).isSocket()).toBe(true);
  const args = ['port', 'linux.c', '--rules', 'rules', '--stdout'];
  expect(cli(args, { run, cwd: EXAMPLE })).toEqual(cli(args, { run, cwd: EXAMPLE, local: true }));
  const server = await startServer(run);
  expect(served(run)).toBe(0);
  expect(cli(['--version'], { run }).code).toBe(0);
  expect(served(run)).toBe(1);
  cli(['serve', '--stop'], { run });
  await new Promise((r) => (server.child.exitCode !== null ? r(null) : server.child.on('exit', r)));
  expect(fs.existsSync(sock)).toBe(false);
}, 120000);

test('a server that ends mid-request: exit 75 and a message, no stack trace', async () => {
  expect(client.SERVER_LOST).toBe(EXIT.serverLost);
  const run = fs.mkdtempSync(path.join(tmp, 'dies-'));
  const sock = client.socketPath(envFor(run), BUILD);
  fs.mkdirSync(path.dirname(sock), { mode: 0o700 });
  // A server that reads the request, sends part of an answer and goes away.
  const srv = net.createServer((conn) =>
    conn.once('data', () => {
      conn.write(`${JSON.stringify({ t: 'err', s: 'xenport: started\n' })}\n`);
      conn.destroy();
    }),
  );
  await new Promise<void>((r) => srv.listen(sock, r));
  try {
    const r = await new Promise<{ code: number | null; err: string }>((resolve) => {
      const child = spawn(process.execPath, [BIN, '--version'], {
        env: envFor(run),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let err = '';
      child.stderr!.on('data', (b) => (err += b));
      child.on('close', (code) => resolve({ code, err }));
    });
    expect(r.code).toBe(EXIT.serverLost);
    expect(r.err).toMatch(/the xenport server ended before it answered/);
    expect(r.err).not.toMatch(/\n\s+at /);
  } finally {
    await new Promise((r) => srv.close(r));
  }
}, 60000);
