/**
 * The candidates adoption tries for a difference, beyond learning's (src/learn/local.ts): items
 * deleted with their comment, a comment rewritten as a block, and blocks that `overrides` the
 * port's rules whose edits lie inside them.
 */
import { commentQuery, inComment } from './anchors';
import { Base, sortRules, tryCandidate } from './learn';
import type { LinuxHunk } from './align';
import { candidates } from './local';
import { Proposal, RuleYaml, uniqueIds } from './proposal';
import { compile, runWithPlaceholders } from './simulate';
import { itemAt, Structure } from './structure';

/** Unique ids and block names for a candidate, then the check against the base. */
export function settle(s: Structure, cand: Proposal[], base: Base, taken: Set<string>): boolean {
  uniqueIds(cand, new Set(taken));
  for (const p of cand) if (p.rule.block === '@id') p.rule.block = p.rule.id;
  return tryCandidate(s, cand, base);
}

/**
 * A block replacing whole items that holds edits of the port's rules (an `#if 0` region inside a
 * function, a rewrite): the block `overrides` those rules there (their edits inside it go, their
 * other matches stay), then is checked again.
 */
export function overriding(s: Structure, cand: Proposal[], base: Base): boolean {
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

/** The candidates of local.ts for a hunk, with adopt's own shapes added (see the file comment). */
export function adoptCandidates(
  s: Structure,
  h: LinuxHunk,
  xen: string[],
  tag: string,
  toXen: (l: number) => number,
): Proposal[][] {
  const out: Proposal[][] = [];
  const value = macroValueCandidate(s, h, xen, tag);
  if (value) out.push([value]);
  for (const cand of candidates(s, h, xen, tag, toXen)) {
    // Items deleted with the comment right above them, first (the Xen file dropped both).
    const dels = cand.filter(
      (p) => p.rule.kind === 'delete' && p.rule.pattern === undefined && p.rule['with-comment'] === undefined,
    );
    if (dels.length && dels.some((p) => hasCommentAbove(s, p)))
      out.push(
        cand.map((p) =>
          dels.includes(p) ? { ...p, rule: { ...p.rule, 'with-comment': true } } : { ...p, rule: { ...p.rule } },
        ),
      );
    out.push(cand);
  }
  // Lines inside one comment the line rules cannot express (lines dropped): the comment as a block.
  const lines = s.text.split('\n');
  if (h.a < h.b && lines.slice(h.a, h.b).every((_, k) => inComment(s, h.a + k))) {
    const q = commentQuery(s, h.a);
    if (q && s.lineOf(q.node.end - 1) >= h.b - 1)
      out.push([
        {
          rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', ...q.keys, block: '@id', expect: 1 },
          file: 'blocks.yaml',
          from: `a comment the Xen file rewrote: Linux lines ${h.a + 1}-${h.b} (Xen lines ${h.xa + 1}-${h.xb})`,
          hunks: [],
          general: false,
        },
      ]);
  }
  return out;
}

/**
 * The value of a macro Xen rewrote (`(1 << 31)` to `(1U << 31)`): a query on the macro value,
 * kept with its count when every macro with that value changed the same way.
 */
function macroValueCandidate(s: Structure, h: LinuxHunk, xen: string[], tag: string): Proposal | undefined {
  if (h.b - h.a !== 1 || h.xb - h.xa !== 1) return undefined;
  const it = itemAt(s, h.a);
  const val = it?.node.type === 'preproc_def' ? it.node.children.find((c) => c.field === 'value') : undefined;
  if (!it || !val || it.first !== h.a || it.last !== h.a) return undefined;
  const old = s.text.slice(val.start, val.end).replace(/\s+$/, '');
  const prefix = s.text.slice(s.lineStarts[h.a], val.start);
  const x = xen[h.xa].replace(/\n$/, '');
  if (!x.startsWith(prefix) || old.includes('\n') || !old) return undefined;
  const now = x.slice(prefix.length);
  const esc = old.replace(/[.*+?^${}()|[\]\\]/g, '\\\\$&').replace(/"/g, '\\"');
  return {
    rule: {
      id: `${tag}-value`,
      kind: 'replace',
      comment: 'none',
      query: `((preproc_def value: (preproc_arg) @target) (#match? @target "^${esc}$"))`,
      with: now,
      expect: 1,
    },
    file: 'local.yaml',
    from: `the value of ${it.name ?? 'a macro'}, rewritten by the Xen file`,
    hunks: [],
    general: false,
  };
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
export function selectsAny(rule: RuleYaml, names: ReadonlySet<string>): boolean {
  for (const kind of ['function', 'struct', 'declaration', 'macro', 'call']) {
    const v = rule[kind];
    for (const n of Array.isArray(v) ? v : typeof v === 'string' ? [v] : []) if (names.has(`${kind}:${n}`)) return true;
  }
  return false;
}

/** True when the candidate's first rule replaces whole items by a block (no pattern, no scope). */
export function wholeItems(cand: Proposal[]): boolean {
  const r = cand[0]?.rule;
  return (
    !!r &&
    r.kind === 'replace' &&
    r.block !== undefined &&
    r.pattern === undefined &&
    r.scope === undefined &&
    r['comment-line'] === undefined
  );
}
