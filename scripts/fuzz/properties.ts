/**
 * The properties every fuzz case must satisfy, for the library (`port()`) and for the command line
 * (`xenport port` run in-process on files in a temporary folder):
 *   1. nothing throws (the CLI never exits 70, "internal error");
 *   2. either the port stops with an error diagnostic and writes nothing (the old output file is
 *      untouched, no temporary file is left), or it writes output with no more syntax-error
 *      regions than the input has;
 *   3. the same input gives the same output and the same diagnostics.
 * A violated property throws `PropertyFailure`; otherwise the case's outcome is returned for the
 * statistics ("written", or the first error code).
 */
import * as fs from 'fs';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { formatDiagnostic, hasErrors } from '../../src/diagnostics';
import { parseSource } from '../../src/parse';
import { port } from '../../src/port';
import type { Seed } from './seeds';

/** A violated property, with what was seen. */
export class PropertyFailure extends Error {
  override name = 'PropertyFailure';
}

/** Decode bytes the way a lenient reader would (invalid UTF-8 becomes U+FFFD; a BOM is kept). */
export function decodeLenient(bytes: string): string {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(Buffer.from(bytes, 'latin1'));
}

/** Syntax-error regions of a C text, counted as the port's XP007 warnings are. */
export function syntaxErrorCount(text: string): number {
  return parseSource(text, 'x.c').syntaxErrors.length;
}

const firstError = (ds: ReadonlyArray<{ severity: string; code: string }>): string =>
  ds.find((d) => d.severity === 'error')?.code ?? 'written';

/** Library property: `port()` on the (leniently decoded) bytes. Returns the outcome. */
export function checkPortCase(seed: Seed, bytes: string): string {
  const text = decodeLenient(bytes);
  const input = { text, file: seed.file };
  const opts = { blockFiles: seed.blockFiles };
  const r1 = port(input, seed.ruleSet, opts);
  const r2 = port(input, seed.ruleSet, opts);
  if (r1.output !== r2.output) throw new PropertyFailure('port() gave two different outputs for the same input');
  const d1 = r1.diagnostics.map(formatDiagnostic).join('\n');
  if (d1 !== r2.diagnostics.map(formatDiagnostic).join('\n'))
    throw new PropertyFailure('port() gave two different diagnostic lists for the same input');
  if (hasErrors(r1.diagnostics)) return firstError(r1.diagnostics);
  const before = syntaxErrorCount(text);
  const after = syntaxErrorCount(r1.output);
  if (after > before) throw new PropertyFailure(`output has ${after} syntax-error regions, the input ${before}`);
  return 'written';
}

const SENTINEL = '/* previous output: must survive a failed port */\n';

/**
 * CLI property: write the bytes to `dir/in.c`, run `xenport port in.c --rules <seed rules> -o
 * out.c` twice (out.c and out2.c) and check exit code, files and syntax errors.
 */
export async function checkCliCase(seed: Seed, bytes: string, dir: string): Promise<string> {
  const inFile = path.join(dir, 'in.c');
  const outs = [path.join(dir, 'out.c'), path.join(dir, 'out2.c')];
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { force: true, recursive: true });
  fs.writeFileSync(inFile, Buffer.from(bytes, 'latin1'));
  const runs: Array<{ code: number; err: string }> = [];
  for (const out of outs) {
    fs.writeFileSync(out, SENTINEL);
    const con = bufferConsole();
    const code = await main(['port', inFile, '--rules', seed.rulesDir, '-o', out, '-q'], con);
    runs.push({ code, err: con.err });
  }
  const [a, b] = runs;
  if (a.code === 70 || b.code === 70)
    throw new PropertyFailure(`internal error (exit 70):\n${a.code === 70 ? a.err : b.err}`);
  if (a.code !== b.code || a.err.replace(/out2\.c/g, 'out.c') !== b.err.replace(/out2\.c/g, 'out.c'))
    throw new PropertyFailure(`two runs differ: exit ${a.code} vs ${b.code}`);
  const left = fs.readdirSync(dir).sort().join(' ');
  if (left !== 'in.c out.c out2.c') throw new PropertyFailure(`files left in the output folder: ${left}`);
  const written = outs.map((f) => fs.readFileSync(f, 'latin1'));
  if (a.code !== 0) {
    if (![1, 4].includes(a.code)) throw new PropertyFailure(`unexpected exit code ${a.code}:\n${a.err}`);
    if (written.some((w) => w !== SENTINEL))
      throw new PropertyFailure(`exit ${a.code} but the output file was changed`);
    const m = /(?:^|\n)[^\n]*\berror (XP\d{3})\b/.exec(a.err);
    if (!m) throw new PropertyFailure(`exit ${a.code} without an error diagnostic:\n${a.err}`);
    return m[1];
  }
  if (written[0] !== written[1]) throw new PropertyFailure('two runs wrote different bytes');
  if (written[0] === SENTINEL) throw new PropertyFailure('exit 0 but nothing was written');
  const inText = Buffer.from(bytes, 'latin1').toString('utf8');
  const before = syntaxErrorCount(inText);
  const after = syntaxErrorCount(Buffer.from(written[0], 'latin1').toString('utf8'));
  if (after > before)
    throw new PropertyFailure(`written output has ${after} syntax-error regions, the input ${before}`);
  return 'written';
}
