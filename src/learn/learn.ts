/**
 * `learn`: the rule set of an existing hand port. Align the Linux file with the Xen file, propose
 * structural rules (includes, #if 0 regions, deleted items) and call-site renames, then, for each
 * difference left, the finest local rule that reproduces it. Every proposal is checked by running
 * it: a rule is kept only if, run alone, it changes the Linux file exactly toward the Xen file, and
 * the whole set must regenerate the Xen file byte for byte.
 */
import type { NamedText } from '../port';
import { align, Alignment, dropPairs, equalLines, functionOfLines } from './align';
import type { Hunk } from './align';
import type { LinuxHunk } from './align';
import { coarseCandidates } from './items';
import { candidates, hunkTag } from './local';
import { Proposal, uniqueIds } from './proposal';
import { proposeRenames } from './renames';
import { compile, editedLines, editedRanges, provenance, runRules, runWithPlaceholders } from './simulate';
import { changesExactly, improves } from './window';
import { numberRules } from '../rules';
import type { Rule } from '../rules/types';
import { mergeDeletes, proposeDeletes, proposeDisables, proposeIncludes, proposeUnmentioned } from './structural';
import { buildStructure, functionItem, Structure } from './structure';

/** What learning found. */
export interface Learned {
  proposals: Proposal[];
  /** True when the rules regenerate the Xen file byte for byte (in process; the CLI checks again with port()). */
  reproduces: boolean;
  /** Share of the Xen file's lines equal to Linux lines, before any rule. */
  matched: number;
  /** Differences no candidate rule reproduced (Linux line ranges). */
  unresolved: LinuxHunk[];
  /** The parsed Linux file the rules were learned on. */
  structure: Structure;
}

/** Rounds of local proposals: each judges the differences left by the rules of the rounds before. */
const MAX_ROUNDS = 16;

/** Fewer equal lines than this share of the Xen file: not a port of this Linux file. */
export const MIN_MATCHED = 0.25;

