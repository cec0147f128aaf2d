/**
 * `learn --adopt`: a port that stops on XP300 (lines of the existing Xen file its rules do not
 * make, Xen-only commits to a generated file) gets rules for those lines, proposed as a separate
 * rule file for review. Each is checked with the port's own rules, as in learning, and judged
 * against the port as it stands after the rules already adopted (never two rules for one change).
 *
 * The shapes, in the order they are tried:
 * - the include run changed: a new `includes` rule with the Xen list supersedes the port's own
 *   (excluded in port.yaml, so the reviewer sees the two lists side by side);
 * - a `/* Xen: *\/` comment of a rule reworded: a copy of the rule with the Xen words supersedes it;
 * - an item Xen changed in several places, or in text a rule of the port makes: the whole item
 *   as a block carried over from the Xen file, one rule saying "Xen owns this function now"
 *   instead of a rewrite per line; where the port's rules edit inside it (an `#if 0` region, a
 *   rewrite), the block `overrides` them there;
 * - otherwise, per difference, a macro value Xen rewrote (one query rule, counted, when every
 *   macro with that value changed alike), the finest rule learning would propose
 *   (src/learn/local.ts), items deleted with the comment above them, a comment whose lines Xen dropped as a block, new
 *   Xen-only items as inserted blocks;
 * - blocks that would sit side by side (no Linux line between them to carry them apart) merged.
 * A tidy pass then drops adopted rules another adopted block swallows whole.
 */
import type { NamedText } from '../port';
import { swallowHost } from '../port/swallowed';
import type { Rule } from '../rules/types';
import { align } from './align';
import { adoptCandidates, overriding, selectsAny, settle, wholeItems } from './adopt-candidates';
import { AdoptHunk, differs, groupByItem, hunkAt, hunksOf, State } from './adopt-state';
import { Base, sortRules } from './learn';
import type { LinuxHunk } from './align';
import { itemsAround, itemsCandidate } from './items';
import { hunkTag } from './local';
import type { Proposal } from './proposal';
import { uniqueIds } from './proposal';
import { compile, runRules } from './simulate';
import { adoptIncludes, reword, Superseding, trySuperseding } from './supersede';
import { buildStructure } from './structure';

export { manifestWithAdopted } from './supersede';

/** What adoption proposes. */
export interface Adopted {
  proposals: Proposal[];
  /**
   * Ids of the port's rules to exclude in port.yaml: those the proposals supersede, and the
   * `drifted` ones.
   */
  superseded: string[];
  /**
   * Ids of the port's rules that match nothing in the Linux file (a newer Linux no longer has the
   * text they rewrite): retired, so that the difference they leave is adopted like any other.
   */
  drifted: string[];
  reproduces: boolean;
  /** Xen lines (1-based) of differences no candidate reproduced. */
  unresolved: number[];
}

const ROUNDS = 4;
/** The reason an adopted rule carries until the reviewer writes the Xen commit's own. */
const ADOPTED_REASON =
  'Xen-only change to the generated file (xenport learn --adopt): replace with the reason of the Xen commit';

