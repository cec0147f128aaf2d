/**
 * `learn`: the rule set of an existing hand port. Align the Linux file with the Xen file, propose
 * structural rules (includes, #if 0 regions, deleted items) and call-site renames, then, for each
 * difference left, the finest local rule that reproduces it. Every proposal is checked by running
 * it: a rule is kept only if, run alone, it changes the Linux file exactly toward the Xen file, and
 * the whole set must regenerate the Xen file byte for byte.
 */
import type { NamedText } from '../port';
import { align, Alignment, equalLines } from './align';
import type { Hunk } from './align';
import { candidates, hunkTag, LinuxHunk } from './local';
import { Proposal, uniqueIds } from './proposal';
import { proposeRenames } from './renames';
import { compile, runRules, runWithPlaceholders } from './simulate';
import { changesExactly } from './window';
import { numberRules } from '../rules';
import type { Rule } from '../rules/types';
import { proposeDeletes, proposeDisables, proposeIncludes } from './structural';
import { buildStructure, Structure } from './structure';

/** What learning found. */
export interface Learned {
  proposals: Proposal[];
  /** True when the rules regenerate the Xen file byte for byte (in process; the CLI checks again with port()). */
  reproduces: boolean;
  /** Share of the Xen file's lines equal to Linux lines, before any rule. */
  matched: number;
  /** Differences no candidate rule reproduced (Linux line ranges). */
  unresolved: LinuxHunk[];
}

/** Fewer equal lines than this share of the Xen file: not a port of this Linux file. */
export const MIN_MATCHED = 0.25;

/** Share of the Xen file's lines that equal Linux lines. */
export function matchedShare(linux: string, xen: string): number {
  // Only lines with some text count: blank lines and lone braces match in any two C files.
  const significant = (t: string): string => t.split('\n').filter((l) => l.trim().length > 3).join('\n');
  const al = align(significant(linux), significant(xen));
  return al.newLines.length ? equalLines(al) / al.newLines.length : 0;
}

/** Resolve `block: '@id'` to the rule id, after ids are unique. */
function finalize(ps: Proposal[], taken: Set<string>): void {
  uniqueIds(ps, taken);
  for (const p of ps) if (p.rule.block === '@id') p.rule.block = p.rule.id;
}

/** A base to judge trials against: its text aligned with the Xen file, its rules and carried blocks. */
export interface Base {
  al: Alignment;
  rules: Rule[];
  blocks: ReadonlyMap<string, string>;
}

/** Rules sorted by id and numbered, as the loader does. */
export function sortRules(rules: Rule[]): Rule[] {
  return numberRules(rules);
}

/**
 * True when the candidate, run with the base's rules, changes the base's text exactly toward the
 * Xen file. A rule that matches more places than the one it was learned from is kept, with its
 * count, if it is right at all of them: a repeated change becomes one general rule.
 */
export function tryCandidate(s: Structure, cand: Proposal[], base: Base): boolean {
  const cc = compile(cand);
  if (cc.failed.length) return false;
  const r = runWithPlaceholders(s.src, sortRules([...base.rules, ...cc.rules]), base.blocks);
  if (r.errors.length === 0) return changesExactly(base.al, r.text);
  if (cand.length !== 1 || cand[0].rule.block !== undefined || r.errors.some((d) => d.code !== 'XP200' || d.ruleId !== cand[0].rule.id)) return false;
  const n = r.counts.get(cand[0].rule.id) ?? 0;
  if (n <= 1) return false;
  const c2 = compile([{ ...cand[0], rule: { ...cand[0].rule, expect: n } }]);
  if (c2.failed.length) return false;
  const r2 = runWithPlaceholders(s.src, sortRules([...base.rules, ...c2.rules]), base.blocks);
  if (r2.errors.length || !changesExactly(base.al, r2.text)) return false;
  cand[0].rule.expect = n;
  cand[0].general = true;
  cand[0].from = `${n} places like ${cand[0].from.replace(/^[^:]*: /, '')}`;
  return true;
}

