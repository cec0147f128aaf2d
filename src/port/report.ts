/**
 * The port report: what each rule did (matches, lines touched, edits dropped inside #if 0), the
 * share of Linux lines kept verbatim, lines inside #if 0, and where each block came from.
 */
import type { Diagnostic } from '../diagnostics';
import type { Edit, Region } from '../edit';
import type { RuleMatches } from '../match';
import type { ParsedSource } from '../parse';
import type { Rule } from '../rules/types';

/** One rule's line in the report. */
export interface RuleReport {
  id: string;
  kind: string;
  at: string;
  expected: string;
  matches: number;
  /** Input lines this rule's applied edits change or remove. */
  linesTouched: number;
  /** The rule matched a different number of times than it expects (XP200). */
  drift: boolean;
}

/** Where a block's text came from. */
export interface BlockReport {
  name: string;
  source: 'existing-xen' | 'block-file' | 'missing';
  lines: number;
}

/** The whole report, also printed as JSON with --json. */
export interface PortReport {
  input: string;
  inputLines: number;
  outputLines: number;
  rules: RuleReport[];
  linesVerbatim: number;
  shareVerbatim: number;
  ifZeroRegions: number;
  linesInIfZero: number;
  blocks: BlockReport[];
  syntaxErrors: { input: number; output: number };
  counts: { errors: number; warnings: number; infos: number };
  timingsMs: { parse: number; match: number; edit: number; emit: number };
}

function lineOf(src: ParsedSource, off: number): number {
  return src.lines.position(off).line;
}

/** Add to `lines` the input lines touched by an edit that replaces text (insertions touch none). */
function addTouchedLines(src: ParsedSource, e: Edit, lines: Set<number>): void {
  if (e.start === e.end) return;
  const last = lineOf(src, Math.max(e.start, e.end - 1));
  for (let l = lineOf(src, e.start); l <= last; l++) lines.add(l);
}

/** Build the report. */
export function buildReport(args: {
  src: ParsedSource;
  output: string;
  results: RuleMatches<Rule>[];
  edits: Edit[];
  regions: Region[];
  blocks: BlockReport[];
  diagnostics: Diagnostic[];
  outputSyntaxErrors: number;
  timingsMs: PortReport['timingsMs'];
}): PortReport {
  const { src } = args;
  const all = new Set<number>();
  // Each rule's edits, found once (not by going through every edit for every rule).
  const editsOf = new Map<string, Edit[]>();
  for (const e of args.edits) {
    const list = editsOf.get(e.ruleId);
    if (list) list.push(e);
    else editsOf.set(e.ruleId, [e]);
  }
  const rules: RuleReport[] = args.results.map(({ rule, matches }) => {
    const mine = new Set<number>();
    for (const e of editsOf.get(rule.id) ?? []) addTouchedLines(src, e, mine);
    mine.forEach((l) => all.add(l));
    const drift = args.diagnostics.some((d) => d.code === 'XP200' && d.ruleId === rule.id);
    return {
      id: rule.id,
      kind: rule.kind,
      at: `${rule.origin.file}:${rule.origin.line}`,
      expected: rule.expect.text,
      matches: matches.length,
      linesTouched: mine.size,
      drift,
    };
  });
  const inputLines = src.lines.lineCount;
  const linesInIfZero = args.regions.reduce(
    (n, r) => n + (lineOf(src, Math.max(r.start, r.end - 1)) - lineOf(src, r.start) + 1),
    0,
  );
  const count = (s: string): number => args.diagnostics.filter((d) => d.severity === s).length;
  return {
    input: src.file,
    inputLines,
    outputLines: args.output === '' ? 0 : args.output.split('\n').length - (args.output.endsWith('\n') ? 1 : 0),
    rules,
    linesVerbatim: inputLines - all.size,
    shareVerbatim: inputLines ? (inputLines - all.size) / inputLines : 1,
    ifZeroRegions: args.regions.length,
    linesInIfZero,
    blocks: args.blocks,
    syntaxErrors: { input: src.syntaxErrors.length, output: args.outputSyntaxErrors },
    counts: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    timingsMs: args.timingsMs,
  };
}