/** Propose rules so that `rules` plus them regenerate `xen` from `linux`. */
export function adopt(linux: NamedText, xen: NamedText, rules: Rule[]): Adopted {
  const s = buildStructure(linux.text, linux.file);
  const taken = new Set(rules.map((r) => r.id));
  const added: Proposal[] = [];
  const superseded = new Set<string>();
  const state = (): State => {
    const acc = sortRules([...rules.filter((r) => !superseded.has(r.id)), ...compile(added).rules]);
    const run = runRules(s.src, acc, xen.text);
    const lg = align(s.text, run.output);
    const gx = align(run.output, xen.text);
    return { acc, run, lg, gx, exact: run.output === xen.text && run.errors.length === 0 };
  };
  let st = state();
  // Rules the Linux file no longer has a match for (XP200, found 0): every candidate is judged with
  // the port's rules and none can be kept while they fail, so they are retired first.
  const drifted = driftedRules(st);
  if (drifted.length) {
    drifted.forEach((id) => superseded.add(id));
    st = state();
  }
  /**
   * Keep a checked candidate when the whole port, run with it, still carries every block and has
   * no new error (the check runs on a window; a block can be found there and not in the file).
   */
  const accept = (cand: Proposal[]): boolean => {
    const before = st;
    added.push(...cand);
    st = state();
    if (st.run.notFound.length > before.run.notFound.length || st.run.errors.length > before.run.errors.length) {
      added.splice(added.length - cand.length, cand.length);
      st = before;
      return false;
    }
    for (const p of cand) {
      p.file = 'adopted.yaml';
      p.from = `adopted: ${p.from}`;
      taken.add(p.rule.id);
    }
    return true;
  };
  /**
   * The items around a hunk no rule reproduces, with their neighbours, as one block, absorbing
   * the blocks already adopted on them: two blocks side by side cannot be told apart when they
   * are carried over from the Xen file (no Linux line between them), one block can.
   */
  const absorb = (h: AdoptHunk): boolean => {
    for (let widen = 1; widen <= 2; widen++) {
      const items = itemsAround(s, h.a, Math.max(h.a, h.b - 1), widen);
      if (!items) continue;
      const names = new Set(items.filter((it) => it.kind && it.name).map((it) => `${it.kind}:${it.name}`));
      const victims = added.filter((p) => p.rule.block !== undefined && selectsAny(p.rule, names));
      if (victims.length === 0) continue;
      const before = { added: [...added], st };
      added.splice(0, added.length, ...added.filter((p) => !victims.includes(p)));
      st = state();
      const cand = itemsCandidate(
        s,
        items,
        true,
        `adopt-${hunkTag(s, items[0].first)}`,
        `items the Xen file changed, with blocks next to each other: Linux lines ${items[0].first + 1}-${items[items.length - 1].last + 1}`,
      );
      const base: Base = { al: st.gx, rules: st.acc, blocks: st.run.blocks };
      if ((settle(s, cand, base, taken) || overriding(s, cand, base)) && accept(cand)) {
        for (const v of victims) taken.delete(v.rule.id);
        return true;
      }
      added.splice(0, added.length, ...before.added);
      st = before.st;
    }
    return false;
  };
  const acceptSuperseding = (r: Superseding): boolean => {
    superseded.add(r.supersedes);
    if (accept([r.proposal])) return true;
    superseded.delete(r.supersedes);
    return false;
  };
  const includes = adoptIncludes(s, xen.text, rules, st);
  if (includes) {
    uniqueIds([includes.proposal], taken);
    acceptSuperseding(includes);
  }
  let unresolved: number[] = [];
  for (let round = 0; round < ROUNDS && !st.exact; round++) {
    unresolved = [];
    let progress = false;
    for (const group of groupByItem(s, hunksOf(st))) {
      // Hunks of this group another acceptance in the round already resolved are skipped.
      const open = (h: LinuxHunk): boolean => differs(st, h);
      // A rule's reworded comment first: the copy keeps the rule, a block would replace the item.
      for (const h of group.hunks.filter((x) => x.ruleMade && open(x))) {
        const here = hunkAt(st, h);
        const reworded = here?.ruleMade ? reword(st, here, taken) : undefined;
        if (reworded && trySuperseding(s, st, reworded, taken) && acceptSuperseding(reworded)) progress = true;
      }
      const todo = group.hunks.filter(open);
      if (todo.length === 0) continue;
      const base = (): Base => ({ al: st.gx, rules: st.acc, blocks: st.run.blocks });
      const whole = group.items && (group.heavy || todo.some((h) => h.ruleMade));
      if (whole && group.items) {
        const cand = itemsCandidate(
          s,
          group.items,
          true,
          `adopt-${hunkTag(s, group.items[0].first)}`,
          `items the Xen file changed in ${todo.length} place${todo.length > 1 ? 's' : ''}: Linux lines ${group.items[0].first + 1}-${group.items[group.items.length - 1].last + 1}`,
        );
        if ((settle(s, cand, base(), taken) || overriding(s, cand, base())) && accept(cand)) {
          progress = true;
          continue;
        }
      }
      for (const h of todo) {
        if (!open(h)) continue;
        let ok = false;
        const toXen = (l: number): number =>
          l >= 0 && l < st.lg.toNew.length && st.lg.toNew[l] >= 0 ? st.gx.toNew[st.lg.toNew[l]] : -1;
        const here = hunkAt(st, h) ?? h;
        for (const cand of adoptCandidates(s, here, st.gx.newLines, `adopt-${hunkTag(s, here.a)}`, toXen)) {
          if (!(settle(s, cand, base(), taken) || (wholeItems(cand) && overriding(s, cand, base()))) || !accept(cand))
            continue;
          ok = progress = true;
          break;
        }
        if (!ok && absorb(here)) ok = progress = true;
        if (!ok) unresolved.push(here.xa + 1);
      }
    }
    if (!progress) break;
  }
  if (st.exact) tidy();
  for (const p of added) if (p.rule.reason === undefined) p.rule.reason = ADOPTED_REASON;
  return {
    proposals: added,
    superseded: [...superseded].sort(),
    drifted,
    reproduces: st.exact,
    unresolved: st.exact ? [] : unresolved.length ? unresolved : hunksOf(st).map((h) => h.xa + 1),
  };

  /**
   * Once the port reproduces the Xen file: an adopted rule whose edits another adopted rule's
   * block or deletion swallows whole goes; a rule of the port whose edits an adopted block
   * swallows is named in that block's `overrides` (the reviewer sees what the block replaces, and
   * the port gives no XP206). Kept only if the port still reproduces the Xen file.
   */
  function tidy(): void {
    const pairs = st.run.notes
      .map((d) => ({ inner: d.ruleId, host: swallowHost(d) }))
      .filter((x): x is { inner: string; host: string } => !!x.inner && !!x.host);
    const mine = new Map(added.map((p) => [p.rule.id, p]));
    const dropped = new Set(pairs.filter((x) => mine.has(x.inner) && mine.has(x.host)).map((x) => x.inner));
    const overrides = new Map<Proposal, string[]>();
    for (const x of pairs) {
      const host = mine.get(x.host);
      if (!host || mine.has(x.inner)) continue;
      const over = new Set(overrides.get(host) ?? (host.rule.overrides as string[] | undefined) ?? []);
      overrides.set(host, [...over.add(x.inner)].sort());
    }
    const step = (change: () => () => void): void => {
      const before = st;
      const undo = change();
      st = state();
      if (!st.exact) {
        undo();
        st = before;
      }
    };
    step(() => {
      const old = [...overrides.keys()].map((p) => [p, p.rule.overrides] as const);
      for (const [p, ids] of overrides) p.rule.overrides = ids;
      return () => old.forEach(([p, o]) => (p.rule.overrides = o));
    });
    step(() => {
      const old = [...added];
      added.splice(0, added.length, ...added.filter((p) => !dropped.has(p.rule.id)));
      return () => added.splice(0, added.length, ...old);
    });
  }
}

/**
 * The rules of the port that fail on the Linux file because they match nothing there (XP200 with
 * no match: the Linux text they rewrite is gone), sorted. A rule matching fewer or more places than
 * it expects is not one: its text is still there and the reviewer decides its count.
 */
export function driftedRules(st: State): string[] {
  const ids = new Set<string>();
  for (const d of st.run.errors)
    if (d.code === 'XP200' && d.ruleId && (st.run.counts.get(d.ruleId) ?? 0) === 0) ids.add(d.ruleId);
  return [...ids].sort();
}
