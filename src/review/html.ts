/**
 * The review page as one self-contained HTML file: inline style and script, no external resource,
 * so it works from file:// and in a mail attachment. This file renders the page frame and the
 * side-by-side view; sections.ts renders the summary, upgrade, rules and diagnostics. Everything
 * taken from the sources, the rules or the diagnostics goes through `esc` (escape.ts).
 */
import { lineStarts } from './align';
import { CLIENT_SCRIPT } from './client';
import { esc } from './escape';
import { DISPLAY_KINDS, displayKind, DisplayKind, KIND_LABEL, ReviewModel, Segment } from './model';
import { diagnosticsSection, diagRow, rulesSection, ruleSlug, summarySection, upgradeSection } from './sections';
import { STYLE } from './style';

/** Kept runs longer than this are folded, showing `CONTEXT` lines at each end. */
const FOLD_MIN = 12;
const CONTEXT = 3;

/** Which kind colours a change that has several: the most telling first. */
const PRIORITY: DisplayKind[] = ['block', 'if0', 'replace', 'delete', 'insert'];

interface Side {
  text: string;
  starts: number[];
}

/** One line of a side, escaped, with the ranges edited by `marks` wrapped in spans of their kind. */
function lineHtml(side: Side, line: number, marks: Array<{ start: number; end: number; kind: DisplayKind }>): string {
  const ls = side.starts[line - 1];
  let le = line < side.starts.length ? side.starts[line] - 1 : side.text.length;
  if (le > ls && side.text.charCodeAt(le - 1) === 13) le--;
  let out = '';
  let at = ls;
  for (const m of marks) {
    const a = Math.max(m.start, ls);
    const b = Math.min(m.end, le);
    if (b <= a) continue;
    out += `${esc(side.text.slice(at, a))}<span class="m m-${m.kind}">${esc(side.text.slice(a, b))}</span>`;
    at = b;
  }
  return out + esc(side.text.slice(at, le));
}

/** The note above a change: one line per rule and kind, with the rule's place and reason. */
function changeNote(model: ReviewModel, c: number): string {
  const change = model.changes[c];
  const seen = new Set<string>();
  const items: string[] = [];
  const add = (ruleId: string, kind: DisplayKind, block?: string): void => {
    const key = `${ruleId}\u0000${kind}\u0000${block ?? ''}`;
    if (seen.has(key)) return;
    seen.add(key);
    const rule = model.rules.find((r) => r.id === ruleId);
    const src = block ? model.blockSources.get(block) : undefined;
    const what = block ? ` <span class="blk">block <b>${esc(block)}</b>${src ? ` from ${esc(src)}` : ''}</span>` : '';
    items.push(
      `<li><span class="kind k-${kind}">${KIND_LABEL[kind]}</span> <a class="rl" href="#rule-${esc(ruleSlug(ruleId))}">${esc(ruleId)}</a>${what}` +
        `${rule ? ` <span class="at">${esc(rule.at)}</span>` : ''}${rule?.reason ? ` <span class="why">${esc(rule.reason)}</span>` : ''}</li>`,
    );
  };
  if (change.region !== undefined) add(model.result.provenance.regions[change.region].ruleId, 'if0');
  for (const i of change.edits) {
    const e = model.edits[i];
    add(e.ruleId, displayKind(e.change), e.block);
  }
  return `<div class="note"><a class="pl" href="#c${c + 1}" title="link to this change">#${c + 1}</a><ul>${items.join('')}</ul></div>`;
}

/** Estimated height of a row, for the size of segments not rendered yet (content-visibility). */
const ROW_PX = 17;

/**
 * One segment as one or more `div.seg`, each holding a table of its rows; long kept runs are folded
 * into a hidden `div.seg.folded` opened by a button. Segments off screen are neither styled nor laid
 * out (`content-visibility: auto`), so a long port renders as fast as a short one.
 */
