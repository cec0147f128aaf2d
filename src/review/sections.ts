/**
 * The review page's sections other than the side-by-side view: the summary (the port report's
 * figures, blocks, rules by kind, diagnostics, build and boot results), the upgrade diffs, the
 * diagnostics and the rules with their matches. Everything from outside goes through `esc`.
 */
import type { Diagnostic } from '../diagnostics';
import { esc } from './escape';
import { displayKind, KIND_LABEL, ReviewModel } from './model';
import type { DiffRow, FileDiff } from './upgrade';

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The anchor name of a rule (`rule-<slug>`): rule ids are kebab-case; anything else becomes `_`. */
export function ruleSlug(id: string): string {
  return id.replace(/[^A-Za-z0-9_.-]/g, '_');
}

/** A table row holding a diagnostic, spanning `cols` columns. */
export function diagRow(d: Diagnostic, cols: number): string {
  const at = d.location ? `${d.location.file}:${d.location.line}:${d.location.col}: ` : '';
  const rule = d.ruleId ? ` [${d.ruleId}]` : '';
  return `<tr class="dg sev-${d.severity}"><td colspan="${cols}">${esc(`${at}${d.severity} ${d.code}: ${d.message}${rule}`)}${d.hint ? `<div class="hint">${esc(d.hint)}</div>` : ''}</td></tr>`;
}

/** Link to where a diagnostic is shown, or its location as text. */
function diagLink(model: ReviewModel, k: number): string {
  const { d, place } = model.diagnostics[k];
  const loc = d.location ? esc(`${d.location.file}:${d.location.line}:${d.location.col}`) : '';
  const href =
    place.side === 'l'
      ? `#L${place.line}`
      : place.side === 'r'
        ? `#X${place.line}`
        : place.side === 'xen'
          ? `#E${place.line}`
          : place.side === 'base'
            ? `#B${place.line}`
            : '';
  return href ? `<a href="${href}">${loc}</a>` : loc;
}

/** The summary: figures of the port report, blocks, rules by kind, diagnostics and external checks. */
export function summarySection(model: ReviewModel): string {
  const r = model.result.report;
  const figures: Array<[string, string]> = [
    ['Linux lines', `${r.inputLines}`],
    ['Xen lines (generated)', `${r.outputLines}`],
    ['Linux lines kept verbatim', `${r.linesVerbatim} (${pct(r.shareVerbatim)})`],
    ['<code>#if 0</code> regions', `${r.ifZeroRegions} (${r.linesInIfZero} Linux lines)`],
    ['changes', `${model.changes.length}`],
    ['diagnostics', `${r.counts.errors} errors, ${r.counts.warnings} warnings, ${r.counts.infos} infos`],
    ['syntax error regions', `input ${r.syntaxErrors.input}, output ${r.syntaxErrors.output}`],
  ];
  const byKind = new Map<string, { rules: number; matches: number; lines: number; drift: number }>();
  for (const x of r.rules) {
    const k = byKind.get(x.kind) ?? { rules: 0, matches: 0, lines: 0, drift: 0 };
    k.rules++;
    k.matches += x.matches;
    k.lines += x.linesTouched;
    if (x.drift) k.drift++;
    byKind.set(x.kind, k);
  }
  const kinds = [...byKind]
    .sort()
    .map(
      ([k, v]) =>
        `<tr><td>${esc(k)}</td><td>${v.rules}</td><td>${v.matches}</td><td>${v.lines}</td><td>${v.drift ? `<b class="bad">${v.drift}</b>` : '0'}</td></tr>`,
    )
    .join('');
  const blocks = r.blocks
    .map(
      (b) =>
        `<tr><td>${esc(b.name)}</td><td>${esc(b.source)}</td><td>${esc(model.blockSources.get(b.name) ?? '')}</td><td>${b.lines}</td></tr>`,
    )
    .join('');
  const codes = new Map<string, number>();
  for (const { d } of model.diagnostics)
    codes.set(`${d.severity} ${d.code}`, (codes.get(`${d.severity} ${d.code}`) ?? 0) + 1);
  const codeList = [...codes]
    .sort()
    .map(([c, n]) => `<span class="sev-${esc(c.split(' ')[0])}">${esc(c)} × ${n}</span>`)
    .join(' ');
  const checks = model.checks
    .map(
      (c) =>
        `<tr><td>${esc(c.name)}</td><td><span class="st st-${c.status}">${c.status}</span></td><td>${esc(c.summary ?? '')}` +
        `${c.file ? ` <span class="at">${esc(c.file)}</span>` : ''}${c.log ? `<details><summary>log</summary><pre>${esc(c.log)}</pre></details>` : ''}</td></tr>`,
    )
    .join('');
  return (
    `<section id="summary"><h2>Summary</h2><div class="cards">` +
    `<table class="fig"><tbody>${figures.map(([k, v]) => `<tr><th>${k}</th><td>${v}</td></tr>`).join('')}</tbody></table>` +
    `<table class="fig"><thead><tr><th>rule kind</th><th>rules</th><th>matches</th><th>lines touched</th><th>drift</th></tr></thead><tbody>${kinds}</tbody></table>` +
    `<table class="fig"><thead><tr><th>block</th><th>source</th><th>file</th><th>lines</th></tr></thead><tbody>${blocks || '<tr><td colspan="4">no blocks</td></tr>'}</tbody></table>` +
    `</div>${codeList ? `<p class="codes">${codeList}</p>` : ''}` +
    `<table class="fig checks"><thead><tr><th>check</th><th>result</th><th>details</th></tr></thead><tbody>${checks || '<tr><td colspan="3">no build or boot results given (see --checks, --build-log, --boot-log)</td></tr>'}</tbody></table></section>\n`
  );
}

