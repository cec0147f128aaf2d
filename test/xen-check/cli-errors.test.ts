/**
 * The Xen check scripts' bad-input paths, which need no toolchain: a missing program, a missing
 * Xen source, bad command lines. Each is one line naming the fix, with its documented exit code,
 * and never a stack trace. Run in process (a child node takes seconds to start), except one run
 * through the real entry point.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { EXIT } from '../../scripts/xen/config';
import { runXen } from '../../scripts/xen/command';
import { BUILD_TOOLS } from '../../scripts/xen/toolchain';
import { xenCli } from '../xen/cli';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-xen-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const generated = path.join(tmp, 'smmu-v3.c');
fs.writeFileSync(generated, 'int x;\n');
fs.writeFileSync(path.join(tmp, 'x.h'), 'int y;\n');

/** A PATH holding only stub executables named after `programs`. */
function stubPath(programs: string[]): string {
  const dir = fs.mkdtempSync(path.join(tmp, 'bin-'));
  for (const p of programs) fs.writeFileSync(path.join(dir, p), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  return dir;
}

/** Runs a command in process with `env` overriding process.env, capturing its output. */
async function inProcess(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { ...process.env };
  Object.assign(process.env, env);
  const out: string[] = [];
  const err: string[] = [];
  try {
    const code = await runXen(args, { say: (l) => err.push(l + '\n'), print: (l) => out.push(l + '\n') });
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    for (const k of Object.keys(env)) {
      if (k in saved) process.env[k] = saved[k];
      else delete process.env[k];
    }
  }
}

/** Asserts a single-line failure with the exit code, and no stack trace. */
function oneLineFailure(r: { code: number | null; stdout: string; stderr: string }, code: number): string {
  expect(r.code).toBe(code);
  const lines = r.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).toBe('');
  return lines[0];
}

describe('xen-check bad input', () => {
  it('missing cross compiler and build tools (through the real entry point): exit 3 and the apt-get command', async () => {
    const r = await xenCli(['check', generated], { ...process.env, PATH: stubPath(['flock']) });
    const line = oneLineFailure(r, EXIT.toolMissing);
    expect(line).toMatch(
      /^xen-check: aarch64-linux-gnu-gcc, make, flex, bison, python3 not found: install with: apt-get update && apt-get install -y gcc-aarch64-linux-gnu make flex bison python3 /,
    );
    expect(line).toContain('scripts/xen/install-system.sh');
  });

  it('missing QEMU for the boot: exit 3 naming qemu-system-arm and device-tree-compiler', async () => {
    const r = await inProcess(['boot', generated], { PATH: stubPath(BUILD_TOOLS.map((t) => t.program)) });
    expect(oneLineFailure(r, EXIT.toolMissing)).toContain('apt-get install -y qemu-system-arm device-tree-compiler');
  });

  it('missing Xen source: exit 4 and the setup command', async () => {
    const cache = path.join(tmp, 'empty-cache');
    const r = await inProcess(['check', generated], {
      PATH: stubPath(BUILD_TOOLS.map((t) => t.program)),
      XENPORT_XEN_CACHE: cache,
    });
    const line = oneLineFailure(r, EXIT.sourceMissing);
    expect(line).toContain(
      `Xen 4.17.5+72-g01140da4e8-1 source not found in ${path.join(cache, 'source')}: run npm run xen-setup`,
    );
    expect(fs.existsSync(cache)).toBe(false);
  });

  it('missing tools for the setup: exit 3 naming dpkg-dev', async () => {
    const r = await inProcess(['setup'], {
      PATH: stubPath(BUILD_TOOLS.map((t) => t.program)),
      XENPORT_XEN_CACHE: path.join(tmp, 'c2'),
    });
    expect(oneLineFailure(r, EXIT.toolMissing)).toMatch(
      /^xen-setup: apt-get, dpkg-source not found: install with: .*apt-get install -y apt dpkg-dev/,
    );
  });

  it.each([
    [['check'], /^xen-check: usage: /],
    [['check', path.join(tmp, 'absent.c')], /^xen-check: .*absent\.c: cannot read: ENOENT \(exit 2\)$/],
    [
      ['check', path.join(tmp, 'notes.txt')],
      /^xen-check: .*notes\.txt: expected a generated \.c or \.h file \(exit 2\)$/,
    ],
    [['check', generated, generated], /two \.c files given/],
    [['check', path.join(tmp, 'x.h')], /x\.h: a generated \.h needs its generated \.c \(exit 2\)$/],
    [['check', '--jobs', 'many', generated], /--jobs needs a positive whole number/],
    [['check', '--frobnicate', generated], /unknown option --frobnicate/],
    [['setup', generated], /xen-setup takes no files/],
    [['boot', '--no-link', generated], /--no-link is for xen-check only/],
    [['launch'], /^xen-launch: usage: /],
  ])('usage error %j: exit 2, one line', async (args, message) => {
    const r = await inProcess(args as string[]);
    expect(oneLineFailure(r, EXIT.usage)).toMatch(message as RegExp);
  });
});
