/**
 * Port from file paths: load the rules, read the Linux file, the existing Xen file and its base,
 * read the block files, run `port()`. Shared by `xenport port` and the golden runner.
 *
 * Line ends: the port works on LF text (every CRLF of the inputs and block files becomes LF, so
 * that the carry-over compares lines, not line ends), and the output gets one kind of line end
 * throughout, the Linux input's: CRLF when its first line ends with CRLF, LF otherwise.
 */
import { Diagnostic, hasErrors } from '../diagnostics';
import { NamedText, port, PortResult } from '../port';
import { loadRuleSet } from '../rules';
import { EXIT } from './exit-codes';
import { readBlocks, readSource } from './files';

/** The files of one port. */
export interface PortFiles {
  input: string;
  rules: string;
  xen?: string;
  base?: string;
  dropHandEdits?: boolean;
  /** The file the output goes to, named by diagnostics about the output (XP204). */
  outputFile?: string;
}

/** The text with every CRLF made LF. */
const lf = <T extends NamedText>(t: T): T => (t.text.includes('\r\n') ? { ...t, text: t.text.replace(/\r\n/g, '\n') } : t);

/** Whether the text's first line ends with CRLF. */
function firstLineEndIsCrlf(text: string): boolean {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r';
}

/** The port's result, or why it could not run (with the exit code that says so). */
export type PortFilesResult =
  | { ok: true; result: PortResult; diagnostics: Diagnostic[] }
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
  const blockFiles = new Map([...readBlocks(loaded.ruleSet.blockDirs)].map(([name, text]) => [name, lf(text)]));
  const result = port(lf(input.value), loaded.ruleSet, {
    ...(xen?.ok ? { existingXen: lf(xen.value) } : {}),
    ...(base?.ok ? { base: lf(base.value) } : {}),
    blockFiles,
    dropHandEdits: f.dropHandEdits ?? false,
    ...(f.outputFile !== undefined ? { outputFile: f.outputFile } : {}),
  });
  if (firstLineEndIsCrlf(input.value.text)) result.output = result.output.replace(/\r?\n/g, '\r\n');
  return { ok: true, result, diagnostics: [...loaded.diagnostics, ...result.diagnostics] };
}
