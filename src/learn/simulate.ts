/**
 * Running proposed rules on the parsed Linux file in process, as `port()` does (match, edit, carry
 * blocks over from the Xen file, apply), without parsing the Linux file again for every trial, and
 * scoring the result against the Xen file by the lines still different.
 */
import * as YAML from 'yaml';
import { carryBlocks } from '../blocks';
import type { Diagnostic } from '../diagnostics';
import { applyEdits, buildEdits } from '../edit';
import { matchContext, matchRules } from '../match';
import type { MatchContext } from '../match';
import type { Edit } from '../edit';
import type { ParsedSource } from '../parse';
import { parseRuleFile } from '../rules';
import type { Rule } from '../rules/types';
import { ordered, Proposal } from './proposal';

/** Compile proposals into rules (sorted by id, as the loader does); proposals that fail are listed. */
export function compile(ps: Proposal[]): { rules: Rule[]; failed: Proposal[] } {
  const rules: Rule[] = [];
  const failed: Proposal[] = [];
  for (const p of ps) {
    const text = new YAML.Document({ rules: [ordered(p.rule)] }).toString({ lineWidth: 0 });
    const r = parseRuleFile(text, `${p.file}`);
    if (r.diagnostics.some((d) => d.severity === 'error') || r.rules.length !== 1) failed.push(p);
    else rules.push(r.rules[0]);
  }
  rules.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  rules.forEach((r, i) => (r.order = i));
  return { rules, failed };
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
}

const contexts = new WeakMap<ParsedSource, MatchContext>();

/** Match and edit: the output with blocks of `known` filled in and the others as placeholder lines. */
export function runWithPlaceholders(src: ParsedSource, rules: Rule[], known: ReadonlyMap<string, string> = new Map()): { text: string; errors: Diagnostic[]; notes: Diagnostic[]; counts: Map<string, number>; edits: Edit[] } {
  let ctx = contexts.get(src);
  if (!ctx) contexts.set(src, (ctx = matchContext(src)));
  const m = matchRules(ctx, rules);
  const b = buildEdits(m.results, src.text, src.file);
  const counts = new Map(m.results.map((r) => [r.rule.id, r.matches.length]));
  const all = [...m.diagnostics, ...b.diagnostics];
  const errors = all.filter((d) => d.severity === 'error');
  const notes = all.filter((d) => d.severity !== 'error');
  return { text: applyEdits(src.text, b.edits, (name) => known.get(name)), errors, notes, counts, edits: b.edits };
}

/** Run compiled rules on the parsed Linux file, carrying blocks over from `xen` (as port() does). */
export function runRules(src: ParsedSource, rules: Rule[], xen: string): Run {
  const r = runWithPlaceholders(src, rules);
  let blocks = new Map<string, string>();
  let notFound: string[] = [];
  if (r.edits.some((e) => e.block !== undefined)) {
    const c = carryBlocks(applyEdits(src.text, r.edits, () => undefined), xen);
    blocks = c.blocks;
    notFound = c.notFound;
  }
  const output = applyEdits(src.text, r.edits, (name) => blocks.get(name) ?? '');
  return { output, errors: r.errors, notes: r.notes, counts: r.counts, notFound, blocks };
}
