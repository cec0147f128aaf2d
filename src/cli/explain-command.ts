/**
 * `xenport explain <generated-file>:<line> <linux-file> --rules <port>`: where one line of a
 * generated Xen file came from. The port is run again (the generated file serves as the existing
 * Xen file, so its blocks are carried over), its output must equal the file, and the line's origin
 * is printed: the Linux line it was copied from, and the rules (file:line, kind, reason) and block
 * that wrote it.
 */
import { formatDiagnostics, lineOrigins } from '../emit';
import { hasErrors } from '../diagnostics';
import { Console } from './console';
import { EXIT } from './exit-codes';
import { readSource } from './files';
import { portFiles } from './port-files';

/** Options of `xenport explain`. */
export interface ExplainArgs {
  /** `<generated-file>:<line>`. */
  target: string;
  input: string;
  rules: string;
  only: string[];
  base?: string;
}

/** Run `xenport explain`; returns the exit code. */
export function runExplain(a: ExplainArgs, out: Console): number {
  const m = /^(.*):(\d+)$/.exec(a.target);
  if (!m || Number(m[2]) < 1) {
    out.stderr(`xenport explain: '${a.target}' is not <generated-file>:<line> (a line number from 1)`);
    return EXIT.usage;
  }
  const [file, line] = [m[1], Number(m[2])];
  const generated = readSource(file, 'generated file');
  if (!generated.ok) {
    out.stderr(formatDiagnostics(generated.diagnostics, false));
    return EXIT.io;
  }
  const ported = portFiles({ input: a.input, rules: a.rules, only: a.only, xen: file, base: a.base, dropHandEdits: true });
  if (!ported.ok) {
    out.stderr(formatDiagnostics(ported.diagnostics, false));
    return ported.exitCode;
  }
  const { result } = ported;
  if (hasErrors(result.diagnostics)) {
    out.stderr(formatDiagnostics(result.diagnostics, false));
    return EXIT.portFailed;
  }
  const origins = lineOrigins(ported.used.input.text, result.output, result.provenance);
  const o = origins[line - 1];
  if (!o) {
    out.stderr(`xenport explain: ${file} has ${origins.length} lines as generated; there is no line ${line}`);
    return EXIT.usage;
  }
  const lf = generated.value.text.replace(/\r\n/g, '\n');
  const stale = lf !== result.output ? ' (note: the file differs from what these rules generate now; the line is explained as generated now)' : '';
  const linuxLines = ported.used.input.text.split('\n');
  const lines = [`${file}:${line}: ${o.text}${stale}`];
  if (o.linux !== undefined) lines.push(`  copied from ${a.input}:${o.linux}: ${linuxLines[o.linux - 1] ?? ''}`);
  for (const r of o.rules) lines.push(`  written by rule ${r.id} (${r.at}): ${r.change}${r.block ? ` of block '${r.block}'` : ''}${r.reason ? `; reason: ${r.reason.split('\n')[0]}` : ''}`);
  if (o.linux === undefined && o.rules.length === 0) lines.push('  copied from the Linux file');
  out.stdout(lines.join('\n'));
  return EXIT.ok;
}
