/**
 * `learn --adopt`: a port that stops on XP300 (lines of the existing Xen file its rules do not
 * make, Xen-only commits to a generated file) gets rules for those lines, proposed as a separate
 * rule file for review. Each is checked with the port's own rules, as in learning, and judged
 * against the port as it stands after the rules already adopted (never two rules for one change).
 *
 * The shapes, in the order they are tried:
 * - the include run changed: a new `includes` rule with the Xen list supersedes the port's own
 *   (the port's is excluded in port.yaml, so the reviewer sees the two lists side by side);
 * - an item Xen changed in several places, or in text a rule of the port makes (a `with`
 *   template, a comment): the whole item becomes a block carried over from the Xen file, so one
 *   rule says "Xen owns this function now" instead of a rewrite per line (the port's edits inside
 *   it are dropped, info XP202);
 * - otherwise, per difference, the finest rule learning would propose (src/learn/local.ts);
 *   new Xen-only items between Linux items are inserted blocks.
 */
import * as fs from 'fs';
import * as YAML from 'yaml';
import { renderReason } from '../edit/reason';
import { swallowHost } from '../port/swallowed';
import type { NamedText } from '../port';
import type { Rule } from '../rules/types';
import { align, Alignment } from './align';
import { candidates, hunkTag, itemsAround, itemsCandidate, LinuxHunk } from './local';
import { commentQuery, inComment } from './anchors';
import { Proposal, RuleYaml, uniqueIds } from './proposal';
import { Base, mergeTrivial, residual, sortRules, tryCandidate } from './learn';
import { compile, Run, runRules, runWithPlaceholders } from './simulate';
import { proposeIncludes } from './structural';
import { buildStructure, Structure, TopItem } from './structure';

/** What adoption proposes. */
export interface Adopted {
  proposals: Proposal[];
  /** Ids of the port's rules the proposals supersede (to exclude in port.yaml). */
  superseded: string[];
  reproduces: boolean;
  /** Xen lines (1-based) of differences no candidate reproduced. */
  unresolved: number[];
}

/** An item with this many differences, or this share of its lines changed, is taken whole. */
const HEAVY_HUNKS = 3;
const HEAVY_SHARE = 0.3;
const ROUNDS = 4;
/** The reason an adopted rule carries until the reviewer writes the Xen commit's own. */
const ADOPTED_REASON = 'Xen-only change to the generated file (xenport learn --adopt): replace with the reason of the Xen commit';