function segmentHtml(
  model: ReviewModel,
  s: Segment,
  sides: { l: Side; r: Side },
  diagsAt: Map<string, string>,
  firstOfChange: boolean,
  folds: { n: number },
): string {
  const change = s.change !== undefined ? model.changes[s.change] : undefined;
  const primary = change ? (PRIORITY.find((k) => change.kinds.includes(k)) ?? 'replace') : undefined;
  const cls = change ? `chg p-${primary}${s.if0 ? ' if0' : ''}` : 'eq';
  const data = change
    ? ` data-c="${s.change}" data-k="${change.kinds.join(' ')}" data-r="${esc(change.rules.join(' '))}"`
    : '';
  const marks = {
    l: [] as Array<{ start: number; end: number; kind: DisplayKind }>,
    r: [] as Array<{ start: number; end: number; kind: DisplayKind }>,
  };
  for (const i of s.edits) {
    const e = model.edits[i];
    const kind = displayKind(e.change);
    if (e.input.end > e.input.start) marks.l.push({ start: e.input.start, end: e.input.end, kind });
    if (e.output.end > e.output.start) marks.r.push({ start: e.output.start, end: e.output.end, kind });
  }
  const row = (k: number): string => {
    const { l, r } = s.rows[k];
    // Line numbers are <th> cells with ids L<n> (Linux) and X<n> (Xen); end tags are left out, as
    // HTML allows: a 4,000-line port is some 40% smaller and parses faster.
    const cell = (side: 'l' | 'r', n: number): string =>
      n
        ? `<th id=${side === 'l' ? 'L' : 'X'}${n}>${n}<td>${lineHtml(sides[side], n, marks[side])}`
        : '<th><td class=e>';
    return `<tr>${cell('l', l)}${cell('r', r)}${(l && diagsAt.get(`l:${l}`)) || ''}${(r && diagsAt.get(`r:${r}`)) || ''}`;
  };
  const out: string[] = [];
  const emit = (from: number, to: number, opts: { head?: boolean; folded?: string } = {}): void => {
    if (to <= from && !opts.head) return;
    const head = opts.head && s.change !== undefined;
    const note = head ? changeNote(model, s.change as number) : '';
    const px = (to - from) * ROW_PX + (head ? 2 * ROW_PX : 0);
    const id = head ? ` id="c${(s.change as number) + 1}"` : opts.folded ? ` id="${opts.folded}"` : '';
    const rows: string[] = [];
    for (let j = from; j < to; j++) rows.push(row(j));
    out.push(
      `<div class="seg ${head ? 'head ' : ''}${opts.folded ? 'folded ' : ''}${cls}"${id}${data} style="contain-intrinsic-size:auto ${px}px"${opts.folded ? ' hidden' : ''}>` +
        `${note}${rows.length ? `<table>${rows.join('')}</table>` : ''}</div>`,
    );
  };
  const foldable = s.change === undefined || s.if0;
  let from = 0; // first row not emitted yet
  let head = firstOfChange;
  let k = 0;
  while (k < s.rows.length) {
    // A run without diagnostics long enough to fold.
    let end = k;
    while (end < s.rows.length && !diagsAt.has(`l:${s.rows[end].l}`) && !diagsAt.has(`r:${s.rows[end].r}`)) end++;
    if (foldable && end - k > FOLD_MIN) {
      emit(from, k + CONTEXT, { head });
      head = false;
      const hidden = end - CONTEXT - (k + CONTEXT);
      const a = s.rows[k + CONTEXT];
      const b = s.rows[end - CONTEXT - 1];
      const id = `f-${folds.n++}`;
      out.push(
        `<div class="fold${change ? ' chg' : ''}"${change ? ` data-c="${s.change}"` : ''}><button class="unfold" data-fold="${id}">` +
          `⋯ ${hidden} unchanged line${hidden === 1 ? '' : 's'} (Linux ${a.l}–${b.l}, Xen ${a.r}–${b.r})</button></div>`,
      );
      emit(k + CONTEXT, end - CONTEXT, { folded: id });
      from = end - CONTEXT;
    }
    k = Math.max(end, k + 1);
  }
  emit(from, s.rows.length, { head });
  return out.join('');
}

/** The side-by-side view. */
function sideBySide(model: ReviewModel): string {
  const sides = {
    l: { text: model.linux.text, starts: lineStarts(model.linux.text) },
    r: { text: model.output, starts: lineStarts(model.output) },
  };
  const diagsAt = new Map<string, string>();
  for (const { d, place } of model.diagnostics) {
    if (place.side !== 'l' && place.side !== 'r') continue;
    const key = `${place.side}:${place.line}`;
    diagsAt.set(key, (diagsAt.get(key) ?? '') + diagRow(d, 4));
  }
  const seen = new Set<number>();
  const folds = { n: 0 };
  const body = model.segments.map((s) => {
    const first = s.change !== undefined && !seen.has(s.change);
    if (s.change !== undefined) seen.add(s.change);
    return segmentHtml(model, s, sides, diagsAt, first, folds);
  });
  return `<div class="sbs" id="sbs" tabindex="-1"><div class="cols"><span>Linux: ${esc(model.linux.file)}</span><span>Xen: generated output</span></div>${body.join('')}</div>`;
}

/** The navigation and filter bar above the side-by-side view. */
function toolbar(model: ReviewModel): string {
  const kinds = DISPLAY_KINDS.map(
    (k) => `<label class="k-${k}"><input type="checkbox" class="fk" value="${k}" checked> ${KIND_LABEL[k]}</label>`,
  ).join(' ');
  const used = [...new Set(model.changes.flatMap((c) => c.rules))].sort();
  const rules = used.map((id) => `<option value="${esc(id)}">${esc(id)}</option>`).join('');
  return (
    `<div id="bar"><span class="pos">change <b id="pos">–</b> of <b id="tot">${model.changes.length}</b></span>` +
    ` <button id="prev" title="previous change (k or p)">◀ prev</button><button id="next" title="next change (j or n)">next ▶</button>` +
    ` <span class="kinds">${kinds}</span> <select id="fr" title="show the changes of one rule"><option value="">all rules</option>${rules}</select>` +
    ` <label><input type="checkbox" id="only"> changes only</label> <button id="unfold-all">unfold all</button>` +
    ` <span class="keys">keys: j/n next, k/p prev</span></div>`
  );
}

/** Render the whole page. */
export function renderReview(model: ReviewModel): string {
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="xenport report"><title>${esc(model.title)}</title><style>${STYLE}</style></head>
<body><header><h1>${esc(model.title)}</h1></header>
${summarySection(model)}${upgradeSection(model)}${diagnosticsSection(model)}${rulesSection(model)}
<section id="view"><h2>Linux and Xen, side by side</h2>${toolbar(model)}${sideBySide(model)}</section>
<script>${CLIENT_SCRIPT}</script></body></html>
`;
}
