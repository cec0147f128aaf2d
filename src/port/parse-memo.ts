/**
 * How a port parses a text (`ParseText`), and the parses kept between ports of a long-running
 * process (`xenport watch`): a text parsed by the last port with the same file name and equal macro
 * hints is not parsed again. After a rule change the Linux input, its header and the `--base` file
 * are the same texts, and their trees are reused; only what the last port did not parse is parsed.
 * Entries the last port did not use are dropped.
 *
 * A port parses its output incrementally from a tree of its input, which it edits (consumes). The
 * memo's own trees are never handed out for that: it hands out spare copies, made after a port
 * (off the critical path of the next one), each once. An output is parsed from the last output of
 * the same file instead when the memo has one (./output-parse.ts: after a rule edit the two differ in
 * one place, and only the items around it are shaped, parsed and read again).
 */
import { isDeepStrictEqual } from 'util';
import { defaultHints, parseSource, spareTree, takeFirstParse } from '../parse';
import type { MacroHints, ParsedSource, SpareParse } from '../parse';
import { Generations } from '../match/generations';
import { outputBase, parseNextOutput } from './output-parse';
import type { OutputBase } from './output-parse';

/** How a port parses a text: `parseSource`, or a memo of it. */
export interface ParseText {
  (text: string, file: string, hints?: MacroHints): ParsedSource;
  /**
   * A text of `src` (`src` a result of this function) the port may parse its output from, and a
   * tree of it that the port may edit and then drop (nothing else may read it afterwards): `src.shaped`,
   * or its first shaped text when the conditional pass flattened it (`takeFirstParse`,
   * src/parse/source.ts). Undefined (or no `editable`): the port makes its own (`spareTree`) and
   * leaves `src.tree` as it is. A `parse` that returns `src.tree` here consents to its trees being
   * consumed: `src` must not be used after the port.
   */
  editable?: (src: ParsedSource) => SpareParse | undefined;
  /**
   * A parse of `output` (a port's output for input `file`) made incrementally from the last output
   * this `parse` was told of for that file (`outputParsed`), or undefined (none, other hints, or
   * its base not made yet): a port parses its output this way first. After a rule edit, watch's new
   * output differs from the last one in a few places, fewer than from the input.
   */
  fromLastOutput?: (output: string, file: string, hints: MacroHints | undefined) => ParsedSource | undefined;
  /** Told of each port's parsed output, to parse the next output of its file from it. */
  outputParsed?: (src: ParsedSource, hints: MacroHints | undefined) => void;
}

/** A parse memo: pass `parse` to ports, call `nextPort()` after each. */
export interface ParseMemo {
  parse: ParseText;
  /**
   * Start the next port: entries the port just finished did not use are dropped, and spare copies
   * of the trees a port asked to edit are made when the event loop is next idle (`prepare`).
   */
  nextPort(): void;
  /** Make the spare copies and output bases now (what `nextPort` schedules); nothing when they are made. */
  prepare(): void;
}

interface Entry {
  hints?: MacroHints;
  src: ParsedSource;
  /** A parse of `src` no one has read, handed out once by `editable`. */
  spare?: SpareParse;
  /** Whether a port asked for an editable tree of it: only those get spares. */
  wanted?: boolean;
}

/** A new, empty parse memo. */
export function parseMemo(): ParseMemo {
  const entries = new Generations<string, Entry>();
  const byResult = new WeakMap<ParsedSource, Entry>();
  let scheduled: NodeJS.Immediate | undefined;
  const parse: ParseText = (text, file, hints) => {
    const key = `${file}\0${text}`;
    const had = entries.get(key);
    if (had && (had.hints === hints || isDeepStrictEqual(had.hints, hints))) return had.src;
    const src = parseSource(text, file, undefined, hints, { keepFirst: true });
    const entry = { ...(hints ? { hints } : {}), src };
    entries.set(key, entry);
    byResult.set(src, entry);
    return src;
  };
  /**
   * The last output per input file, with what the next output of the file is parsed from (made by
   * `prepare`: ./output-parse.ts `outputBase`).
   */
  const outputs = new Generations<string, { src: ParsedSource; hints?: MacroHints; base?: OutputBase }>();
  parse.fromLastOutput = (output, file, hints) => {
    const last = outputs.get(file);
    if (!last?.base || !(last.hints === hints || isDeepStrictEqual(last.hints, hints))) return undefined;
    const base = last.base;
    delete last.base;
    return parseNextOutput(base, output, file, hints ?? defaultHints());
  };
  parse.outputParsed = (src, hints) => outputs.set(src.file, { src, ...(hints ? { hints } : {}) });
  parse.editable = (src) => {
    const entry = byResult.get(src);
    if (!entry) return undefined;
    // The first parse `parseSource` kept, for the first port that asks; spares after that.
    const spare = entry.spare ?? takeFirstParse(src);
    delete entry.spare;
    entry.wanted = true;
    return spare;
  };
  const prepare = (): void => {
    if (scheduled) clearImmediate(scheduled);
    scheduled = undefined;
    for (const e of entries.values())
      if (e.wanted) e.spare ??= { shaped: e.src.shaped, tree: spareTree(e.src.shaped, e.src.tree) };
    for (const o of outputs.values()) o.base ??= outputBase(o.src, o.hints ?? defaultHints());
  };
  return {
    parse,
    nextPort: () => {
      entries.next();
      outputs.next();
      scheduled ??= setImmediate(prepare).unref();
    },
    prepare,
  };
}
