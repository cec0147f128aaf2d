/**
 * File-shape fuzzing (issue 10): the command line with FIFOs, device nodes, folders, symbolic links
 * (good and dangling), hard links, missing files, long names and names of other inputs as the
 * Linux input, --xen, --base and -o, in write, --check, --diff and --stdout modes. Each case builds
 * its files in a fresh folder and runs the built CLI (bin/xenport.js) in a child process with a
 * time limit, so that a read that blocks on a FIFO is a failure, not a hang of the harness.
 * Properties: no exit 70, no hang; exit 0, 1, 2 or 4; a FIFO, device or folder is never replaced;
 * symbolic links stay links to the same place; hard links stay one file; the Linux input and the
 * --base file are never changed; no temporary file is left; a refused output is left as it was.
 * Device nodes are made with mknod in the case folder (as root; otherwise FIFOs stand in for them
 * as outputs and the real /dev/null and /dev/zero are used only as inputs).
 */
import { execFileSync, spawnSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { PropertyFailure } from './properties';
import { ROOT } from './seeds';

const INPUT_SHAPES = [
  'regular',
  'symlink',
  'dangling',
  'fifo',
  'null-device',
  'zero-device',
  'dir',
  'missing',
  'crlf',
] as const;
const XEN_SHAPES = [
  'none',
  'regular',
  'symlink',
  'dangling',
  'fifo',
  'null-device',
  'dir',
  'missing',
  'input',
] as const;
const BASE_SHAPES = ['none', 'regular', 'symlink', 'fifo', 'zero-device', 'dir'] as const;
const OUTPUT_SHAPES = [
  'none',
  'regular',
  'new',
  'symlink',
  'dangling',
  'fifo',
  'null-device',
  'dir',
  'hardlink',
  'input',
  'base',
  'stdout',
  'long-name',
] as const;
const MODES = ['write', 'check', 'diff', 'stdout', 'force'] as const;

/** One generated case: a shape per role and a mode. */
export interface FileCase {
  input: (typeof INPUT_SHAPES)[number];
  xen: (typeof XEN_SHAPES)[number];
  base: (typeof BASE_SHAPES)[number];
  output: (typeof OUTPUT_SHAPES)[number];
  mode: (typeof MODES)[number];
}

/** One of `shapes`, the first (the ordinary one) `weight` times as likely as each other, so that some cases succeed. */
function usually<T>(shapes: readonly T[], weight: number): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constant(shapes[0]), weight },
    { arbitrary: fc.constantFrom(...shapes.slice(1)), weight: 1 },
  );
}

/** The generator of cases. */
export const fileCaseArb: fc.Arbitrary<FileCase> = fc.record({
  input: usually(INPUT_SHAPES, 3),
  xen: usually(XEN_SHAPES, 2),
  base: usually(BASE_SHAPES, 2),
  output: usually(['regular', ...OUTPUT_SHAPES.filter((s) => s !== 'regular')] as const, 1),
  mode: fc.constantFrom(...MODES),
});

const EXAMPLE = path.join(ROOT, 'corpus', 'example');
const BIN = path.join(ROOT, 'bin', 'xenport.js');
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'bundle.js');
const root = process.getuid?.() === 0;
const SENTINEL = '/* previous output: must survive a refused port */\n';

/** Throws unless dist/cli/bundle.js is newer than every file under src/ (the property runs the built CLI). */
export function checkBuilt(): void {
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...fs
        .readdirSync(dir, { withFileTypes: true })
        .map((e) => (e.isDirectory() ? newest(path.join(dir, e.name)) : fs.statSync(path.join(dir, e.name)).mtimeMs)),
    );
  if (!fs.existsSync(BUNDLE) || fs.statSync(BUNDLE).mtimeMs < newest(path.join(ROOT, 'src')))
    throw new Error('files: the CLI bundle is missing or older than src/: run `npm run build` first');
}

/** Make a file of the given shape at `p`; `text` for regular files, `to` for links. */
function make(p: string, shape: string, text: string, to?: string): void {
  switch (shape) {
    case 'regular':
    case 'crlf':
      fs.writeFileSync(p, shape === 'crlf' ? text.replace(/\n/g, '\r\n') : text);
      return;
    case 'symlink':
      fs.writeFileSync(`${p}.target`, text);
      fs.symlinkSync(path.basename(`${p}.target`), p);
      return;
    case 'dangling':
      fs.symlinkSync('nowhere', p);
      return;
    case 'fifo':
      execFileSync('mkfifo', [p]);
      return;
    case 'null-device':
    case 'zero-device':
      if (root) execFileSync('mknod', [p, 'c', '1', shape === 'null-device' ? '3' : '5']);
      else execFileSync('mkfifo', [p]);
      return;
    case 'dir':
      fs.mkdirSync(p);
      return;
    case 'hardlink':
      fs.writeFileSync(p, text);
      fs.linkSync(p, `${p}.other`);
      return;
    case 'input':
    case 'base':
      if (to) fs.symlinkSync(to, p);
      return;
  }
}

