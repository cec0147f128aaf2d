/**
 * Nested rewrites and deletions, resolved before the overlap check. An edit that falls inside the
 * text a template edit copies through a metavariable (`ktime_get()` inside the `$T` of
 * `ktime_add_us($T, $U)`) is applied to that copy: the template is rendered again with the edited
 * text. An edit strictly inside a range another rule deletes is dropped (the text is gone).
 */
import { Diagnostic, diag } from '../diagnostics';
import { where } from './kinds/common';
import { indentRest, substitute } from './template';
import { compareEdits, Edit } from './types';

/** The smallest template edit of another rule that copies the range of `e` through a metavariable. */
function hostOf(e: Edit, hosts: Edit[]): Edit | undefined {
  let best: Edit | undefined;
  for (const h of hosts) {
    if (h === e || h.ruleId === e.ruleId || !h.template || h.end - h.start < e.end - e.start) continue;
    if (h.start > e.start || e.end > h.end) continue;
    const inCapture = [...h.template.captures.values()].some((c) => c.text === undefined && c.start <= e.start && e.end <= c.end && c.end > c.start);
    if (inCapture && (!best || h.end - h.start < best.end - best.start)) best = h;
  }
  return best;
}

/** Apply sorted, non-overlapping `edits` to `text.slice(start, end)`. */
function applyWithin(text: string, start: number, end: number, edits: Edit[]): string {
  let out = '';
  let at = start;
  for (const e of [...edits].sort(compareEdits)) {
    if (e.start < at) continue;
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at, end);
}

/** Re-render `host` with the nested edits applied to the text of its metavariables. */
function rerender(host: Edit, nested: Edit[], text: string): Edit {
  const t = host.template!;
  const captures = new Map(t.captures);
  for (const [name, c] of t.captures) {
    const inside = nested.filter((e) => c.start <= e.start && e.end <= c.end);
    if (inside.length) captures.set(name, { ...c, text: applyWithin(text, c.start, c.end, inside) });
  }
  return { ...host, text: substitute(indentRest(t.body, t.indent), captures, text) };
}

/** Drop edits inside deleted ranges and fold nested edits into their hosts' templates. */
export function resolveNesting(edits: Edit[], text: string, file: string): { edits: Edit[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const drops = edits.filter((e) => e.drops && e.end > e.start);
  const alive = edits.filter((e) => {
    const d = drops.find((x) => x !== e && x.ruleId !== e.ruleId && x.start <= e.start && e.end <= x.end && (e.start !== e.end || (x.start < e.start && e.start < x.end)));
    if (d) diagnostics.push(diag('XP202', `edit of rule '${e.ruleId}' is inside text deleted by rule '${d.ruleId}' and is not applied`, { location: where(file, text, e.start), ruleId: e.ruleId }));
    return !d;
  });
  const hosts = alive.filter((e) => e.template);
  if (hosts.length === 0) return { edits: alive, diagnostics };
  const parent = new Map<Edit, Edit>();
  for (const e of alive) {
    const h = hostOf(e, hosts);
    if (h) parent.set(e, h);
  }
  if (parent.size === 0) return { edits: alive, diagnostics };
  // Render innermost hosts first so their new text feeds their own hosts.
  const current = new Map<Edit, Edit>(alive.map((e) => [e, e]));
  const order = [...new Set(parent.values())].sort((a, b) => a.end - a.start - (b.end - b.start));
  for (const h of order) {
    const kids = [...parent.entries()].filter(([, p]) => p === h).map(([k]) => current.get(k)!);
    current.set(h, rerender(current.get(h)!, kids, text));
  }
  return { edits: alive.filter((e) => !parent.has(e)).map((e) => current.get(e)!), diagnostics };
}