/** Share of the Xen file's lines that equal Linux lines. */
export function matchedShare(linux: string, xen: string): number {
  // Only lines with some text count: blank lines and lone braces match in any two C files.
  const significant = (t: string): string =>
    t
      .split('\n')
      .filter((l) => l.trim().length > 3)
      .join('\n');
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
  if (
    cand.length !== 1 ||
    cand[0].rule.block !== undefined ||
    r.errors.some((d) => d.code !== 'XP200' || d.ruleId !== cand[0].rule.id)
  )
    return false;
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
  accepted = [...accepted, ...deleteUnmentioned(s, accepted, xen.text, taken)];
  const xenFns = functionOfLines(al.newLines);
  const xenFnNames = new Set(xenFns.filter((n): n is string => !!n));
  let unresolved: LinuxHunk[] = [];
  // Rules dropped from the whole set (conflicts, blocks with no text): not proposed again.
  const rejected = new Set<string>();
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const acc = sortRules(compile(accepted).rules);
    const run = runRules(s.src, acc, xen.text);
    if (run.output === xen.text && run.errors.length === 0 && run.notFound.length === 0)
      return { proposals: accepted, reproduces: true, matched, unresolved: [], structure: s };
    if (run.notFound.length || run.errors.length) {
      accepted = dropConflicts(s, accepted, xen.text, rejected);
      continue;
    }
    const lg = provenance(s.text, run.edits, run.blocks, run.output) ?? align(s.text, run.output);
    // A line of a Linux function paired with a line of another Xen function, when the Xen file
    // also has the Linux one: a chance pairing (`return ret;`), not the place the line went.
    const gx = dropPairs(align(run.output, xen.text), (g, x) => {
      const l = lg.toOld[g];
      const lf = l >= 0 ? functionItem(s, l)?.name : undefined;
      const xf = xenFns[x];
      return !lf || !xf || lf === xf || !xenFnNames.has(lf);
    });
    const inContext: Base = { al: gx, rules: acc, blocks: run.blocks };
    const toXen = (l: number): number =>
      l >= 0 && l < lg.toNew.length && lg.toNew[l] >= 0 ? gx.toNew[lg.toNew[l]] : -1;
    const added: Proposal[] = [];
    unresolved = [];
    const claimed: Array<[number, number]> = [];
    // Rules of one round are judged apart: a hunk inside lines an accepted rule of this round edits
    // waits for the next round, and a candidate editing such lines is not taken.
    const overlaps = (a: number, b: number): boolean => claimed.some(([c, d]) => a <= d && c <= b);
    let deferred = 0;
    const solve = (h: LinuxHunk): boolean => {
      for (const cand of candidates(s, h, al.newLines, hunkTag(s, h.a), toXen)) {
        if (cand.some((p) => rejected.has(shape(p)))) continue;
        finalize(cand, new Set([...taken]));
        const cc = compile(cand);
        if (cc.failed.length) continue;
        const span = editedLines(s.src, cc.rules);
        if (!span || overlaps(span[0], span[1])) continue;
        if (!judge(s, cand, alone, inContext)) continue;
        cand.forEach((p) => taken.add(p.rule.id));
        added.push(...cand);
        claimed.push(span);
        return true;
      }
      return false;
    };
    for (const h of residual(lg, gx)) {
      if (overlaps(h.a, Math.max(h.a, h.b - 1))) {
        deferred++;
        continue;
      }
      // A joined hunk with no rule: its parts alone (each may make progress for the next round).
      if (!solve(h) && !(h.parts ?? []).map(solve).some((x) => x)) unresolved.push(h);
    }
    if (added.length === 0 && deferred === 0) {
      // Nothing finer works: the items around a difference replaced whole, in place of the rules
      // accepted inside them (Xen moved or merged code there, and fine rules pieced it wrongly).
      const coarse = coarsen(s, accepted, unresolved, xen.text, taken);
      if (!coarse) break;
      accepted = coarse;
      continue;
    }
    if (added.length === 0) break;
    accepted = dropConflicts(s, [...accepted, ...added], xen.text, rejected);
  }
  const final = runRules(s.src, compile(accepted).rules, xen.text);
  return {
    proposals: accepted,
    reproduces: final.output === xen.text && final.errors.length === 0 && final.notFound.length === 0,
    matched,
    unresolved,
    structure: s,
  };
}

/**
 * Linux functions the Xen file never names and no accepted rule touches, deleted when that brings
 * the text closer to the Xen file (one rule for all of them): without them, the line diff no
 * longer pieces Xen's own code together from their lines.
 */
function deleteUnmentioned(s: Structure, accepted: Proposal[], xen: string, taken: Set<string>): Proposal[] {
  const spans = editedRanges(s.src, compile(accepted).rules);
  const touched = (a: number, b: number): boolean => spans.some(([c, d]) => a <= d && c <= b);
  const props = proposeUnmentioned(s, xen, touched);
  if (props.length === 0) return [];
  const acc = sortRules(compile(accepted).rules);
  const run = runRules(s.src, acc, xen);
  const al = align(run.output, xen);
  finalize(props, new Set(taken));
  const good = props.filter((p) => improvesWith(s, [p], { al, rules: acc, blocks: run.blocks }));
  const merged = mergeDeletes(good);
  finalize(merged, taken);
  const cc = compile(merged);
  if (cc.failed.length) return [];
  const r = runWithPlaceholders(s.src, sortRules([...acc, ...cc.rules]), run.blocks);
  return r.errors.length === 0 ? merged : [];
}

/**
 * A candidate judged alone on the Linux file or with the accepted rules (`inContext`); one right
 * alone must also run with them without error, overriding the rewrites it overlaps if need be.
 */
function judge(s: Structure, cand: Proposal[], alone: Base, inContext: Base): boolean {
  if (tryCandidate(s, cand, alone)) {
    const r = runWithPlaceholders(s.src, sortRules([...inContext.rules, ...compile(cand).rules]), inContext.blocks);
    const ids = new Set(cand.map((p) => p.rule.id));
    if (!r.errors.some((d) => (d.ruleId ?? '').split(/,\s*/).some((x) => ids.has(x)))) return true;
  }
  return tryCandidate(s, cand, inContext) || withOverrides(s, cand, inContext);
}

