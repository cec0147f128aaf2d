/** Helpers for the reliability tests: rule sets from inline YAML, temporary folders, CLI runs. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { ruleSet } from '../core/helpers';
import type { RuleSet } from '../../src/rules/types';

/** A rule set from one rule file's YAML text; throws if it has errors (a broken test, not a finding). */
export const ruleSetOf = (yaml: string): RuleSet => ruleSet(yaml, 'inline');

/** A fresh temporary folder, removed by the returned cleanup function. */
export function tempDir(prefix = 'xenport-rel-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** Write a port folder (port.yaml listing the given rule files) into `dir`. */
export function writePort(dir: string, files: Record<string, string>, blocks: Record<string, string> = {}): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'port.yaml'),
    `name: test\nrules:\n${Object.keys(files)
      .map((f) => `  - ${f}\n`)
      .join('')}`,
  );
  for (const [f, t] of Object.entries(files)) fs.writeFileSync(path.join(dir, f), t);
  if (Object.keys(blocks).length) fs.mkdirSync(path.join(dir, 'blocks'));
  for (const [b, t] of Object.entries(blocks)) fs.writeFileSync(path.join(dir, 'blocks', b), t);
  return dir;
}

/** Run the CLI in-process; returns exit code, stdout and stderr. */
export async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const con = bufferConsole();
  const code = await main(argv, con);
  return { code, out: con.out, err: con.err };
}

/** The shared corpus folder, or undefined when it is absent (tests then say they were skipped). */
export function corpusDir(): string | undefined {
  const dir = process.env.XENPORT_CORPUS ?? path.resolve(__dirname, '..', '..', '..', 'shared', 'corpus');
  return fs.existsSync(dir) ? dir : undefined;
}
