/**
 * Structural proposals read from the Linux/Xen alignment: the include run as an `includes` rule,
 * Linux code Xen wrapped in `#if 0` as `disable` rules (grouped by the Xen comment's reason), and
 * whole items Xen deleted as `delete` rules by name.
 */
import { includePath } from '../match';
import { renderReason } from '../edit/reason';
import type { Alignment } from './align';
import { statementsPattern } from './anchors';
import { Proposal, slug } from './proposal';
import { statementsCovering, functionItem, Structure, TopItem } from './structure';

const INCLUDE = /^#\s*include\s*([<"][^>"]+[>"])\s*$/;

/** The `includes` rule: Linux includes that Xen dropped, and the first run of Xen includes. */
export function proposeIncludes(s: Structure, al: Alignment): Proposal[] {
  const incs = s.items.filter((it) => it.node.type === 'preproc_include');
  const gone = incs.filter((it) => al.toNew[it.first] < 0);
  if (gone.length === 0) return [];
  const paths = gone.map((it) => includePath(it.node, s.text)).filter((p): p is string => !!p);
  const kept = new Set(incs.filter((it) => al.toNew[it.first] >= 0).map((it) => includePath(it.node, s.text)));
  // Globs: a whole directory when every include of it goes, else the path itself.
  const globs: string[] = [];
  for (const p of paths) {
    const dir = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : undefined;
    const sameDir = (q: string | undefined): boolean =>
      !!q && !!dir && q.slice(0, q.lastIndexOf('/')) === dir && q.includes('/');
    const g = dir && ![...kept].some(sameDir) ? `${dir}/*` : p;
    if (!globs.includes(g)) globs.push(g);
  }
  // The Xen include run nearest the first removed Linux include.
  const firstGone = gone[0].first;
  let x = 0;
  for (let l = firstGone; l >= 0; l--)
    if (al.toNew[l] >= 0 && al.oldLines[l].trim() !== '') {
      x = al.toNew[l] + 1;
      break;
    }
  const xen = al.newLines;
  let start = -1;
  for (let k = x; k < xen.length && k < x + 400; k++)
    if (INCLUDE.test(xen[k].trimEnd()) && al.toOld[k] < 0) {
      start = k;
      break;
    }
  const add: string[] = [];
  const xs: number[] = [];
  for (let k = start; k >= 0 && k < xen.length && INCLUDE.test(xen[k].trimEnd()) && al.toOld[k] < 0; k++) {
    const m = INCLUDE.exec(xen[k].trimEnd()) as RegExpExecArray;
    add.push(m[1].startsWith('<') ? m[1].slice(1, -1) : m[1]);
    xs.push(k);
  }
  return [
    {
      rule: { id: 'xen-includes', kind: 'includes', comment: 'none', include: globs, add, expect: gone.length },
      file: 'includes.yaml',
      from: `${gone.length} Linux #include lines the Xen file drops, ${add.length} Xen #include lines in their place`,
      hunks: [],
      general: true,
    },
  ];
}

/** A `#if 0` region of the Xen file around unchanged Linux lines. */
interface IfZero {
  reason?: string;
  style?: 'block' | 'compact';
  /** Linux lines inside (0-based, inclusive). */
  first: number;
  last: number;
}

