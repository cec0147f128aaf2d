/**
 * Provenance of a port: for every applied edit, the rule that made it (id, kind, rule file:line,
 * reason), what it did (replace, delete, insert, carried block, `#if 0` marker) and where it sits in
 * the input and in the output; for every `#if 0` region, its input and output ranges. Review tools
 * (the review page) read it; `port()` returns it next to the output.
 *
 * Output positions are where the one applier (`applyEdits`, src/edit/apply.ts) put each edit's text.
 */
import { LineIndex } from '../diagnostics';
import type { Location } from '../diagnostics';
import type { Edit, Placed, Region } from '../edit';
import type { RuleMatches } from '../match';
import type { Rule, RuleKind } from '../rules/types';

/** What an applied edit did to the text. */
export type ChangeKind = 'replace' | 'delete' | 'insert' | 'block' | 'if0-open' | 'if0-close';

/** A half-open offset range `[start, end)` with the 1-based line of `start`. */
export interface TextRange {
  start: number;
  end: number;
  line: number;
}

/** One applied edit, with the rule it comes from and its place in the input and the output. */
export interface AppliedEdit {
  ruleId: string;
  ruleKind: RuleKind;
  /** Where the rule is written (rule file, line, column). */
  ruleAt: Location;
  reason?: string;
  change: ChangeKind;
  /** For `block`: the name of the Xen-owned block. */
  block?: string;
  input: TextRange;
  output: TextRange;
}

/** An `#if 0` region: the Linux text kept inside it, and the region in the output (markers included). */
export interface DisabledRegion {
  ruleId: string;
  input: TextRange;
  output: TextRange;
}

/** One match of a rule in the input (whether or not an edit of it was applied there). */
export interface RuleMatch {
  ruleId: string;
  input: TextRange;
}

/** The provenance of one port. */
export interface Provenance {
  edits: AppliedEdit[];
  regions: DisabledRegion[];
  /** Every match of every rule, in rule order then input order. */
  matches: RuleMatch[];
}

function changeOf(e: Edit, rule: Rule | undefined, rendered: string): ChangeKind {
  if (e.block !== undefined) return 'block';
  if (rule?.kind === 'disable' && e.start === e.end && /^#if 0\b/.test(rendered)) return 'if0-open';
  if (rule?.kind === 'disable' && e.start === e.end && /^\n?#endif\b/.test(rendered)) return 'if0-close';
  if (e.start === e.end) return 'insert';
  return rendered === '' ? 'delete' : 'replace';
}

/**
 * Provenance of `edits` applied to `input`, giving `output`, with `placed[i]` the output range of
 * `edits[i]` (as `applyEdits` returns them). `results` are the rules' matches.
 */
export function traceEdits(
  input: string,
  output: string,
  edits: readonly Edit[],
  placed: readonly Placed[],
  regions: readonly Region[],
  results: readonly RuleMatches<Rule>[],
): Provenance {
  const byId = new Map(results.map((r) => [r.rule.id, r.rule]));
  const inIndex = new LineIndex(input);
  const outIndex = new LineIndex(output);
  const inLine = (off: number): number => inIndex.position(off).line;
  const outLine = (off: number): number => outIndex.position(off).line;
  const range = (start: number, end: number, line: (o: number) => number): TextRange => ({
    start,
    end,
    line: line(start),
  });
  const out: AppliedEdit[] = [];
  for (const [i, e] of edits.entries()) {
    const at = placed[i];
    const rendered = output.slice(at.start, at.end);
    const rule = byId.get(e.ruleId);
    out.push({
      ruleId: e.ruleId,
      ruleKind: rule?.kind ?? 'replace',
      ruleAt: rule?.origin ?? { file: '?', line: 0, col: 0 },
      ...(rule?.reason !== undefined ? { reason: rule.reason } : {}),
      change: changeOf(e, rule, rendered),
      ...(e.block !== undefined ? { block: e.block } : {}),
      input: range(e.start, e.end, inLine),
      output: range(at.start, at.end, outLine),
    });
  }
  // The `#if 0` and `#endif` markers by rule, kind and input offset (the first of equal ones), so
  // that placing every region is not a search of every edit.
  const key = (ruleId: string, kind: ChangeKind, at: number): string => `${ruleId}\u0000${kind}\u0000${at}`;
  const markers = new Map<string, AppliedEdit>();
  for (const a of out) {
    if (a.change !== 'if0-open' && a.change !== 'if0-close') continue;
    const k = key(a.ruleId, a.change, a.input.start);
    if (!markers.has(k)) markers.set(k, a);
  }
  const marker = (r: Region, kind: ChangeKind, at: number): AppliedEdit | undefined =>
    markers.get(key(r.ruleId, kind, at));
  const traced: DisabledRegion[] = [];
  for (const r of regions) {
    const open = marker(r, 'if0-open', r.start);
    const close = marker(r, 'if0-close', r.end);
    if (!open || !close) continue;
    traced.push({
      ruleId: r.ruleId,
      input: range(r.start, r.end, inLine),
      output: range(open.output.start, close.output.end, outLine),
    });
  }
  traced.sort((a, b) => a.input.start - b.input.start);
  const matches = results.flatMap((r) =>
    [...r.matches]
      .sort((a, b) => a.start - b.start)
      .map((m) => ({ ruleId: r.rule.id, input: range(m.start, m.end, inLine) })),
  );
  return { edits: out, regions: traced, matches };
}
