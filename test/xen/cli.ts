/**
 * Runs the Xen check scripts as a user does (a child `node` running scripts/xen/main.ts), and
 * decides whether the Xen tests can run here: they need the cross toolchain, QEMU and Xen's
 * source (`npm run xen-setup`); without them they are skipped with the install command, except
 * under CI=true, where their absence is an error.
 */
import { spawn, type ChildProcess } from 'child_process';
import * as path from 'path';
import { cachePaths } from '../../scripts/xen/config';
import { BOOT_TOOLS, BUILD_TOOLS, INSTALL_ALL_HINT, missingToolsMessage } from '../../scripts/xen/toolchain';
import { sourcePresent } from '../../scripts/xen/tree';

const ROOT = path.resolve(__dirname, '..', '..');

/** A finished run of the CLI. */
export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Starts `scripts/xen/main.ts <args>`; `done` resolves when it exits. */
export function startXenCli(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, ['-r', './scripts/fuzz/ts-register.js', 'scripts/xen/main.ts', ...args], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
  const done = new Promise<CliResult>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** Runs `scripts/xen/main.ts <args>` to the end. */
export function xenCli(args: string[], env?: NodeJS.ProcessEnv): Promise<CliResult> {
  return startXenCli(args, env).done;
}

/** Why the Xen build/boot tests cannot run here, or undefined when they can. */
export function xenUnavailable(): string | undefined {
  const tools = missingToolsMessage([...BUILD_TOOLS, ...BOOT_TOOLS]);
  if (tools) return tools;
  if (!sourcePresent(cachePaths()))
    return `Xen 4.17.5 source not in ${cachePaths().source}: run ${INSTALL_ALL_HINT}, then npm run xen-setup`;
  return undefined;
}