/** One line diff, with what each hunk touches; removed/added lines link to their line anchors. */
function diffTable(
  model: ReviewModel,
  diff: FileDiff,
  oldSide: 'base' | 'xen',
  newAnchor: 'L' | 'X',
  caption: string,
  untouched: string,
): string {
  const diagsAt = new Map<number, string>();
  for (const { d, place } of model.diagnostics)
    if (place.side === oldSide) diagsAt.set(place.line, (diagsAt.get(place.line) ?? '') + diagRow(d, 3));
  const oldAnchor = oldSide === 'base' ? 'B' : 'E';
  const line = (r: DiffRow): string => {
    const o = r.old ? `<td class="n" id="${oldAnchor}${r.old}">${r.old}</td>` : '<td class="n"></td>';
    const n = r.new ? `<td class="n"><a href="#${newAnchor}${r.new}">${r.new}</a></td>` : '<td class="n"></td>';
    const cls = r.op === '+' ? 'add' : r.op === '-' ? 'rem' : 'ctx';
    return `<tr class="${cls}">${o}${n}<td class="t">${r.op}${esc(r.text)}</td></tr>${r.old ? (diagsAt.get(r.old) ?? '') : ''}`;
  };
  const hunks = diff.hunks
    .map((h) => {
      const touched = [
        h.rules.length
          ? `rules ${h.rules.map((id) => `<a href="#rule-${esc(ruleSlug(id))}">${esc(id)}</a>`).join(', ')}`
          : '',
        h.blocks.length ? `blocks ${h.blocks.map(esc).join(', ')}` : '',
        h.changes.length ? `changes ${h.changes.map((c) => `<a href="#c${c + 1}">#${c + 1}</a>`).join(' ')}` : '',
      ]
        .filter(Boolean)
        .join('; ');
      return `<tbody class="hunk"><tr class="hh"><td colspan="3">${touched ? `touches ${touched}` : untouched}</td></tr>${h.rows.map(line).join('')}</tbody>`;
    })
    .join('');
  const head = `<h3>${caption}: <code>${esc(diff.from)}</code> → <code>${esc(diff.to)}</code> (+${diff.added} −${diff.removed})</h3>`;
  if (!diff.hunks.length) return `${head}<p>identical</p>`;
  return `${head}<table class="diff"><colgroup><col class="cn"><col class="cn"><col></colgroup>${hunks}</table>`;
}

