/**
 * The library entry point: `port(linux, ruleSet, options)` runs parse, match, edit, block carry-over
 * and emit-in-memory, and returns the output text, the diagnostics and the report. It is pure: it
 * reads no file; the CLI reads inputs and block files and writes the result.
 */
import {
  amendBlocks,
  carryBlocks,
  checkCarriedAmendments,
  deriveSplitBlocks,
  predatesSplit,
  reportUnaccounted,
} from '../blocks';
import type { Amendment } from '../blocks';
import { Diagnostic, diag, hasErrors } from '../diagnostics';
import { applyEdits, replacements } from '../edit';
import { buildEditsBounded } from './bounds';
import { ExpansionLimitError, substitute } from '../edit/template';
import { matchContext, matchRules } from '../match';
import type { MatchMemo } from '../match/memo';
import {
  acknowledgeSyntaxErrors,
  looksLikeNonC,
  mostlyUnparsed,
  parseSource,
  reparseEdited,
  spareTree,
  takeFirstParse,
} from '../parse';
import type { MacroHints, ParsedSource, Replacement } from '../parse';
import type { RuleSet } from '../rules/types';
import type { ParseText } from './parse-memo';
import { traceEdits } from './provenance';
import { swallowedWarnings } from './swallowed';
import type { Provenance } from './provenance';
import { BlockReport, buildReport, PortReport } from './report';

export type { PortReport, RuleReport, BlockReport } from './report';
export { parseMemo } from './parse-memo';
export type { ParseMemo, ParseText } from './parse-memo';
export type { AppliedEdit, ChangeKind, DisabledRegion, Provenance, RuleMatch, TextRange } from './provenance';

/** A text and the file name it is reported under. */
export interface NamedText {
  text: string;
  file: string;
}

/** Options of a port. */
export interface PortOptions {
  /** The existing Xen file: blocks are carried over from it, and text it has that the rules do not make is reported. */
  existingXen?: NamedText;
  /** The Linux file the existing Xen file was generated from (default: the input itself). */
  base?: NamedText;
  /** Block texts from the port's `blocks/` folders, by block name. */
  blockFiles?: Map<string, NamedText>;
  /** Accept losing hand edits of the existing Xen file: report them as warnings, not errors. */
  dropHandEdits?: boolean;
  /**
   * The file the output is written to, named by diagnostics located in the output (XP204). Without
   * it they are located at the input's first line and give the output's line in their message.
   */
  outputFile?: string;
  /** The input's own header (`drv.h` of `drv.c`): typed rules look up struct fields there too. */
  header?: NamedText;
  /**
   * How texts are parsed (default: `parseSource`); `xenport watch` passes a memo (./parse-memo.ts).
   * The port edits the input's tree only if `parse.editable` hands it out (see `ParseText`).
   */
  parse?: ParseText;
  /** Match contexts and rule matches kept from earlier ports (`xenport watch`, src/match/memo.ts). */
  match?: MatchMemo;
}

/** The result of a port. `output` is meaningful only when there are no errors (or the caller forces). */
export interface PortResult {
  output: string;
  diagnostics: Diagnostic[];
  report: PortReport;
  /** Which rule made which change, and where each change is in the input and the output. */
  provenance: Provenance;
}

const now = (): number => Number(process.hrtime.bigint()) / 1e6;

/**
 * The default parse: each call makes new trees that only this port reads, so it may edit them.
 * When the conditional pass flattened the text, the first parse is kept (`takeFirstParse`) and
 * handed out: the output is closer to it than to the flattened text. Else the tree is handed out
 * only when it has syntax errors: a spare of it is then a parse from scratch (`spareTree`), while
 * a spare of an error-free tree is a cheap copy that is cheaper to edit too (node-tree-sitter
 * updates every JavaScript node still cached for a tree on each `Tree.edit`, and matching left
 * many on this one).
 */
const parseText: ParseText = Object.assign(
  (text: string, file: string, hints?: MacroHints) => parseSource(text, file, undefined, hints, { keepFirst: true }),
  {
    editable: (src: ParsedSource) =>
      takeFirstParse(src) ?? (src.tree.rootNode.hasError ? { shaped: src.shaped, tree: src.tree } : undefined),
  },
);

/**
 * Parse the output of a port, made from `src.text` by `replaced`: incrementally from the last output
 * of the same file when `parse` keeps one (`fromLastOutput`), else from a parse of `src` that `parse`
 * lets the port edit (its `editable`), else from a spare one (`spareTree`).
 */
function parseOutput(
  output: string,
  src: ParsedSource,
  replaced: Replacement[],
  hints: MacroHints | undefined,
  parse: ParseText,
): ParsedSource {
  const reparse = (): ParsedSource => {
    const from = parse.editable?.(src) ?? { shaped: src.shaped, tree: spareTree(src.shaped, src.tree) };
    // Handed the input's first parse, the input's conditional pass did better: the output's likely
    // does too, and then a copy of its first tree (to keep when the pass does no better) is wasted.
    return reparseEdited(output, src.file, hints, from, from.tree, replaced, from.shaped === src.shaped);
  };
  const reparsed = parse.fromLastOutput?.(output, src.file, hints) ?? reparse();
  parse.outputParsed?.(reparsed, hints);
  return reparsed;
}

