/**
 * General call-site rules: a function or macro that Xen calls by another name, with the same
 * arguments (`kfree(X)` to `xfree(X)`), becomes one rule with a metavariable. Learning keeps it
 * only if it is right at every place it matches, with its count.
 */
import type { Alignment } from './align';
import { Proposal, slug } from './proposal';
import type { Structure } from './structure';

const IDENT = /[A-Za-z0-9_]/;

/** The identifier renamed in a changed line pair, when that is the only change and a call follows. */
function renameIn(l: string, x: string): [string, string] | undefined {
  let p = 0;
  while (p < l.length && p < x.length && l[p] === x[p]) p++;
  let q = 0;
  while (q < l.length - p && q < x.length - p && l[l.length - 1 - q] === x[x.length - 1 - q]) q++;
  while (p > 0 && IDENT.test(l[p - 1])) p--;
  let le = l.length - q;
  let xe = x.length - q;
  while (le < l.length && IDENT.test(l[le])) {
    le++;
    xe++;
  }
  const from = l.slice(p, le);
  const to = x.slice(p, xe);
  if (!/^[A-Za-z_]\w*$/.test(from) || !/^[A-Za-z_]\w*$/.test(to) || from === to) return undefined;
  return l[le] === '(' && x[xe] === '(' ? [from, to] : undefined;
}

/** Rename rules found in changed lines that kept their line count. */
export function proposeRenames(s: Structure, al: Alignment): Proposal[] {
  const seen = new Map<string, { to: Set<string>; at: number[] }>();
  for (const h of al.hunks) {
    if (h.b - h.a !== h.xb - h.xa || h.b - h.a > 10) continue;
    for (let k = 0; k < h.b - h.a; k++) {
      const r = renameIn(al.oldLines[h.a + k].replace(/\n$/, ''), al.newLines[h.xa + k].replace(/\n$/, ''));
      if (!r) continue;
      const e = seen.get(r[0]) ?? { to: new Set<string>(), at: [] };
      e.to.add(r[1]);
      e.at.push(h.a + k + 1);
      seen.set(r[0], e);
    }
  }
  void s;
  const out: Proposal[] = [];
  for (const [from, e] of [...seen].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (e.to.size !== 1) continue;
    const to = [...e.to][0];
    out.push({
      rule: {
        id: `${slug(from, 30)}-to-${slug(to, 30)}`,
        kind: 'replace',
        comment: 'none',
        pattern: `${from}($$$A)`,
        with: `${to}($$$A)`,
        expect: e.at.length,
      },
      file: 'api.yaml',
      from: `${from}() called as ${to}() at Linux line${e.at.length > 1 ? 's' : ''} ${e.at.slice(0, 6).join(', ')}${e.at.length > 6 ? ', ...' : ''}`,
      hunks: [],
      general: true,
    });
  }
  return out;
}