/**
 * A rewrite (`with`) that overlaps edits of accepted rules, tried again overriding them: its
 * text already has those lines as the Xen file has them.
 */
function withOverrides(s: Structure, cand: Proposal[], base: Base): boolean {
  if (cand.length !== 1 || cand[0].rule.with === undefined) return false;
  const cc = compile(cand);
  if (cc.failed.length) return false;
  const r = runWithPlaceholders(s.src, sortRules([...base.rules, ...cc.rules]), base.blocks);
  const id = cand[0].rule.id;
  const others = new Set<string>();
  for (const d of r.errors) {
    const ids = (d.ruleId ?? '').split(/,\s*/);
    if (d.code === 'XP201' && ids.includes(id)) ids.filter((x) => x !== id).forEach((x) => others.add(x));
  }
  for (const m of r.errors.map((d) => /rules '([^']+)' .* and '([^']+)'/.exec(d.message)))
    if (m && (m[1] === id || m[2] === id)) others.add(m[1] === id ? m[2] : m[1]);
  if (others.size === 0) return false;
  cand[0].rule.overrides = [...others].sort();
  if (tryCandidate(s, cand, base)) return true;
  delete cand[0].rule.overrides;
  return false;
}

/** True when the candidate, run with the base's rules, brings the text closer to the Xen file. */
function improvesWith(s: Structure, cand: Proposal[], base: Base): boolean {
  const cc = compile(cand);
  if (cc.failed.length) return false;
  const r = runWithPlaceholders(s.src, sortRules([...base.rules, ...cc.rules]), base.blocks);
  return r.errors.length === 0 && improves(base.al, r.text);
}

/**
 * For the first unresolved hunk that allows it: the rules whose edits all lie inside the items
 * around it dropped, and those items replaced whole (a block for the first, the rest deleted),
 * if that changes the text exactly toward the Xen file. Undefined when no hunk allows it.
 */
function coarsen(
  s: Structure,
  accepted: Proposal[],
  unresolved: LinuxHunk[],
  xen: string,
  taken: Set<string>,
): Proposal[] | undefined {
  const ranges = new Map(accepted.map((p) => [p, editedRanges(s.src, compile([p]).rules)]));
  for (const h of unresolved) {
    for (const { lines, cand } of coarseCandidates(s, h, hunkTag(s, h.a === h.b ? (h.prev ?? h.next ?? 0) : h.a))) {
      const inside = (r: [number, number]): boolean => r[0] >= lines[0] && r[1] <= lines[1];
      const keep = accepted.filter((p) => {
        const rs = ranges.get(p) ?? [];
        return rs.length === 0 || !rs.every(inside);
      });
      const acc = sortRules(compile(keep).rules);
      const run = runRules(s.src, acc, xen);
      const base: Base = { al: align(run.output, xen), rules: acc, blocks: run.blocks };
      finalize(cand, new Set([...taken]));
      // Items deleted whole: kept when that brings the text closer (the Xen code in their place then
      // shows as Xen-only lines, carried as one block next round).
      const onlyDeletes = cand.every((p) => p.rule.kind === 'delete');
      let ok = onlyDeletes ? improvesWith(s, cand, base) : tryCandidate(s, cand, base);
      if (ok) {
        // Judged on a window: the blocks must also be found in the whole Xen file.
        const whole = runRules(s.src, sortRules([...acc, ...compile(cand).rules]), xen);
        const ids = new Set(cand.map((p) => p.rule.id));
        ok =
          !whole.errors.some((d) => (d.ruleId ?? '').split(/,\s*/).some((x) => ids.has(x))) &&
          !cand.some((p) => whole.notFound.includes(p.rule.block as string));
      }
      if (!ok) continue;
      cand.forEach((p) => taken.add(p.rule.id));
      return [...keep, ...cand];
    }
  }
  return undefined;
}