/** Learn the rule set that ports `linux` to `xen`. */
export function learn(linux: NamedText, xen: NamedText): Learned {
  const s = buildStructure(linux.text, linux.file);
  const al = align(linux.text, xen.text);
  const matched = matchedShare(linux.text, xen.text);
  const alone: Base = { al, rules: [], blocks: new Map() };
  const taken = new Set<string>();
  const structural = [...proposeIncludes(s, al), ...proposeDisables(s, al), ...proposeDeletes(s, al)];
  const renames = proposeRenames(s, al);
  finalize([...structural, ...renames], taken);
  let accepted = structural.filter((p) => tryCandidate(s, [p], alone));
  // Renames are judged with the structural rules: inside #if 0 regions Linux text stays as it is.
  if (renames.length) {
    const acc = sortRules(compile(accepted).rules);
    const run = runRules(s.src, acc, xen.text);
    const base: Base = { al: align(run.output, xen.text), rules: acc, blocks: run.blocks };
    accepted = [...accepted, ...renames.filter((p) => tryCandidate(s, [p], base))];
  }
  let unresolved: LinuxHunk[] = [];
  for (let round = 0; round < 4; round++) {
    const acc = sortRules(compile(accepted).rules);
    const run = runRules(s.src, acc, xen.text);
    if (run.output === xen.text && run.errors.length === 0) return { proposals: accepted, reproduces: true, matched, unresolved: [] };
    const lg = align(s.text, run.output);
    const gx = align(run.output, xen.text);
    const inContext: Base = { al: gx, rules: acc, blocks: run.blocks };
    const toXen = (l: number): number => (l >= 0 && l < lg.toNew.length && lg.toNew[l] >= 0 ? gx.toNew[lg.toNew[l]] : -1);
    const added: Proposal[] = [];
    unresolved = [];
    const claimed: Array<[number, number]> = [];
    for (const h of residual(lg, gx)) {
      if (claimed.some(([a, b]) => h.a >= a && h.b <= b && h.a < b)) continue;
      const tag = hunkTag(s, h.a);
      let ok = false;
      for (const cand of candidates(s, h, al.newLines, tag, toXen)) {
        finalize(cand, new Set([...taken]));
        if (!tryCandidate(s, cand, alone) && !tryCandidate(s, cand, inContext)) continue;
        cand.forEach((p) => taken.add(p.rule.id));
        added.push(...cand);
        ok = true;
        if (cand.some((p) => p.file === 'blocks.yaml' && p.rule.kind === 'replace' && !p.rule.pattern)) claimed.push([h.a, h.b]);
        break;
      }
      if (!ok) unresolved.push(h);
    }
    if (added.length === 0) break;
    accepted = dropConflicts(s, [...accepted, ...added], xen.text);
  }
  const final = runRules(s.src, compile(accepted).rules, xen.text);
  return { proposals: accepted, reproduces: final.output === xen.text && final.errors.length === 0, matched, unresolved };
}

/**
 * Hunks separated only by trivial lines (blank, a lone brace) joined: a function Xen rewrote shows
 * as a changed header, an equal `{` and a deleted body, which only make sense together.
 */
export function mergeTrivial(hunks: readonly Hunk[], lines: readonly string[]): Hunk[] {
  const out: Hunk[] = [];
  for (const h of hunks) {
    const prev = out[out.length - 1];
    if (prev && h.a - prev.b <= 3 && lines.slice(prev.b, h.a).every((l) => l.trim().length <= 1)) {
      out[out.length - 1] = { a: prev.a, b: h.b, xa: prev.xa, xb: h.xb };
    } else out.push({ ...h });
  }
  return out;
}

/** The residual hunks of the Xen file against `generated`, on Linux lines. */
export function residual(lg: Alignment, gx: Alignment): LinuxHunk[] {
  const toLinux = lg.toOld;
  const g = gx.oldLines;
  const out: LinuxHunk[] = [];
  for (const h of mergeTrivial(gx.hunks, g)) {
    if (h.a < h.b) {
      const ls: number[] = [];
      for (let k = h.a; k < h.b; k++) ls.push(toLinux[k]);
      if (ls.every((l, k) => l >= 0 && (k === 0 || l === ls[k - 1] + 1))) out.push({ a: ls[0], b: ls[ls.length - 1] + 1, xa: h.xa, xb: h.xb });
      else {
        const mapped = ls.filter((l) => l >= 0);
        if (mapped.length) out.push({ a: mapped[0], b: mapped[mapped.length - 1] + 1, xa: h.xa, xb: h.xb });
      }
      continue;
    }
    const hk: LinuxHunk = { a: -1, b: -1, xa: h.xa, xb: h.xb };
    let n = h.a;
    while (n < g.length && toLinux[n] >= 0 && g[n].trim() === '') n++;
    if (n < g.length && toLinux[n] >= 0) hk.next = toLinux[n];
    let p = h.a - 1;
    while (p >= 0 && toLinux[p] >= 0 && g[p].trim() === '') p--;
    if (p >= 0 && toLinux[p] >= 0) hk.prev = toLinux[p];
    if (p < 0) hk.atStart = true;
    if (n >= g.length) hk.atEnd = true;
    const at = hk.next ?? hk.prev ?? 0;
    out.push({ ...hk, a: at, b: at });
  }
  return out;
}


/** Drop proposals named by errors of the combined run (overlaps, drift), latest first. */
function dropConflicts(s: Structure, ps: Proposal[], xen: string): Proposal[] {
  let cur = ps;
  for (let i = 0; i < 20; i++) {
    const run = runRules(s.src, compile(cur).rules, xen);
    const bad = new Set(run.errors.map((d) => d.ruleId).filter((x): x is string => !!x).flatMap((x) => x.split(/,\s*/)));
    if (bad.size === 0) return cur;
    // Keep the earliest of each conflicting group; drop the rest.
    const named = cur.filter((p) => bad.has(p.rule.id));
    const drop = new Set(named.slice(named.length > 1 ? 1 : 0).map((p) => p.rule.id));
    cur = cur.filter((p) => !drop.has(p.rule.id));
  }
  return cur;
}

/** Proposals with their expected counts set to what they match (each already checked). */
export function withCounts(s: Structure, ps: Proposal[], xen: string): void {
  const run = runRules(s.src, compile(ps).rules, xen);
  for (const p of ps) {
    const n = run.counts.get(p.rule.id);
    if (n !== undefined) p.rule.expect = n;
  }
}