/** Parse the `#if 0` line(s) at Xen line `x`: the reason and the number of lines the opening takes. */
function openingAt(
  xen: string[],
  x: number,
): { reason?: string; style?: 'block' | 'compact'; lines: number } | undefined {
  const l0 = xen[x].replace(/\n$/, '');
  if (l0 === '#if 0') return { lines: 1 };
  const one = /^#if 0 \/\* Xen: (.*) \*\/$/.exec(l0);
  if (one) return { reason: one[1], lines: 1 };
  if (!/^#if 0 \/\*/.test(l0)) return undefined;
  let end = x;
  while (end < xen.length && end < x + 20 && !xen[end].includes('*/')) end++;
  const text = xen
    .slice(x, end + 1)
    .join('')
    .replace(/\n$/, '');
  for (const style of ['block', 'compact'] as const) {
    const body =
      style === 'block'
        ? xen.slice(x + 1, end).map((l) => l.replace(/\n$/, '').replace(/^ {6} \* ?/, ''))
        : [
            l0.replace(/^#if 0 \/\* /, ''),
            ...xen.slice(x + 1, end).map((l) => l.replace(/\n$/, '').replace(/^ {6} \* ?/, '')),
          ];
    if (!body[0]?.startsWith('Xen: ')) continue;
    const reason = [body[0].slice(5), ...body.slice(1)].join('\n');
    if (`#if 0 ${renderReason(reason, style, '      ')}` === text) return { reason, style, lines: end - x + 1 };
  }
  return undefined;
}

/** The `#if 0 ... #endif` regions of the Xen file whose inside is unchanged Linux text. */
function ifZeroRegions(al: Alignment): IfZero[] {
  const xen = al.newLines;
  const out: IfZero[] = [];
  for (let x = 0; x < xen.length; x++) {
    if (al.toOld[x] >= 0 || !xen[x].startsWith('#if 0')) continue;
    const open = openingAt(xen, x);
    if (!open) continue;
    let depth = 1;
    let e = x + open.lines;
    for (; e < xen.length; e++) {
      if (/^#\s*if/.test(xen[e])) depth++;
      else if (/^#\s*endif/.test(xen[e]) && --depth === 0) break;
    }
    const inner = x + open.lines;
    if (e >= xen.length || al.toOld[e] >= 0 || e === inner) continue;
    let ok = true;
    for (let k = inner; k < e; k++)
      if (al.toOld[k] < 0 || (k > inner && al.toOld[k] !== al.toOld[k - 1] + 1)) ok = false;
    if (ok) out.push({ reason: open.reason, style: open.style, first: al.toOld[inner], last: al.toOld[e - 1] });
  }
  return out;
}

/** Top-level items that cover Linux lines [first, last] exactly (with comments above and blank lines). */
export function coveringItems(s: Structure, first: number, last: number, withComment: boolean): TopItem[] | undefined {
  const lines = s.text.split('\n');
  const covered = new Array<boolean>(last - first + 1).fill(false);
  const picked: TopItem[] = [];
  for (const it of s.items) {
    if (it.node.type === 'comment' || it.last < first || it.first > last) continue;
    const from = withComment ? it.commentFirst : it.first;
    if (from < first || it.last > last || !it.kind) return undefined;
    picked.push(it);
    for (let l = from; l <= it.last; l++) covered[l - first] = true;
  }
  for (let l = first; l <= last; l++) if (!covered[l - first] && lines[l].trim() !== '') return undefined;
  if (picked.length === 0 || lines[first].trim() === '' || lines[last].trim() === '') return undefined;
  return picked;
}

/** YAML selector keys for a list of items: one kind as a list, several kinds as `items:`. */
export function itemsKeys(items: TopItem[]): Record<string, unknown> {
  const kinds = [...new Set(items.map((i) => i.kind as string))];
  const one = (names: string[]): string | string[] => (names.length === 1 ? names[0] : names);
  if (kinds.length === 1) return { [kinds[0]]: one(items.map((i) => i.name as string)) };
  const byKind = kinds.map((k) => ({ [k]: one(items.filter((i) => i.kind === k).map((i) => i.name as string)) }));
  return { items: byKind };
}

/** `disable` rules for the Xen file's `#if 0` regions, one per reason. */
export function proposeDisables(s: Structure, al: Alignment): Proposal[] {
  const out: Proposal[] = [];
  const byReason = new Map<string, Proposal>();
  const reasonKeys = (r: IfZero): Record<string, unknown> =>
    r.reason === undefined
      ? { comment: 'none' }
      : { reason: r.reason, ...(r.style === 'compact' ? { 'comment-style': 'compact' } : {}) };
  for (const r of ifZeroRegions(al)) {
    const withC = coveringItems(s, r.first, r.last, true);
    const without = withC ? undefined : coveringItems(s, r.first, r.last, false);
    const items = withC ?? without;
    const lines = `Linux lines ${r.first + 1}-${r.last + 1}`;
    if (items) {
      const key = `${r.reason ?? ''}\u0000${r.style ?? ''}\u0000${withC ? 1 : 0}`;
      const prev = byReason.get(key);
      // Two regions of one rule must not be separated only by blank lines (they would become one).
      const sep =
        prev &&
        s.text
          .split('\n')
          .slice((prev.rule.__last as number) + 1, r.first)
          .some((l) => l.trim() !== '');
      if (prev && sep) {
        const all = [...(prev.rule.__items as TopItem[]), ...items];
        Object.assign(prev.rule, itemsKeysReset(prev.rule, all), { expect: all.length, __items: all, __last: r.last });
        prev.from += `, ${lines}`;
        continue;
      }
      const base = slug(r.reason ? r.reason.split(/\s+/).slice(0, 5).join(' ') : `disabled ${items[0].name}`);
      const p: Proposal = {
        rule: {
          id: `${base}-disabled`.replace(/-disabled-disabled$/, '-disabled'),
          kind: 'disable',
          ...reasonKeys(r),
          ...itemsKeys(items),
          ...(without ? { 'with-comment': false } : {}),
          expect: items.length,
          __items: items,
          __last: r.last,
        },
        file: 'dead-code.yaml',
        from: `#if 0 region of the Xen file around ${lines}`,
        hunks: [],
        general: true,
      };
      if (!prev) byReason.set(key, p);
      out.push(p);
      continue;
    }
    const fn = functionItem(s, r.first);
    const stmts = fn?.name ? statementsCovering(s, fn.node, r.first, r.last + 1) : undefined;
    if (fn?.name && stmts) {
      out.push({
        rule: {
          id: `${slug(r.reason ? r.reason.split(/\s+/).slice(0, 5).join(' ') : 'code')}-in-${slug(fn.name, 30)}`,
          kind: 'disable',
          ...reasonKeys(r),
          scope: { function: fn.name },
          pattern: statementsPattern(s, stmts),
          expect: 1,
        },
        file: 'dead-code.yaml',
        from: `#if 0 region of the Xen file around ${lines} (in ${fn.name})`,
        hunks: [],
        general: false,
      });
    }
  }
  for (const p of out) {
    delete p.rule.__items;
    delete p.rule.__last;
  }
  return out;
}

function itemsKeysReset(rule: Record<string, unknown>, all: TopItem[]): Record<string, unknown> {
  for (const k of ['function', 'struct', 'declaration', 'macro', 'call', 'items']) delete rule[k];
  return itemsKeys(all);
}

/** `delete` rules for runs of whole top-level items that the Xen file does not have. */
export function proposeDeletes(s: Structure, al: Alignment): Proposal[] {
  const out: Proposal[] = [];
  for (const h of al.hunks) {
    if (h.a === h.b) continue;
    // Trim blank lines at both ends of the removed run.
    let a = h.a;
    let b = h.b - 1;
    while (a <= b && al.oldLines[a].trim() === '') a++;
    while (b >= a && al.oldLines[b].trim() === '') b--;
    if (a > b) continue;
    const items = coveringItems(s, a, b, true) ?? coveringItems(s, a, b, false);
    if (!items) continue;
    const withComment = items[0].commentFirst === a && items[0].commentFirst !== items[0].first;
    out.push({
      rule: {
        id: `no-${slug(items[0].name as string, 40)}`,
        kind: 'delete',
        comment: 'none',
        ...itemsKeys(items),
        ...(withComment ? { 'with-comment': true } : {}),
        expect: items.length,
      },
      file: 'deleted.yaml',
      from: `Linux lines ${a + 1}-${b + 1}, which the Xen file does not have`,
      hunks: [],
      general: true,
    });
  }
  return out;
}

/**
 * `delete` proposals, one per function, for Linux functions whose name the Xen file never
 * mentions and that no rule touches yet (`touched` says, by Linux lines): Xen removed them, or
 * wrote its own code in their place, which a line diff may piece together from their lines.
 */
export function proposeUnmentioned(
  s: Structure,
  xen: string,
  touched: (first: number, last: number) => boolean,
): Proposal[] {
  const words = new Set(xen.match(/[A-Za-z_]\w*/g) ?? []);
  return s.items
    .filter((it) => it.kind === 'function' && it.name && !words.has(it.name) && !touched(it.commentFirst, it.last))
    .map((it) => ({
      rule: { id: `no-${slug(it.name as string, 40)}`, kind: 'delete', comment: 'none', function: it.name, expect: 1 },
      file: 'deleted.yaml' as const,
      from: `Linux lines ${it.first + 1}-${it.last + 1}: the Xen file never names ${it.name}`,
      hunks: [],
      general: true,
    }));
}

/** The `delete` proposals of functions merged into one rule (the names in Linux order). */
export function mergeDeletes(ps: Proposal[]): Proposal[] {
  if (ps.length <= 1) return ps;
  const names = ps.map((p) => p.rule.function as string);
  return [
    {
      rule: { id: 'no-unnamed-functions', kind: 'delete', comment: 'none', function: names, expect: names.length },
      file: 'deleted.yaml',
      from: `${names.length} Linux functions the Xen file never names`,
      hunks: [],
      general: true,
    },
  ];
}
