/**
 * Running proposed rules on the parsed Linux file in process, as `port()` does (match, edit, carry
 * blocks over from the Xen file, apply), without parsing the Linux file again for every trial, and
 * scoring the result against the Xen file by the lines still different. Learning runs thousands of
 * trials that differ from each other by one rule: a proposal is compiled once (by its rule object)
 * and a compiled rule matched once per file (matches depend only on the rule and the file).
 */
import * as YAML from 'yaml';
import { carryBlocks } from '../blocks';
import type { Diagnostic } from '../diagnostics';
import { applyEdits, buildEdits } from '../edit';
import { matchContext, matchRules } from '../match';
import type { MatchContext, RuleMatches } from '../match';
import type { Edit } from '../edit';
import type { ParsedSource } from '../parse';
import { numberRules, parseRuleFile } from '../rules';
import type { Rule } from '../rules/types';
import { ordered, Proposal } from './proposal';

/** Compiled rules by the file and rule object (as JSON) of their proposal (undefined: the rule does not compile). */
const compiled = new Map<string, Rule | undefined>();

/** Compile proposals into rules (sorted by id, as the loader does); proposals that fail are listed. */
export function compile(ps: Proposal[]): { rules: Rule[]; failed: Proposal[] } {
  const rules: Rule[] = [];
  const failed: Proposal[] = [];
  for (const p of ps) {
    const rule = ordered(p.rule);
    const key = `${p.file}\u0000${JSON.stringify(rule)}`;
    if (!compiled.has(key)) {
      const r = parseRuleFile(new YAML.Document({ rules: [rule] }).toString({ lineWidth: 0 }), `${p.file}`);
      compiled.set(
        key,
        r.diagnostics.some((d) => d.severity === 'error') || r.rules.length !== 1 ? undefined : r.rules[0],
      );
    }
    const c = compiled.get(key);
    if (c) rules.push(c);
    else failed.push(p);
  }
  return { rules: numberRules(rules), failed };
}

/** The result of running rules. */
export interface Run {
  output: string;
  /** Errors (drift, overlaps, bad matches); their `ruleId` names the rules. */
  errors: Diagnostic[];
  /** Warnings and infos (XP202: an edit inside text another rule deletes or replaces, ...). */
  notes: Diagnostic[];
  /** Matches per rule id. */
  counts: Map<string, number>;
  /** Blocks with no text at their place in the Xen file. */
  notFound: string[];
  /** Block texts carried over from the Xen file. */
  blocks: Map<string, string>;
  /** The edits made (resolved, sorted), for `provenance`. */
  edits: Edit[];
}

const contexts = new WeakMap<ParsedSource, MatchContext>();
/** Per file, the matches and match diagnostics of each compiled rule. */
const matched = new WeakMap<ParsedSource, WeakMap<Rule, { result?: RuleMatches<Rule>; diagnostics: Diagnostic[] }>>();

/** Match rules on the parsed file, each rule once per file. */
function matchCached(
  src: ParsedSource,
  ctx: MatchContext,
  rules: Rule[],
): { results: RuleMatches<Rule>[]; diagnostics: Diagnostic[] } {
  let memo = matched.get(src);
  if (!memo) matched.set(src, (memo = new WeakMap()));
  const results: RuleMatches<Rule>[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    let m = memo.get(rule);
    if (!m) {
      const r = matchRules(ctx, [rule]);
      memo.set(rule, (m = { result: r.results[0], diagnostics: r.diagnostics }));
    }
    if (m.result) results.push(m.result);
    diagnostics.push(...m.diagnostics);
  }
  return { results, diagnostics };
}

/** Match and edit: the output with blocks of `known` filled in and the others as placeholder lines. */
export function runWithPlaceholders(
  src: ParsedSource,
  rules: Rule[],
  known: ReadonlyMap<string, string> = new Map(),
): { text: string; errors: Diagnostic[]; notes: Diagnostic[]; counts: Map<string, number>; edits: Edit[] } {
  let ctx = contexts.get(src);
  if (!ctx) contexts.set(src, (ctx = matchContext(src)));
  const m = matchCached(src, ctx, rules);
  const b = buildEdits(m.results, src.text, src.file);
  const counts = new Map(m.results.map((r) => [r.rule.id, r.matches.length]));
  const all = [...m.diagnostics, ...b.diagnostics];
  const errors = all.filter((d) => d.severity === 'error');
  const notes = all.filter((d) => d.severity !== 'error');
  return {
    text: applyEdits(src.text, b.edits, (name) => known.get(name)).output,
    errors,
    notes,
    counts,
    edits: b.edits,
  };
}

