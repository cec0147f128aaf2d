/**
 * Robustness worker (a child process of ./main): receives file paths, runs `xenport port <file>
 * --rules <rules> -o <tmp>/out.c --json -q` in-process for each, and sends back one result per
 * file: exit code, diagnostics by code, syntax-error regions before and after, time, and any
 * violation of "no crash, no write on failure, output exists on success".
 */
import * as fs from 'fs';
import * as path from 'path';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';
import { parseSource } from '../../src/parse';

/** What the worker sends back for one file. */
export interface FileResult {
  file: string;
  code: number;
  ms: number;
  /** Diagnostics of this file by code. */
  codes: Record<string, number>;
  /** Syntax-error regions of the input and of the output (absent when the port stopped before parsing). */
  syntax?: { input: number; output: number };
  /** A broken promise: exit 70, an exception, a file written on failure or missing on success. */
  violation?: string;
  bytes: number;
  /**
   * When the output has more syntax-error regions than the input: `type-argument` when every new
   * region is on a line calling a Xen allocator with a type argument (`xzalloc(struct T)`, which
   * tree-sitter cannot parse), else the first other new error line.
   */
  newErrors?: { cause: 'type-argument' | 'other'; line?: string };
  /** The worker's peak resident set size so far, in MiB. */
  rssMiB: number;
}

/** Message from the parent: a file to port, or the end. */
export type ToWorker = { file: string } | { stop: true };

const [rules, root, outDir] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
let done = 0;

async function portOne(rel: string): Promise<FileResult> {
  const file = path.join(root, rel);
  const out = path.join(outDir, 'out.c');
  fs.rmSync(out, { force: true });
  const con = bufferConsole();
  const t0 = process.hrtime.bigint();
  let code: number;
  let violation: string | undefined;
  try {
    code = await main(['port', file, '--rules', rules, '-o', out, '--json', '-q'], con);
  } catch (e) {
    code = -1;
    violation = `exception: ${(e as Error).stack ?? String(e)}`;
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const codes: Record<string, number> = {};
  let syntax: FileResult['syntax'];
  try {
    const j = JSON.parse(con.out) as {
      diagnostics: Array<{ code: string }>;
      report?: { syntaxErrors: { input: number; output: number } };
    };
    for (const d of j.diagnostics) codes[d.code] = (codes[d.code] ?? 0) + 1;
    if (j.report && j.report.syntaxErrors) syntax = j.report.syntaxErrors;
  } catch {
    violation ??= `no JSON result on stdout (exit ${code}): ${con.err.slice(0, 300)}`;
  }
  const exists = fs.existsSync(out);
  if (code === 70) violation ??= `internal error: ${con.err.slice(0, 500)}`;
  else if (code === 0 && !exists) violation ??= 'exit 0 but no output written';
  else if (code !== 0 && exists) violation ??= `exit ${code} but an output file was written`;
  const bytes = exists ? fs.statSync(out).size : 0;
  const newErrors =
    exists && syntax && syntax.output > syntax.input
      ? classifyNewErrors(fs.readFileSync(file, 'utf8'), fs.readFileSync(out, 'utf8'))
      : undefined;
  const leftovers = fs.readdirSync(outDir).filter((f) => f !== 'out.c');
  if (leftovers.length) violation ??= `files left in the output folder: ${leftovers.join(' ')}`;
  fs.rmSync(out, { force: true });
  if (gc && ++done % 20 === 0) gc();
  return {
    file: rel,
    code,
    ms,
    codes,
    ...(syntax ? { syntax } : {}),
    ...(violation ? { violation } : {}),
    ...(newErrors ? { newErrors } : {}),
    bytes,
    rssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}

/** Xen allocators whose first argument is a type (tree-sitter reads a type argument as an error). */
const TYPE_ARGUMENT =
  /\bx[mz]alloc(?:_array|_flex_struct)?\s*\(\s*(?:struct|union|enum|const|unsigned|signed|int|char|long|short|u8|u16|u32|u64|void)\b/;

/**
 * Classify the output's new syntax-error regions: those on lines whose text has no region in the
 * input (a line that had one already is the same error, which tree-sitter may now split in two).
 */
function classifyNewErrors(input: string, output: string): FileResult['newErrors'] {
  const lineTexts = (text: string): string[] => {
    const lines = text.split('\n');
    return parseSource(text, 'x.c').syntaxErrors.map((d) => lines[(d.location?.line ?? 1) - 1] ?? '');
  };
  const before = new Set(lineTexts(input));
  const other = lineTexts(output).find((l) => !before.has(l) && !TYPE_ARGUMENT.test(l));
  return other === undefined ? { cause: 'type-argument' } : { cause: 'other', line: other.trim().slice(0, 120) };
}

// Files are handled one at a time, in order, so that a crash is attributed to the right file.
let queue: Promise<void> = Promise.resolve();
process.on('message', (m: ToWorker) => {
  if ('stop' in m) {
    queue = queue.then(() => process.exit(0));
    return;
  }
  queue = queue.then(async () => {
    process.send?.(await portOne(m.file));
  });
});
process.send?.({ ready: true });
