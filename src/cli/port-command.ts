/**
 * `xenport port`: port one Linux file with a rule set, then write, check (--check), show the diff
 * (--diff) or print (--stdout) the result. Nothing is written when there are errors, unless --force
 * (which writes and still exits 1). The output file is checked before any input is read: it must
 * be (or become) a regular file and must not be the Linux input or the --base file.
 */
import { Diagnostic, diag, hasErrors } from '../diagnostics';
import * as fs from 'fs';
import { formatFor, lineOrigins, PortOutcome, unifiedDiff, writeAtomic } from '../emit';
import { outputTarget } from '../emit/write';
import { EXIT } from './exit-codes';
import { readIfExists } from './files';
import { PortFiles, portFiles } from './port-files';
import { ruleCacheOptions } from './rule-cache';
import { Console, print } from './console';

/** Options of `xenport port`. */
export interface PortArgs {
  input: string;
  rules: string;
  /** Only these rules (`--rule`). */
  only?: string[];
  output?: string;
  xen?: string;
  base?: string;
  check: boolean;
  diff: boolean;
  stdout: boolean;
  json: boolean;
  force: boolean;
  dropHandEdits: boolean;
  quiet: boolean;
  verbose: boolean;
  /** False with `--no-cache`: the rules are compiled from their files, the compiled-rule cache is not used. */
  cache?: boolean;
  /** Print the output with the origin of each line (Linux line, or rule and block) instead of writing it. */
  annotate?: boolean;
  /** For `xenport watch`: how to load the rules, and what to do with each generated output. */
  session?: {
    loadRules: PortFiles['loadRules'];
    parse?: PortFiles['parse'];
    match?: PortFiles['match'];
    onOutput: (output: string) => void;
  };
}

/** Run `xenport port`; returns the exit code. */
export function runPort(a: PortArgs, out: Console): number {
  let trace: PortOutcome['trace'];
  type Extra = Omit<PortOutcome, 'exitCode' | 'diagnostics' | 'trace'>;
  const finish = (exitCode: number, diagnostics: Diagnostic[], extra: Extra = {}): number => {
    print(out, formatFor(a.json).port({ exitCode, diagnostics, ...extra, ...(trace ? { trace } : {}) }, a));
    return exitCode;
  };
  if (a.base && !a.xen)
    return finish(EXIT.usage, [
      diag('XP302', '--base needs --xen: it names the Linux file the existing Xen file was generated from'),
    ]);
  const target = a.output ?? a.xen;
  if (!target && !a.stdout && !a.diff && !a.annotate)
    return finish(EXIT.usage, [
      diag('XP400', 'no output: pass -o <file>, --xen <existing-file> (regenerated in place), --stdout or --diff'),
    ]);

  const at = (file: string) => ({ location: { file, line: 1, col: 1 } });
  const writes = target !== undefined && !a.stdout && !a.check && !a.diff && !a.annotate;
  if (writes) {
    for (const [name, file] of [
      ['the Linux input', a.input],
      ['the --base file', a.base],
    ] as const) {
      if (file !== undefined && sameFile(target, file))
        return finish(EXIT.usage, [
          diag('XP400', `the output ${target} is ${name}: refused (it would be overwritten)`, at(target)),
        ]);
    }
    const t = outputTarget(target);
    if (!t.ok) return finish(EXIT.io, [diag('XP400', `cannot write ${t.message}`, at(target))]);
  }

  const ported = portFiles({
    input: a.input,
    rules: a.rules,
    only: a.only,
    xen: a.xen,
    base: a.base,
    dropHandEdits: a.dropHandEdits,
    ...(target && !a.stdout && !a.annotate ? { outputFile: target } : {}),
    ...(a.session
      ? {
          loadRules: a.session.loadRules,
          ...(a.session.parse ? { parse: a.session.parse } : {}),
          ...(a.session.match ? { match: a.session.match } : {}),
        }
      : {}),
    cache: ruleCacheOptions(a.cache !== false),
  });
  if (!ported.ok) return finish(ported.exitCode, ported.diagnostics);
  a.session?.onOutput(ported.result.output);
  const { result, diagnostics } = ported;
  const report = result.report;
  // Every match of every rule with its input and output position, and every applied edit (--json).
  trace = { output: result.output, provenance: result.provenance };
  if (diagnostics.some((d) => d.code === 'XP005')) return finish(EXIT.io, diagnostics, { report });
  if (hasErrors(diagnostics) && !a.force) {
    diagnostics.push(
      diag('XP401', `nothing written: fix the errors above, or pass --force to write anyway`, { severity: 'info' }),
    );
    return finish(EXIT.portFailed, diagnostics, { report });
  }
  // --force writes despite errors, and the exit code still says that there were errors.
  const done = hasErrors(diagnostics) ? EXIT.portFailed : EXIT.ok;
  if (a.check || a.diff) {
    const read = target ? readIfExists(target) : undefined;
    if (typeof read === 'object') return finish(EXIT.io, [...diagnostics, read.error], { report });
    const current = read;
    if (target && current === undefined && a.check)
      return finish(
        EXIT.portFailed,
        [...diagnostics, diag('XP402', `${target} does not exist`, { location: { file: target, line: 1, col: 1 } })],
        { report },
      );
    const d = unifiedDiff(current ?? '', result.output, target ?? '/dev/null', `${target ?? a.input} (generated)`);
    if (a.check && d)
      return finish(
        EXIT.portFailed,
        [
          ...diagnostics,
          diag('XP401', `${target} differs from the generated output`, {
            location: { file: target as string, line: firstDiffLine(current ?? '', result.output), col: 1 },
          }),
        ],
        { report, diff: d },
      );
    return finish(done, diagnostics, { report, ...(d ? { diff: d } : {}) });
  }
  if (a.annotate) {
    const origins = lineOrigins(ported.used.input.text, result.output, result.provenance);
    return finish(done, diagnostics, { report, origins });
  }
  if (a.stdout) return finish(done, diagnostics, { report, output: result.output });
  const written = writeAtomic(target as string, result.output);
  if (written.length) return finish(EXIT.io, [...diagnostics, ...written], { report });
  return finish(done, diagnostics, { report, written: target as string });
}

/** Whether two names are the same file (same device and inode, after links); false when either is missing. */
function sameFile(a: string, b: string): boolean {
  try {
    const x = fs.statSync(a);
    const y = fs.statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function firstDiffLine(a: string, b: string): number {
  const la = a.split('\n');
  const lb = b.split('\n');
  let i = 0;
  while (i < la.length && i < lb.length && la[i] === lb[i]) i++;
  return i + 1;
}