/** The upgrade section (with --base and/or --xen). */
export function upgradeSection(model: ReviewModel): string {
  const u = model.upgrade;
  if (!u) return '';
  const parts = [
    u.linux
      ? diffTable(
          model,
          u.linux,
          'base',
          'L',
          'What the new Linux changed',
          'touches no rule or block: it reaches Xen as it is',
        )
      : '',
    u.xen
      ? diffTable(
          model,
          u.xen,
          'xen',
          'X',
          'What the Xen file changed as a result',
          'made by no rule: Linux text carried over as it is, or a line of the Xen file no longer made',
        )
      : '',
  ];
  return `<section id="upgrade"><details open><summary><h2>Upgrade</h2></summary>${parts.join('')}</details></section>\n`;
}

/** Every diagnostic, with a link to the line where the page shows it. */
export function diagnosticsSection(model: ReviewModel): string {
  if (!model.diagnostics.length) return '<section id="diagnostics"><h2>Diagnostics</h2><p>none</p></section>\n';
  const open = model.diagnostics.some(({ d }) => d.severity !== 'info') ? ' open' : '';
  const rows = model.diagnostics
    .map(
      ({ d }, k) =>
        `<tr class="sev-${d.severity}"><td>${d.severity}</td><td>${d.code}</td><td>${diagLink(model, k)}</td>` +
        `<td>${esc(d.message)}${d.hint ? `<div class="hint">${esc(d.hint)}</div>` : ''}</td><td>${d.ruleId ? `<a href="#rule-${esc(ruleSlug(d.ruleId))}">${esc(d.ruleId)}</a>` : ''}</td></tr>`,
    )
    .join('');
  return (
    `<section id="diagnostics"><details${open}><summary><h2>Diagnostics (${model.diagnostics.length})</h2></summary>` +
    `<table class="list"><thead><tr><th>severity</th><th>code</th><th>where</th><th>message</th><th>rule</th></tr></thead><tbody>${rows}</tbody></table></details></section>\n`
  );
}

/** The rules: kind, place, reason, expected and found matches, and each match as a link. */
export function rulesSection(model: ReviewModel): string {
  const used = new Map<string, Set<string>>();
  for (const e of model.edits) {
    const s = used.get(e.ruleId) ?? new Set<string>();
    s.add(KIND_LABEL[displayKind(e.change)]);
    used.set(e.ruleId, s);
  }
  const rows = model.rules
    .map((r) => {
      const matches = r.matches
        .map(
          (m) =>
            `<a href="${m.change !== undefined ? `#c${m.change + 1}` : `#L${m.line}`}">L${m.line}${m.change !== undefined ? ` #${m.change + 1}` : ''}</a>`,
        )
        .join(' ');
      const did = [...(used.get(r.id) ?? [])].join(', ');
      return (
        `<tr id="rule-${esc(ruleSlug(r.id))}"${r.drift ? ' class="drift"' : ''}><td><b>${esc(r.id)}</b> <button class="only-rule" data-rule="${esc(r.id)}" title="filter the changes of this rule">filter</button></td>` +
        `<td>${esc(r.kind)}</td><td class="at">${esc(r.at)}</td><td>${esc(r.expected)} / ${r.found}${r.drift ? ' <b class="bad">drift</b>' : ''}</td>` +
        `<td>${esc(did)}</td><td class="why">${esc(r.reason ?? '')}</td><td class="ml">${matches}</td></tr>`
      );
    })
    .join('');
  return (
    `<section id="rules"><details><summary><h2>Rules (${model.rules.length})</h2></summary>` +
    `<table class="list"><thead><tr><th>rule</th><th>kind</th><th>written at</th><th>expected / found</th><th>changes made</th><th>reason</th><th>matches (Linux line, change)</th></tr></thead>` +
    `<tbody>${rows}</tbody></table></details></section>\n`
  );
}
