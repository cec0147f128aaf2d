/** Helpers of the tests that change files under a running port (rule cache, watch). */
import { ChildProcess, spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.resolve(__dirname, '..', '..');
const CHILD = path.join(ROOT, 'test', 'reliability', 'cli-child.js');

/** Replace `from` (which must be there) by `to` in `file`. */
export function editFile(file: string, from: string, to: string): void {
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

/** Resolves once `text()` matches, rejects after `ms`. */
export function waitFor(text: () => string, re: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => {
      if (re.test(text())) resolve();
      else if (Date.now() - t0 > ms) reject(new Error(`timed out waiting for ${re}; got:\n${text()}`));
      else setTimeout(tick, 50);
    };
    tick();
  });
}

/** `xenport watch <args>` as a child process (from the build when it is current), with what it printed so far. */
export function spawnWatch(args: string[]): {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
} {
  const child = spawn(process.execPath, [CHILD, 'watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (err += b));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** A new temporary folder holding a copy of the example's rules (`<dir>/rules`). */
export function exampleRulesCopy(prefix: string): { dir: string; rules: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const rules = path.join(dir, 'rules');
  fs.cpSync(path.join(ROOT, 'corpus', 'example', 'rules'), rules, { recursive: true });
  return { dir, rules };
}