/** Parse one Linux text, timed. */
function parseTimed(
  input: NamedText,
  hints: MacroHints | undefined,
  parse: ParseText,
): { src: ParsedSource; ms: number } {
  const t0 = now();
  const src = parse(input.text, input.file, hints);
  return { src, ms: now() - t0 };
}

/** Match and build edits for a parsed Linux text. */
function plan(
  { src, ms: parseMs }: { src: ParsedSource; ms: number },
  ruleSet: RuleSet,
  parse: ParseText,
  header?: NamedText,
  memo?: MatchMemo,
) {
  const t1 = now();
  const headers = header ? [parse(header.text, header.file)] : [];
  const ctx = memo ? memo.context(src, ruleSet.rules, headers) : matchContext(src, ruleSet.rules);
  if (!memo && headers.length) ctx.headers = headers.map((h) => matchContext(h));
  const matched = matchRules(ctx, ruleSet.rules, memo?.run);
  const t2 = now();
  const built = buildEditsBounded(matched.results, src.text, src.file, memo?.derived);
  const t3 = now();
  return {
    src,
    results: matched.results,
    ...built,
    diagnostics: [...matched.diagnostics, ...built.diagnostics],
    times: { parse: parseMs, match: t2 - t1, edit: t3 - t2 },
  };
}

/** The `into-block` amendments of a plan's rules: their text expanded for each match (metavariables and transforms). */
function amendmentsOf(p: Pick<ReturnType<typeof plan>, 'results' | 'src'>): {
  amendments: Amendment[];
  diagnostics: Diagnostic[];
} {
  const amendments: Amendment[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const { rule, matches } of p.results) {
    if (rule.kind !== 'insert' || !rule.intoBlock) continue;
    try {
      amendments.push({ rule, texts: matches.map((m) => substitute(rule.text ?? '', m.captures, p.src.text)) });
    } catch (e) {
      if (!(e instanceof ExpansionLimitError)) throw e;
      diagnostics.push(diag('XP211', `rule '${rule.id}': ${e.message}`, { location: rule.origin, ruleId: rule.id }));
    }
  }
  return { amendments, diagnostics };
}

/** Resolve block texts: carried over from the existing Xen file, else from block files. */
function resolveBlocks(
  names: string[],
  current: ReturnType<typeof plan>,
  input: NamedText,
  ruleSet: RuleSet,
  options: PortOptions,
): { texts: Map<string, string>; report: BlockReport[]; diagnostics: Diagnostic[]; keep: Set<string> } {
  const { edits } = current;
  const diagnostics: Diagnostic[] = [];
  let keep = new Set<string>();
  const texts = new Map<string, string>();
  let carried = new Map<string, string>();
  if (options.existingXen) {
    const base = options.base ?? input;
    // A base from before a file split made the existing Xen file with the port of before the split.
    const split = ruleSet.split && predatesSplit(base, ruleSet.split.header) ? ruleSet.split : undefined;
    const basePlan =
      base === input && !split
        ? undefined
        : plan(
            parseTimed(base, (split ? split.before : ruleSet).macros, options.parse ?? parseText),
            split ? split.before : ruleSet,
            options.parse ?? parseText,
            undefined,
            options.match,
          );
    if (basePlan) diagnostics.push(...basePlan.diagnostics.filter((d) => d.severity === 'error'));
    const generated = applyEdits(base.text, basePlan ? basePlan.edits : edits, () => undefined).output;
    const c = carryBlocks(generated, options.existingXen.text);
    carried = c.blocks;
    if (split) {
      const derived = deriveSplitBlocks(split.blocks, carried, options.existingXen, options.dropHandEdits);
      diagnostics.push(...derived.diagnostics);
      carried = new Map([...carried, ...derived.blocks]);
    }
    const atBase = amendmentsOf(basePlan ?? current);
    const amended = checkCarriedAmendments(
      carried,
      atBase.amendments,
      options.existingXen,
      options.dropHandEdits ?? false,
    );
    diagnostics.push(...(basePlan ? atBase.diagnostics : []), ...amended.diagnostics);
    keep = amended.keep;
    diagnostics.push(...reportUnaccounted(c.unaccounted, options.existingXen, options.dropHandEdits ?? false));
  }
  const report: BlockReport[] = [];
  for (const name of names) {
    const fromXen = carried.get(name);
    const fromFile = options.blockFiles?.get(name);
    // Who uses the block, for its diagnostics only (a search of every edit per rule: not for every block).
    const blame = () => {
      const rule = ruleSet.rules.find((r) => edits.some((e) => e.block === name && e.ruleId === r.id));
      const users = [...new Set(edits.filter((e) => e.block === name).map((e) => e.ruleId))].join(', ');
      return { ...(rule ? { location: rule.origin } : {}), ruleId: users };
    };
    if (fromXen !== undefined) {
      texts.set(name, fromXen);
      report.push({ name, source: 'existing-xen', lines: fromXen.split('\n').length - 1 });
    } else if (fromFile) {
      const t = fromFile.text.endsWith('\n') ? fromFile.text : `${fromFile.text}\n`;
      texts.set(name, t);
      report.push({ name, source: 'block-file', lines: t.split('\n').length - 1 });
      if (options.existingXen)
        diagnostics.push(
          diag('XP301', `block '${name}' not found in the existing Xen file; taken from ${fromFile.file}`, blame()),
        );
    } else {
      report.push({ name, source: 'missing', lines: 0 });
      diagnostics.push(
        diag(
          'XP111',
          `block '${name}' has no text: no ${options.existingXen ? 'text at its place in the existing Xen file and no ' : ''}blocks/${name}.* file`,
          blame(),
        ),
      );
    }
  }
  return { texts, report, diagnostics, keep };
}