/**
 * Hunks separated only by trivial lines (blank, a lone brace) joined: a function Xen rewrote shows
 * as a changed header, an equal `{` and a deleted body, which only make sense together.
 */
export function mergeTrivial(hunks: readonly Hunk[], lines: readonly string[]): Array<Hunk & { parts?: Hunk[] }> {
  const out: Array<Hunk & { parts?: Hunk[] }> = [];
  for (const h of hunks) {
    const prev = out[out.length - 1];
    if (prev && h.a - prev.b <= 3 && lines.slice(prev.b, h.a).every((l) => l.trim().length <= 1)) {
      out[out.length - 1] = {
        a: prev.a,
        b: h.b,
        xa: prev.xa,
        xb: h.xb,
        parts: [...(prev.parts ?? [{ a: prev.a, b: prev.b, xa: prev.xa, xb: prev.xb }]), { ...h }],
      };
    } else out.push({ ...h });
  }
  return out;
}

/** The residual hunks of the Xen file against `generated`, on Linux lines. */
export function residual(lg: Pick<Alignment, 'toOld'>, gx: Alignment): LinuxHunk[] {
  const out: LinuxHunk[] = [];
  for (const h of mergeTrivial(gx.hunks, gx.oldLines)) {
    const one = onLinux(lg, gx, h);
    if (!one) continue;
    if (h.parts) one.parts = h.parts.map((p) => onLinux(lg, gx, p)).filter((p): p is LinuxHunk => !!p);
    out.push(one);
  }
  return out;
}

/** A hunk of the generated text against the Xen file, on Linux lines. */
function onLinux(lg: Pick<Alignment, 'toOld'>, gx: Alignment, h: Hunk): LinuxHunk | undefined {
  const toLinux = lg.toOld;
  const g = gx.oldLines;
  {
    if (h.a < h.b) {
      const ls: number[] = [];
      for (let k = h.a; k < h.b; k++) ls.push(toLinux[k]);
      if (ls.every((l, k) => l >= 0 && (k === 0 || l === ls[k - 1] + 1)))
        return { a: ls[0], b: ls[ls.length - 1] + 1, xa: h.xa, xb: h.xb };
      const mapped = ls.filter((l) => l >= 0);
      // Only generated lines that are not Linux lines (block text): nothing to anchor a rule on.
      return mapped.length ? { a: mapped[0], b: mapped[mapped.length - 1] + 1, xa: h.xa, xb: h.xb } : undefined;
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
    return { ...hk, a: at, b: at };
  }
}

/** What a proposal does, without its id and block name (which differ between rounds). */
function shape(p: Proposal): string {
  const { id: _id, block, ...rest } = p.rule;
  return JSON.stringify({ ...rest, block: block === undefined ? undefined : true });
}

/** Drop proposals named by errors of the combined run (overlaps, drift), latest first. */
function dropConflicts(s: Structure, ps: Proposal[], xen: string, rejected?: Set<string>): Proposal[] {
  let cur = ps;
  for (let i = 0; i < 20; i++) {
    const run = runRules(s.src, compile(cur).rules, xen);
    const bad = new Set(
      run.errors
        .map((d) => d.ruleId)
        .filter((x): x is string => !!x)
        .flatMap((x) => x.split(/,\s*/)),
    );
    // A block with no text at its place in the whole Xen file (the window of its trial found some).
    for (const p of cur)
      if (typeof p.rule.block === 'string' && run.notFound.includes(p.rule.block)) bad.add(p.rule.id);
    if (bad.size === 0) return cur;
    // Keep the earliest of each conflicting group; drop the rest.
    const named = cur.filter((p) => bad.has(p.rule.id));
    const drop = new Set(named.slice(named.length > 1 ? 1 : 0).map((p) => p.rule.id));
    for (const p of cur) if (drop.has(p.rule.id)) rejected?.add(shape(p));
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
