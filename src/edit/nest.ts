/**
 * Nested rewrites and deletions, resolved before the overlap check. An edit that falls inside the
 * text a template edit copies through a metavariable (`ktime_get()` inside the `$T` of
 * `ktime_add_us($T, $U)`) is applied to that copy: the template is rendered again with the edited
 * text. An edit strictly inside a range another rule deletes is dropped (the text is gone).
 */
import { Diagnostic, diag } from '../diagnostics';
import { ContainingIndex } from './containing';
import { where } from './kinds/common';
import { indentRest, substitute } from './template';
import { applyEdits } from './apply';
import { compareEdits, PlannedEdit, withChanges } from './types';

/** One metavariable capture of a template edit, as a range that nested edits fall in. */
interface HostCapture {
  start: number;
  end: number;
  host: number;
}

/** The copied captures (text not given by the rule) of the template edits in `hosts`, indexed. */
function captureIndex(hosts: PlannedEdit[]): { captures: HostCapture[]; index: ContainingIndex } {
  const captures: HostCapture[] = [];
  hosts.forEach((h, host) => {
    for (const c of h.template!.captures.values())
      if (c.text === undefined && c.end > c.start) captures.push({ start: c.start, end: c.end, host });
  });
  return { captures, index: new ContainingIndex(captures) };
}

/**
 * The smallest template edit of another rule that copies the range of `e` through a metavariable
 * (on equal sizes, the first in `hosts`).
 */
function hostOf(
  e: PlannedEdit,
  hosts: PlannedEdit[],
  at: { captures: HostCapture[]; index: ContainingIndex },
): PlannedEdit | undefined {
  let best = -1;
  for (const id of at.index.containing(e.start, e.end)) {
    const i = at.captures[id].host;
    const h = hosts[i];
    if (h === e || h.ruleId === e.ruleId || h.end - h.start < e.end - e.start) continue;
    if (h.start > e.start || e.end > h.end) continue;
    const b = best < 0 ? undefined : hosts[best];
    if (!b || h.end - h.start < b.end - b.start || (h.end - h.start === b.end - b.start && i < best)) best = i;
  }
  return best < 0 ? undefined : hosts[best];
}

/** `text.slice(start, end)` with `edits` applied (by the one applier; block placeholders kept). */
function applyWithin(text: string, start: number, end: number, edits: PlannedEdit[]): string {
  return applyEdits(text, [...edits].sort(compareEdits), () => undefined, start, end).output;
}

/** Re-render `host` with the nested edits applied to the text of its metavariables. */
function rerender(host: PlannedEdit, nested: PlannedEdit[], text: string): PlannedEdit {
  const t = host.template!;
  const captures = new Map(t.captures);
  for (const [name, c] of t.captures) {
    const inside = nested.filter((e) => c.start <= e.start && e.end <= c.end);
    if (inside.length) captures.set(name, withChanges(c, { text: applyWithin(text, c.start, c.end, inside) }));
  }
  return withChanges(host, { text: substitute(indentRest(t.body, t.indent), captures, text) });
}

/** Drop edits inside deleted ranges and fold nested edits into their hosts' templates. */
export function resolveNesting(
  edits: PlannedEdit[],
  text: string,
  file: string,
): { edits: PlannedEdit[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const drops = edits.filter((e) => e.drops && e.end > e.start);
  const dropIndex = new ContainingIndex(drops);
  const alive = edits.filter((e) => {
    // The first deletion (in `drops` order) of another rule that holds `e`.
    let first = -1;
    for (const i of dropIndex.containing(e.start, e.end)) {
      const x = drops[i];
      if (
        x !== e &&
        x.ruleId !== e.ruleId &&
        (e.start !== e.end || (x.start < e.start && e.start < x.end)) &&
        (first < 0 || i < first)
      )
        first = i;
    }
    const d = first < 0 ? undefined : drops[first];
    if (d)
      diagnostics.push(
        diag('XP202', `edit of rule '${e.ruleId}' is inside text deleted by rule '${d.ruleId}' and is not applied`, {
          location: where(file, text, e.start),
          ruleId: e.ruleId,
        }),
      );
    return !d;
  });
  const hosts = alive.filter((e) => e.template);
  if (hosts.length === 0) return { edits: alive, diagnostics };
  const parent = new Map<PlannedEdit, PlannedEdit>();
  const kidsOf = new Map<PlannedEdit, PlannedEdit[]>();
  const at = captureIndex(hosts);
  for (const e of alive) {
    const h = hostOf(e, hosts, at);
    if (!h) continue;
    parent.set(e, h);
    const kids = kidsOf.get(h);
    if (kids) kids.push(e);
    else kidsOf.set(h, [e]);
  }
  if (parent.size === 0) return { edits: alive, diagnostics };
  // Render innermost hosts first so their new text feeds their own hosts.
  const current = new Map<PlannedEdit, PlannedEdit>(alive.map((e) => [e, e]));
  const order = [...new Set(parent.values())].sort((a, b) => a.end - a.start - (b.end - b.start));
  for (const h of order) {
    const kids = kidsOf.get(h)!.map((k) => current.get(k)!);
    current.set(h, rerender(current.get(h)!, kids, text));
  }
  return { edits: alive.filter((e) => !parent.has(e)).map((e) => current.get(e)!), diagnostics };
}