/** The port's rules plus the adopted ones, run on the Linux file, aligned with the Xen file. */
interface State {
  acc: Rule[];
  run: Run;
  /** Linux text to generated text. */
  lg: Alignment;
  /** Generated text to the Xen file. */
  gx: Alignment;
  exact: boolean;
}

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
      const cand = itemsCandidate(s, items, true, `adopt-${hunkTag(s, items[0].first)}`, `items the Xen file changed, with blocks next to each other: Linux lines ${items[0].first + 1}-${items[items.length - 1].last + 1}`);
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
        const cand = itemsCandidate(s, group.items, true, `adopt-${hunkTag(s, group.items[0].first)}`, `items the Xen file changed in ${todo.length} place${todo.length > 1 ? 's' : ''}: Linux lines ${group.items[0].first + 1}-${group.items[group.items.length - 1].last + 1}`);
        if ((settle(s, cand, base(), taken) || overriding(s, cand, base())) && accept(cand)) {
          progress = true;
          continue;
        }
      }
      for (const h of todo) {
        if (!open(h)) continue;
        let ok = false;
        const toXen = (l: number): number => (l >= 0 && l < st.lg.toNew.length && st.lg.toNew[l] >= 0 ? st.gx.toNew[st.lg.toNew[l]] : -1);
        const here = hunkAt(st, h) ?? h;
        for (const cand of adoptCandidates(s, here, st.gx.newLines, `adopt-${hunkTag(s, here.a)}`, toXen)) {
          if (!(settle(s, cand, base(), taken) || (wholeItems(cand) && overriding(s, cand, base()))) || !accept(cand)) continue;
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
  return { proposals: added, superseded: [...superseded].sort(), reproduces: st.exact, unresolved: st.exact ? [] : unresolved.length ? unresolved : hunksOf(st).map((h) => h.xa + 1) };

  /**
   * Once the port reproduces the Xen file: an adopted rule whose edits another adopted rule's
   * block or deletion swallows whole goes; a rule of the port whose edits an adopted block
   * swallows is named in that block's `overrides` (the reviewer sees what the block replaces, and
   * the port gives no XP206). Kept only if the port still reproduces the Xen file.
   */
  function tidy(): void {
    const pairs = st.run.notes.map((d) => ({ inner: d.ruleId, host: swallowHost(d) })).filter((x): x is { inner: string; host: string } => !!x.inner && !!x.host);
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

/** Unique ids and block names for a candidate, then the check against the base. */
function settle(s: Structure, cand: Proposal[], base: Base, taken: Set<string>): boolean {
  uniqueIds(cand, new Set(taken));
  for (const p of cand) if (p.rule.block === '@id') p.rule.block = p.rule.id;
  return tryCandidate(s, cand, base);
}

/**
 * A block replacing whole items that holds edits of the port's rules (an `#if 0` region inside a
 * function, a rewrite): the block `overrides` those rules there (their edits inside it go, their
 * other matches stay), then is checked again.
 */
function overriding(s: Structure, cand: Proposal[], base: Base): boolean {
  const head = cand[0];
  if (!head || head.rule.block === undefined || head.rule.overrides !== undefined) return false;
  const cc = compile(cand);
  if (cc.failed.length) return false;
  const r = runWithPlaceholders(s.src, sortRules([...base.rules, ...cc.rules]), base.blocks);
  const ids = new Set<string>();
  for (const d of r.errors) {
    if (d.code !== 'XP201') continue;
    for (const m of d.message.matchAll(/rules? '([^']+)'/g)) if (m[1] !== head.rule.id) ids.add(m[1]);
  }
  if (ids.size === 0) return false;
  const over = [...ids].sort();
  head.rule.overrides = over;
  if (tryCandidate(s, cand, base)) {
    head.from = `${head.from}; overrides ${over.join(', ')} inside it`;
    return true;
  }
  delete head.rule.overrides;
  return false;
}

/** A residual hunk, and whether its generated lines all come from rules (none from Linux). */
type AdoptHunk = LinuxHunk & { ruleMade?: boolean; ga?: number; gb?: number };

/**
 * The differences left, on Linux lines: those of `residual` (Linux text the Xen file changed),
 * and runs of generated lines no Linux line makes (text of a rule's template the Xen file
 * changed), placed at the Linux line next to them.
 */
function hunksOf(st: State): AdoptHunk[] {
  const out: AdoptHunk[] = residual(st.lg, st.gx);
  const toLinux = st.lg.toOld;
  for (const h of mergeTrivial(st.gx.hunks, st.gx.oldLines)) {
    if (h.a === h.b) continue;
    let mapped = false;
    for (let k = h.a; k < h.b && !mapped; k++) mapped = toLinux[k] >= 0;
    if (mapped) continue;
    let p = h.a - 1;
    while (p >= 0 && toLinux[p] < 0) p--;
    let n = h.b;
    while (n < toLinux.length && toLinux[n] < 0) n++;
    const at = p >= 0 ? toLinux[p] : n < toLinux.length ? toLinux[n] : 0;
    out.push({ a: at, b: at, xa: h.xa, xb: h.xb, prev: p >= 0 ? toLinux[p] : undefined, next: n < toLinux.length ? toLinux[n] : undefined, ruleMade: true, ga: h.a, gb: h.b });
  }
  return out.sort((x, y) => x.xa - y.xa);
}

/** The current hunk at the Xen lines of `h` (Xen line numbers stay put while rules are added). */
function hunkAt(st: State, h: LinuxHunk): AdoptHunk | undefined {
  return hunksOf(st).find((x) => x.xa <= h.xb && h.xa <= x.xb);
}

/** True while the Xen lines of `h` still differ from the generated text. */
function differs(st: State, h: LinuxHunk): boolean {
  return hunkAt(st, h) !== undefined;
}

interface Group {
  /** The top-level items the hunks fall in (undefined: between items, or not selectable). */
  items?: TopItem[];
  hunks: AdoptHunk[];
  /** Changed in many places, or much of it: taken whole first. */
  heavy: boolean;
}

/** Hunks grouped by the top-level item they fall in, in file order. */
function groupByItem(s: Structure, hunks: AdoptHunk[]): Group[] {
  const groups: Group[] = [];
  const byItem = new Map<TopItem, Group>();
  for (const h of hunks) {
    const last = Math.max(h.a, h.b - 1);
    const items = h.a === h.b && !h.ruleMade ? undefined : itemsAround(s, h.a, last);
    const key = items?.length === 1 ? items[0] : undefined;
    const g = key ? byItem.get(key) : undefined;
    if (g) {
      g.hunks.push(h);
      continue;
    }
    const ng: Group = { items, hunks: [h], heavy: false };
    if (key) byItem.set(key, ng);
    groups.push(ng);
  }
  for (const g of groups) {
    if (!g.items) continue;
    const size = g.items.reduce((n, it) => n + it.last - it.first + 1, 0);
    const changed = g.hunks.reduce((n, h) => n + Math.max(h.b - h.a, h.xb - h.xa), 0);
    g.heavy = g.hunks.length >= HEAVY_HUNKS || (g.hunks.length > 1 && changed >= HEAVY_SHARE * size);
  }
  return groups;
}

/**
 * The include run: when the Xen file's differs from what the port's `includes` rule makes, a new
 * rule with the Xen run (learned as `learn` does) that supersedes it.
 */
function adoptIncludes(s: Structure, xen: string, rules: Rule[], st: State): Superseding | undefined {
  const old = rules.filter((r) => r.kind === 'includes');
  if (old.length !== 1 || st.exact) return undefined;
  const isInclude = (l: string): boolean => /^#\s*include\b/.test(l);
  const touched = st.gx.hunks.some((h) => st.gx.oldLines.slice(h.a, h.b).some(isInclude) || st.gx.newLines.slice(h.xa, h.xb).some(isInclude));
  if (!touched) return undefined;
  const [p] = proposeIncludes(s, align(s.text, xen));
  if (!p) return undefined;
  p.rule.id = `${old[0].id}-adopted`;
  if (old[0].reason) p.rule.reason = old[0].reason;
  delete p.rule.comment;
  if (old[0].comment === 'none' || !old[0].reason) p.rule.comment = 'none';
  p.from = `the Xen include run, which no longer is the one ${old[0].id} makes (${p.from}); supersedes ${old[0].id}`;
  return { proposal: p, supersedes: old[0].id };
}

/** A rule of the port replaced by an adopted copy that makes what the Xen file has now. */
interface Superseding {
  proposal: Proposal;
  supersedes: string;
}

/** The candidates of local.ts for a hunk, with adopt's own shapes added (see the file comment). */
function adoptCandidates(s: Structure, h: LinuxHunk, xen: string[], tag: string, toXen: (l: number) => number): Proposal[][] {
  const out: Proposal[][] = [];
  for (const cand of candidates(s, h, xen, tag, toXen)) {
    // Items deleted with the comment right above them, first (the Xen file dropped both).
    const dels = cand.filter((p) => p.rule.kind === 'delete' && p.rule.pattern === undefined && p.rule['with-comment'] === undefined);
    if (dels.length && dels.some((p) => hasCommentAbove(s, p))) out.push(cand.map((p) => (dels.includes(p) ? { ...p, rule: { ...p.rule, 'with-comment': true } } : { ...p, rule: { ...p.rule } })));
    out.push(cand);
  }
  // Lines inside one comment the line rules cannot express (lines dropped): the comment as a block.
  const lines = s.text.split('\n');
  if (h.a < h.b && lines.slice(h.a, h.b).every((_, k) => inComment(s, h.a + k))) {
    const q = commentQuery(s, h.a);
    if (q && s.lineOf(q.node.end - 1) >= h.b - 1) out.push([{ rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', ...q.keys, block: '@id', expect: 1 }, file: 'blocks.yaml', from: `a comment the Xen file rewrote: Linux lines ${h.a + 1}-${h.b} (Xen lines ${h.xa + 1}-${h.xb})`, hunks: [], general: false }]);
  }
  return out;
}

/** True when an item a delete proposal selects by name has a comment directly above it. */
function hasCommentAbove(s: Structure, p: Proposal): boolean {
  for (const kind of ['function', 'struct', 'declaration', 'macro', 'call'] as const) {
    const v = p.rule[kind];
    const names = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
    if (s.items.some((it) => it.kind === kind && names.includes(it.name) && it.commentFirst < it.first)) return true;
  }
  return false;
}

/** True when the rule selects (or anchors at) one of the items named `kind:name`. */
function selectsAny(rule: RuleYaml, names: ReadonlySet<string>): boolean {
  for (const kind of ['function', 'struct', 'declaration', 'macro', 'call']) {
    const v = rule[kind];
    for (const n of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) if (names.has(`${kind}:${n}`)) return true;
  }
  return false;
}

/** True when the candidate's first rule replaces whole items by a block (no pattern, no scope). */
function wholeItems(cand: Proposal[]): boolean {
  const r = cand[0]?.rule;
  return !!r && r.kind === 'replace' && r.block !== undefined && r.pattern === undefined && r.scope === undefined && r['comment-line'] === undefined;
}

/** The YAML of a loaded rule, read again from its file (with the file's `defaults:` filled in). */
function ruleYaml(rule: Rule): RuleYaml | undefined {
  try {
    const doc = YAML.parse(fs.readFileSync(rule.origin.file, 'utf8')) as { defaults?: Record<string, unknown>; rules?: RuleYaml[] };
    const own = doc.rules?.find((r) => r.id === rule.id);
    return own ? ({ ...(doc.defaults ?? {}), ...own } as RuleYaml) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A `/* Xen: reason *\/` comment a rule of the port writes, which the Xen file reworded (a typo
 * fixed, the reason changed): a copy of the rule with the Xen file's words, superseding it.
 */
function reword(st: State, h: AdoptHunk, taken: Set<string>): Superseding | undefined {
  if (h.ga === undefined || h.gb === undefined) return undefined;
  const made = st.gx.oldLines.slice(h.ga, h.gb).map((l) => l.trim()).filter((l) => l !== '');
  if (made.length === 0) return undefined;
  const owner = st.acc.filter((r) => r.reason !== undefined && r.comment !== 'none' && (() => {
    const text = renderReason(r.reason as string, r.commentStyle, '').split('\n').map((l) => l.trim());
    return made.every((m) => text.includes(m));
  })());
  if (owner.length !== 1) return undefined;
  const x = st.gx.newLines;
  let a = Math.min(h.xa, x.length - 1);
  while (a > 0 && !x[a].includes('/*')) a--;
  let b = Math.max(a, h.xb - 1);
  while (b < x.length - 1 && !x[b].includes('*/')) b++;
  const body = x.slice(a, b + 1).join('').replace(/^\s*\/\*/, '').replace(/\*\/\s*$/, '').split('\n').map((l) => l.replace(/^\s*\*? ?/, '').trimEnd());
  while (body.length && body[0] === '') body.shift();
  while (body.length && body[body.length - 1] === '') body.pop();
  if (!body[0]?.startsWith('Xen: ')) return undefined;
  body[0] = body[0].slice(5);
  const old = ruleYaml(owner[0]);
  if (!old) return undefined;
  const rule: RuleYaml = { ...old, id: `${old.id}-adopted`, reason: body.join('\n') };
  const p: Proposal = { rule, file: 'adopted.yaml', from: `the Xen comment of ${old.id}, reworded by the Xen file; supersedes ${old.id}`, hunks: [], general: false };
  uniqueIds([p], new Set(taken));
  return { proposal: p, supersedes: owner[0].id };
}

/** A superseding copy checked like any candidate, against the port without the rule it replaces. */
function trySuperseding(s: Structure, st: State, r: Superseding, taken: Set<string>): boolean {
  if (taken.has(r.proposal.rule.id)) return false;
  return tryCandidate(s, [r.proposal], { al: st.gx, rules: st.acc.filter((x) => x.id !== r.supersedes), blocks: st.run.blocks });
}

/** port.yaml with `adopted.yaml` added to its rule files and the superseded rules excluded (comments kept). */
export function manifestWithAdopted(text: string, superseded: readonly string[] = []): string {
  const doc = YAML.parseDocument(text);
  const rules = doc.get('rules', true) as YAML.YAMLSeq | undefined;
  if (rules && YAML.isSeq(rules) && !rules.items.some((i) => (YAML.isScalar(i) ? i.value : i) === 'adopted.yaml')) rules.add(doc.createNode('adopted.yaml'));
  if (superseded.length) {
    let ex = doc.get('exclude', true) as YAML.YAMLSeq | undefined;
    if (!ex || !YAML.isSeq(ex)) {
      ex = doc.createNode([]) as YAML.YAMLSeq;
      ex.flow = true;
      doc.set('exclude', ex);
    }
    for (const id of superseded) if (!ex.items.some((i) => (YAML.isScalar(i) ? i.value : i) === id)) ex.add(doc.createNode(id));
    const pair = (doc.contents as YAML.YAMLMap).items.find((it) => YAML.isScalar(it.key) && it.key.value === 'exclude');
    if (pair && YAML.isScalar(pair.key)) pair.key.commentBefore = ` Superseded by rules of adopted.yaml (the Xen file changed what they make): ${superseded.join(', ')}`;
  }
  return doc.toString({ lineWidth: 100 });
}
