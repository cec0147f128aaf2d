/**
 * Port from file paths: load the rules, read the Linux file, the existing Xen file and its base,
 * read the block files, run `port()`. Shared by `xenport port` and the golden runner.
 */
import { Diagnostic, hasErrors } from '../diagnostics';
import { NamedText, port, PortResult } from '../port';
import { loadRuleSet } from '../rules';
import type { RuleSet } from '../rules/types';
import { EXIT } from './exit-codes';
import { readBlocks, readSource } from './files';

/** The files of one port. */
export interface PortFiles {
  input: string;
  rules: string;
  xen?: string;
  base?: string;
  dropHandEdits?: boolean;
}

/** What a port read: the rule set, the texts and the block files (for tools that show the result, such as the review page). */
export interface PortInputs {
  ruleSet: RuleSet;
  input: NamedText;
  xen?: NamedText;
  base?: NamedText;
  blockFiles: Map<string, NamedText>;
}

/** The port's result, or why it could not run (with the exit code that says so). */
export type PortFilesResult =
  | { ok: true; result: PortResult; diagnostics: Diagnostic[]; used: PortInputs }
  | { ok: false; exitCode: number; diagnostics: Diagnostic[] };

/** Load, read and port; never throws for bad rules or unreadable files. */
export function portFiles(f: PortFiles): PortFilesResult {
  const loaded = loadRuleSet(f.rules);
  if (!loaded.ruleSet || hasErrors(loaded.diagnostics)) return { ok: false, exitCode: EXIT.invalidRules, diagnostics: loaded.diagnostics };
  const input = readSource(f.input);
  if (!input.ok) return { ok: false, exitCode: EXIT.io, diagnostics: input.diagnostics };
  const xen = f.xen ? readSource(f.xen, 'existing Xen file') : undefined;
  if (xen && !xen.ok) return { ok: false, exitCode: EXIT.io, diagnostics: xen.diagnostics };
  const base = f.base ? readSource(f.base, 'base Linux file') : undefined;
  if (base && !base.ok) return { ok: false, exitCode: EXIT.io, diagnostics: base.diagnostics };
  const blockFiles = readBlocks(loaded.ruleSet.blockDirs);
  const result = port(input.value, loaded.ruleSet, {
    ...(xen?.ok ? { existingXen: xen.value } : {}),
    ...(base?.ok ? { base: base.value } : {}),
    blockFiles,
    dropHandEdits: f.dropHandEdits ?? false,
  });
  const used: PortInputs = { ruleSet: loaded.ruleSet, input: input.value, blockFiles, ...(xen?.ok ? { xen: xen.value } : {}), ...(base?.ok ? { base: base.value } : {}) };
  return { ok: true, result, diagnostics: [...loaded.diagnostics, ...result.diagnostics], used };
}