/** What each name of the folder is: kind, link target, inode and content hash for files. */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const n of fs.readdirSync(dir)) {
    const p = path.join(dir, n);
    const st = fs.lstatSync(p);
    const kind = st.isSymbolicLink()
      ? `link->${fs.readlinkSync(p)}`
      : st.isFIFO()
        ? 'fifo'
        : st.isCharacterDevice()
          ? `chr ${st.rdev}`
          : st.isDirectory()
            ? `dir ${fs.readdirSync(p).length}`
            : `file ino ${st.ino} nlink ${st.nlink}`;
    out.set(
      n,
      st.isFile()
        ? `${kind} ${fs.readFileSync(p).toString('base64').length}:${fs.readFileSync(p, 'latin1').slice(0, 60)}`
        : kind,
    );
  }
  return out;
}

/** Run one case in `dir` (emptied first); returns the outcome (`exit <n>`), throws PropertyFailure. */
export function checkFileCase(c: FileCase, dir: string): string {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  const linuxText = fs.readFileSync(path.join(EXAMPLE, 'linux.c'), 'utf8');
  const xenText = fs.readFileSync(path.join(EXAMPLE, 'xen.c'), 'utf8');
  const p = (n: string): string => path.join(dir, n);
  const input =
    c.input === 'null-device' && !root ? '/dev/null' : c.input === 'zero-device' && !root ? '/dev/zero' : p('linux.c');
  if (input === p('linux.c')) make(input, c.input === 'missing' ? 'none' : c.input, linuxText);
  const argv = ['port', input, '--rules', path.join(EXAMPLE, 'rules')];
  if (c.xen !== 'none') {
    if (c.xen !== 'missing') make(p('xen.c'), c.xen, xenText, 'linux.c');
    argv.push('--xen', p('xen.c'));
  }
  if (c.base !== 'none') {
    make(p('base.c'), c.base === 'zero-device' && !root ? 'fifo' : c.base, linuxText);
    argv.push('--base', p('base.c'));
  }
  const outName = c.output === 'long-name' ? `${'o'.repeat(248)}.c` : 'out.c';
  if (c.output === 'stdout') argv.push('-o', '-');
  else if (c.output !== 'none') {
    if (c.output === 'regular' || c.output === 'long-name') fs.writeFileSync(p(outName), SENTINEL);
    else if (c.output !== 'new') make(p(outName), c.output, SENTINEL, c.output === 'input' ? 'linux.c' : 'base.c');
    argv.push('-o', p(outName));
  }
  if (c.mode === 'check' || c.mode === 'diff' || c.mode === 'stdout' || c.mode === 'force') argv.push(`--${c.mode}`);
  argv.push('-q');

  const before = snapshot(dir);
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    maxBuffer: 64 << 20,
  });
  const what = `xenport ${argv.join(' ').split(dir).join('.')}`;
  if (r.error || r.signal)
    throw new PropertyFailure(
      `${what}: ${r.signal === 'SIGTERM' ? 'hung (killed after 30 s)' : `${r.error?.message ?? r.signal}`}`,
    );
  const code = r.status as number;
  if (code === 70) throw new PropertyFailure(`${what}: internal error (exit 70)\n${r.stderr}`);
  if (![0, 1, 2, 4].includes(code)) throw new PropertyFailure(`${what}: unexpected exit ${code}\n${r.stderr}`);
  if (code !== 0 && !/(error XP\d{3}|^xenport [a-z ]+: )/m.test(r.stderr))
    throw new PropertyFailure(`${what}: exit ${code} without a message\n${r.stderr}`);

  const after = snapshot(dir);
  for (const [n, was] of before) {
    const now = after.get(n);
    const isOutput =
      n === outName || n === `${outName}.target` || (c.output === 'hardlink' && n === `${outName}.other`);
    const kind = (s: string | undefined): string => (s ?? 'gone').split(' ').slice(0, 2).join(' ');
    if (!isOutput || code !== 0 || c.mode === 'check' || c.mode === 'diff' || c.mode === 'stdout') {
      // Nothing but the output may change, and nothing at all when the port did not write.
      if (now !== was && !(n === 'xen.c' || n === 'xen.c.target'))
        throw new PropertyFailure(`${what}: exit ${code} but ${n} changed: ${was} -> ${now ?? 'gone'}`);
    }
    if (!was.startsWith('file') && kind(now) !== kind(was))
      throw new PropertyFailure(`${what}: ${n} was ${was}, is now ${now ?? 'gone'}`);
  }
  for (const n of after.keys())
    if (/\.xenport-\d+-\d+\.tmp$/.test(n)) throw new PropertyFailure(`${what}: temporary file left: ${n}`);
  for (const n of ['linux.c', 'linux.c.target', 'base.c', 'base.c.target']) {
    if (before.has(n) && after.get(n) !== before.get(n)) throw new PropertyFailure(`${what}: ${n} (an input) changed`);
  }
  const nonRegularOut = ['fifo', 'null-device', 'dir', 'dangling', 'hardlink', 'input', 'base'].includes(c.output);
  if (code === 0 && nonRegularOut && c.mode !== 'stdout' && c.mode !== 'check' && c.mode !== 'diff')
    throw new PropertyFailure(`${what}: exit 0 writing to a ${c.output} output`);
  return `exit ${code}`;
}
