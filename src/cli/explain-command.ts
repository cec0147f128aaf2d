/**
 * `xenport explain <generated-file>:<line> <linux-file> --rules <port>`: where one line of a
 * generated Xen file came from. The port is run again (the generated file serves as the existing
 * Xen file, so its blocks are carried over), its output must equal the file, and the line's origin
 * is printed: the Linux line it was copied from, and the rules (file:line, kind, reason) and block
 * that wrote it.
 */
import { diagnosticsText, errorText, explainText, lineOrigins } from '../emit';
import { hasErrors } from '../diagnostics';
import { Console, print } from './console';
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
    print(out, errorText('explain', `'${a.target}' is not <generated-file>:<line> (a line number from 1)`));
    return EXIT.usage;
  }
  const [file, line] = [m[1], Number(m[2])];
  const generated = readSource(file, 'generated file');
  if (!generated.ok) {
    print(out, diagnosticsText(generated.diagnostics));
    return EXIT.io;
  }
  const ported = portFiles({
    input: a.input,
    rules: a.rules,
    only: a.only,
    xen: file,
    base: a.base,
    dropHandEdits: true,
  });
  if (!ported.ok) {
    print(out, diagnosticsText(ported.diagnostics));
    return ported.exitCode;
  }
  const { result } = ported;
  if (hasErrors(result.diagnostics)) {
    print(out, diagnosticsText(result.diagnostics));
    return EXIT.portFailed;
  }
  const origins = lineOrigins(ported.used.input.text, result.output, result.provenance);
  const o = origins[line - 1];
  if (!o) {
    print(out, errorText('explain', `${file} has ${origins.length} lines as generated; there is no line ${line}`));
    return EXIT.usage;
  }
  const stale = generated.value.text.replace(/\r\n/g, '\n') !== result.output;
  const copied = o.linux === undefined ? undefined : ported.used.input.text.split('\n')[o.linux - 1];
  print(
    out,
    explainText({
      file,
      line,
      origin: o,
      stale,
      linux: { file: a.input, ...(copied !== undefined ? { text: copied } : {}) },
    }),
  );
  return EXIT.ok;
}
