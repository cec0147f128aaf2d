/**
 * Port from file paths: load the rules, read the Linux file, the existing Xen file and its base,
 * read the block files and the input's paired header (`drv.h` next to `drv.c`, for typed rules), run
 * `port()`. Shared by `xenport port` and the golden runner.
 *
 * Line ends: the port works on LF text (every CRLF of the inputs and block files becomes LF, so
 * that the carry-over compares lines, not line ends), and the output gets one kind of line end
 * throughout, the Linux input's: CRLF when its first line ends with CRLF, LF otherwise.
 *
 * A long-running process (`xenport serve`) keeps what the last port computed for the next
 * (`keepPortsInMemory`), with the memos `xenport watch` uses: the trees of its texts
 * (src/port/parse-memo.ts: a text is parsed again unless the same file name, text and macro hints
 * were parsed by the last port) and its match contexts and rule matches (src/match/memo.ts: a
 * rule is matched again unless the same compiled rule ran on the same parse).
 */
import * as fs from 'fs';
import { Diagnostic, hasErrors } from '../diagnostics';
import { NamedText, parseMemo, port, PortResult } from '../port';
import type { ParseText } from '../port';
import { matchMemo } from '../match/memo';
import type { MatchMemo } from '../match/memo';
import { ruleKey } from '../rules/memo';
import { readBlockFiles } from '../rules/block-files';
import type { RuleSet } from '../rules/types';
import { EXIT } from './exit-codes';
import { readSource } from './files';
import { loadRules } from './load-rules';
import type { RuleCacheOptions } from './rule-cache';

/** The files of one port. */
export interface PortFiles {
  input: string;
  /** A port folder or a single rule file. */
  rules: string;
  /** Only these rules (`--rule`); all when absent or empty. */
  only?: readonly string[];
  xen?: string;
  base?: string;
  dropHandEdits?: boolean;
  /** The file the output goes to, named by diagnostics about the output (XP204). */
  outputFile?: string;
  /** The compiled-rule cache to load through (src/cli/rule-cache.ts); none when absent. */
  cache?: RuleCacheOptions;
  /** How texts are parsed (default: `parseSource`); `xenport watch` passes a memo that keeps unchanged trees. */
  parse?: ParseText;
  /** Match contexts and rule matches kept from earlier ports (`xenport watch`, src/match/memo.ts). */
  match?: MatchMemo;
  /** Loads the rules (default: `loadRules`); `xenport watch` passes one that keeps them compiled. */
  loadRules?: (dir: string, only?: readonly string[]) => ReturnType<typeof loadRules>;
}

/** The text with every CRLF made LF. */
const lf = <T extends NamedText>(t: T): T =>
  t.text.includes('\r\n') ? { ...t, text: t.text.replace(/\r\n/g, '\n') } : t;

/** Whether the text's first line ends with CRLF. */
function firstLineEndIsCrlf(text: string): boolean {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r';
}

/**
 * What a port read: the rule set, the texts and the block files (for tools that show the result, such as the review
 * page).
 */
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

/**
 * The parses of unchanged texts (src/port/parse-memo.ts) and the match contexts and rule matches
 * (src/match/memo.ts) that a long-running process keeps between ports: `xenport watch`
 * (src/cli/watch-command.ts `portMemos`) and `xenport serve` (`keepPortsInMemory`).
 */
export function portMemo() {
  const parses = parseMemo();
  const matches = matchMemo(ruleKey);
  return {
    parse: parses.parse,
    match: matches,
    /** Between ports: what the port just finished did not use is dropped. */
    nextPort: () => {
      parses.nextPort();
      matches.nextPort();
    },
    /**
     * What watch does while idle after a port: the spare trees the next port edits are made now
     * (src/port/parse-memo.ts). For a caller that runs ports with no turn of the event loop between.
     */
    prepare: () => parses.prepare(),
  };
}

/** The memos kept between ports when `keepPortsInMemory` was called, and whether a port used them since. */
let kept: { memo: ReturnType<typeof portMemo>; ported: boolean } | undefined;

/**
 * Keep the parses and matches of each port for the next port (see the header). Call `nextPort()`
 * after each request: when a port used the memos since the last call, what it did not use is
 * dropped; a request that ported nothing (`rules check`, `--help`, a failed load) keeps them as
 * they are for the next port.
 */
export function keepPortsInMemory(): { nextPort(): void } {
  const k = (kept ??= { memo: portMemo(), ported: false });
  return {
    nextPort: () => {
      if (!k.ported) return;
      k.ported = false;
      k.memo.nextPort();
    },
  };
}

/** Load, read and port; never throws for bad rules or unreadable files. */
export function portFiles(f: PortFiles): PortFilesResult {
  const loaded = f.loadRules ? f.loadRules(f.rules, f.only) : loadRules(f.rules, f.only, f.cache);
  if (!loaded.ruleSet || hasErrors(loaded.diagnostics))
    return { ok: false, exitCode: EXIT.invalidRules, diagnostics: loaded.diagnostics };
  const blocks = readBlockFiles(loaded.ruleSet.blockDirs);
  if (hasErrors(blocks.diagnostics))
    return { ok: false, exitCode: EXIT.invalidRules, diagnostics: [...loaded.diagnostics, ...blocks.diagnostics] };
  const input = readSource(f.input);
  if (!input.ok) return { ok: false, exitCode: EXIT.io, diagnostics: input.diagnostics };
  const xen = f.xen ? readSource(f.xen, 'existing Xen file') : undefined;
  if (xen && !xen.ok) return { ok: false, exitCode: EXIT.io, diagnostics: xen.diagnostics };
  const base = f.base ? readSource(f.base, 'base Linux file') : undefined;
  if (base && !base.ok) return { ok: false, exitCode: EXIT.io, diagnostics: base.diagnostics };
  const blockFiles = new Map([...blocks.blocks].map(([name, text]) => [name, lf(text)]));
  const texts = {
    input: lf(input.value),
    ...(xen?.ok ? { xen: lf(xen.value) } : {}),
    ...(base?.ok ? { base: lf(base.value) } : {}),
  };
  const header = pairedHeader(f.input);
  if (kept && !f.parse && !f.match) kept.ported = true;
  const parse = f.parse ?? kept?.memo.parse;
  const match = f.match ?? kept?.memo.match;
  const result = port(texts.input, loaded.ruleSet, {
    ...(header ? { header: lf(header) } : {}),
    ...(texts.xen ? { existingXen: texts.xen } : {}),
    ...(texts.base ? { base: texts.base } : {}),
    blockFiles,
    dropHandEdits: f.dropHandEdits ?? false,
    ...(f.outputFile !== undefined ? { outputFile: f.outputFile } : {}),
    ...(parse ? { parse } : {}),
    ...(match ? { match } : {}),
  });
  if (firstLineEndIsCrlf(input.value.text)) result.output = result.output.replace(/\r?\n/g, '\r\n');
  const used: PortInputs = { ruleSet: loaded.ruleSet, blockFiles, ...texts };
  return { ok: true, result, diagnostics: [...loaded.diagnostics, ...result.diagnostics], used };
}

/** The header next to a `.c` input with its base name (`drv.h` for `drv.c`), when it is a readable C file. */
function pairedHeader(input: string): NamedText | undefined {
  if (!input.endsWith('.c')) return undefined;
  const file = `${input.slice(0, -2)}.h`;
  if (!fs.existsSync(file)) return undefined;
  const r = readSource(file, 'paired header');
  return r.ok ? r.value : undefined;
}