/** Run compiled rules on the parsed Linux file, carrying blocks over from `xen` (as port() does). */
export function runRules(src: ParsedSource, rules: Rule[], xen: string): Run {
  const r = runWithPlaceholders(src, rules);
  let blocks = new Map<string, string>();
  let notFound: string[] = [];
  if (r.edits.some((e) => e.block !== undefined)) {
    const c = carryBlocks(applyEdits(src.text, r.edits, () => undefined).output, xen);
    blocks = c.blocks;
    notFound = c.notFound;
  }
  const output = applyEdits(src.text, r.edits, (name) => blocks.get(name) ?? '').output;
  return { output, errors: r.errors, notes: r.notes, counts: r.counts, notFound, blocks, edits: r.edits };
}

/**
 * Which output lines are Linux lines copied unchanged, and which Linux line each is, read from the
 * edits themselves (a line diff would pair a line with any equal one: two functions with the same
 * parameter lines). `toOld[g]` is the Linux line of output line g or -1; `toNew[l]` the reverse.
 * Undefined when applying the edits (the one applier, src/edit/apply.ts) does not give `output`
 * (then align the texts instead).
 */
export function provenance(
  text: string,
  edits: readonly Edit[],
  blocks: ReadonlyMap<string, string>,
  output: string,
): { toOld: Int32Array; toNew: Int32Array } | undefined {
  const applied = applyEdits(text, edits, (name) => blocks.get(name) ?? '');
  if (applied.output !== output) return undefined;
  const lineStarts = (t: string): number[] => {
    const starts = [0];
    for (let i = 0; i < t.length; i++) if (t.charCodeAt(i) === 10) starts.push(i + 1);
    return starts;
  };
  const starts = lineStarts(text);
  const outStarts = lineStarts(output);
  const toOld = new Int32Array(outStarts.length - (output.endsWith('\n') || output === '' ? 1 : 0)).fill(-1);
  const toNew = new Int32Array(starts.length - (text.endsWith('\n') || text === '' ? 1 : 0)).fill(-1);
  // The Linux text between edits is copied as it is: [from, to) of the text at `out` in the output.
  const copies: Array<{ from: number; to: number; out: number }> = [];
  let at = 0;
  edits.forEach((e, i) => {
    if (e.start < at) return;
    if (e.start > at) copies.push({ from: at, to: e.start, out: applied.placed[i].start - (e.start - at) });
    at = e.end;
  });
  if (at < text.length) copies.push({ from: at, to: text.length, out: output.length - (text.length - at) });
  // A Linux line is copied when the whole of it, newline included, lies in one copy and it starts an output line.
  let l = 0;
  let g = 0;
  for (const c of copies) {
    while (l < toNew.length && starts[l] < c.from) l++;
    for (; l < toNew.length && starts[l] < c.to; l++) {
      const end = l + 1 < starts.length ? starts[l + 1] : text.length;
      if (end > c.to) break;
      const o = c.out + (starts[l] - c.from);
      while (g < outStarts.length && outStarts[g] < o) g++;
      if (g < toOld.length && outStarts[g] === o) {
        toOld[g] = l;
        toNew[l] = g;
      }
    }
  }
  return { toOld, toNew };
}

/** The Linux line ranges [first, last] the rules' edits touch, run alone (empty when they edit nothing). */
export function editedRanges(src: ParsedSource, rules: Rule[]): Array<[number, number]> {
  let ctx = contexts.get(src);
  if (!ctx) contexts.set(src, (ctx = matchContext(src)));
  const m = matchCached(src, ctx, rules);
  const b = buildEdits(m.results, src.text, src.file);
  return b.edits.map((e) => [
    src.lines.position(e.start).line - 1,
    src.lines.position(Math.max(e.start, e.end - 1)).line - 1,
  ]);
}

/** The Linux lines [first, last] the rules' edits touch, run alone, or undefined when they edit nothing. */
export function editedLines(src: ParsedSource, rules: Rule[]): [number, number] | undefined {
  const rs = editedRanges(src, rules);
  return rs.length ? [Math.min(...rs.map((r) => r[0])), Math.max(...rs.map((r) => r[1]))] : undefined;
}
