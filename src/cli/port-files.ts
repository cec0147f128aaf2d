/**
 * Port from file paths: load the rules, read the Linux file, the existing Xen file and its base,
 * read the block files, run `port()`. Shared by `xenport port` and the golden runner.
 */
import { Diagnostic, hasErrors } from '../diagnostics';
import { port, PortResult } from '../port';
import { loadRuleSet, readBlockFiles } from '../rules';
import { EXIT } from './exit-codes';
import { readSource } from './files';

/** The files of one port. */
export interface PortFiles {
  input: string;
  rules: string;
  xen?: string;
  base?: string;
  dropHandEdits?: boolean;
}

/** The port's result, or why it could not run (with the exit code that says so). */
export type PortFilesResult =
  | { ok: true; result: PortResult; diagnostics: Diagnostic[] }
  | { ok: false; exitCode: number; diagnostics: Diagnostic[] };

/** Load, read and port; never throws for bad rules or unreadable files. */
export function portFiles(f: PortFiles): PortFilesResult {
  const loaded = loadRuleSet(f.rules);
  if (!loaded.ruleSet || hasErrors(loaded.diagnostics)) return { ok: false, exitCode: EXIT.invalidRules, diagnostics: loaded.diagnostics };
  const blocks = readBlockFiles(loaded.ruleSet.blockDirs);
  if (hasErrors(blocks.diagnostics)) return { ok: false, exitCode: EXIT.invalidRules, diagnostics: [...loaded.diagnostics, ...blocks.diagnostics] };
  const input = readSource(f.input);
  if (!input.ok) return { ok: false, exitCode: EXIT.io, diagnostics: input.diagnostics };
  const xen = f.xen ? readSource(f.xen, 'existing Xen file') : undefined;
  if (xen && !xen.ok) return { ok: false, exitCode: EXIT.io, diagnostics: xen.diagnostics };
  const base = f.base ? readSource(f.base, 'base Linux file') : undefined;
  if (base && !base.ok) return { ok: false, exitCode: EXIT.io, diagnostics: base.diagnostics };
  const result = port(input.value, loaded.ruleSet, {
    ...(xen?.ok ? { existingXen: xen.value } : {}),
    ...(base?.ok ? { base: base.value } : {}),
    blockFiles: blocks.blocks,
    dropHandEdits: f.dropHandEdits ?? false,
  });
  return { ok: true, result, diagnostics: [...loaded.diagnostics, ...result.diagnostics] };
}