/** Plain code-unit order: `localeCompare` loads ICU's collator, some 10 ms of a cold process. */
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function byPosition(a: Diagnostic, b: Diagnostic): number {
  const la = a.location;
  const lb = b.location;
  if (!la || !lb) return la ? 1 : lb ? -1 : 0;
  return cmp(la.file, lb.file) || la.line - lb.line || la.col - lb.col || cmp(a.code, b.code);
}

/** Port one Linux file with a rule set. */
export function port(input: NamedText, ruleSet: RuleSet, options: PortOptions = {}): PortResult {
  const parse = options.parse ?? parseText;
  const parsed = parseTimed(input, ruleSet.macros, parse);
  const open = parsed.src.unterminatedComment;
  // Refuse input that is not C before any rule runs on it.
  if (looksLikeNonC(parsed.src) || open) {
    const d = open
      ? diag(
          'XP005',
          `${input.file} is not valid C: a comment opened here is never closed (a comment added by a rule would close it and swallow the code between)`,
          { location: open },
        )
      : diag(
          'XP005',
          `${input.file} does not parse as C (${parsed.src.syntaxErrors.length} syntax error regions over most of the file)`,
          { location: { file: input.file, line: 1, col: 1 } },
        );
    const report = buildReport({
      src: parsed.src,
      output: '',
      results: [],
      edits: [],
      regions: [],
      blocks: [],
      diagnostics: [d],
      outputSyntaxErrors: 0,
      timingsMs: { parse: parsed.ms, match: 0, edit: 0, emit: 0 },
    });
    return { output: '', diagnostics: [d], report, provenance: { edits: [], regions: [], matches: [] } };
  }
  const p = plan(parsed, ruleSet, parse, options.header, options.match);
  const names = [...new Set(p.edits.filter((e) => e.block !== undefined).map((e) => e.block as string))].sort();
  const blocks = resolveBlocks(names, p, input, ruleSet, options);
  const amendments = amendmentsOf(p);
  blocks.diagnostics.push(...amendments.diagnostics, ...amendBlocks(blocks.texts, amendments.amendments, blocks.keep));
  const t0 = now();
  const { output, placed } = applyEdits(p.src.text, p.edits, (name) => blocks.texts.get(name));
  const reparsed = parseOutput(output, p.src, replacements(p.edits, placed), ruleSet.macros, parse);
  const t1 = now();
  const diagnostics = [
    ...acknowledgeSyntaxErrors(p.src.syntaxErrors, ruleSet.acknowledgedSyntaxErrors),
    ...p.diagnostics,
    ...blocks.diagnostics,
  ];
  diagnostics.push(...swallowedWarnings(p.diagnostics, ruleSet.rules));
  if (reparsed.syntaxErrors.length > p.src.syntaxErrors.length && !hasErrors(diagnostics)) {
    // An input tree-sitter mostly failed to parse is ported only if the port makes it no worse.
    const refuse = mostlyUnparsed(p.src);
    const why = refuse ? '; most of the input did not parse, so the port is refused' : '';
    const first = {
      line: reparsed.syntaxErrors[0]?.location?.line ?? 1,
      col: reparsed.syntaxErrors[0]?.location?.col ?? 1,
    };
    const where =
      options.outputFile === undefined ? `; the first at line ${first.line}:${first.col} of the output` : '';
    diagnostics.push(
      diag(
        'XP204',
        `the output has ${reparsed.syntaxErrors.length} syntax error regions, the input ${p.src.syntaxErrors.length}${where}${why}`,
        {
          location:
            options.outputFile === undefined
              ? { file: input.file, line: 1, col: 1 }
              : { file: options.outputFile, ...first },
          ...(refuse ? { severity: 'error' as const } : {}),
        },
      ),
    );
  }
  diagnostics.sort(byPosition);
  const report = buildReport({
    src: p.src,
    output,
    results: p.results,
    edits: p.edits,
    regions: p.regions,
    blocks: blocks.report,
    diagnostics,
    outputSyntaxErrors: reparsed.syntaxErrors.length,
    timingsMs: { ...p.times, emit: t1 - t0 },
  });
  const provenance = traceEdits(p.src.text, output, p.edits, placed, p.regions, p.results);
  return { output, diagnostics, report, provenance };
}
