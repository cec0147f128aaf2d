/** The review page's stylesheet, inlined into the page (no external resource). */

/** Colours per change kind: a light tint for the rows of a change, a stronger one for the edited text. */
export const STYLE = `
:root{--replace:#fff3c4;--replace-m:#ffd84d;--delete:#ffe0e0;--delete-m:#ff9f9f;--insert:#ddf7dd;--insert-m:#8fe08f;
--block:#dde9ff;--block-m:#9fbfff;--if0:#eee8f5;--if0-m:#c9b6e4;--err:#b00020;--warn:#a05a00;--info:#3b5b8c;font-family:system-ui,sans-serif}
body{margin:0 1rem 4rem;color:#1b1b1b;background:#fff;font-size:14px}
h1{font-size:1.3rem;margin:.8rem 0}h2{font-size:1.1rem;margin:.6rem 0;display:inline}h3{font-size:1rem;margin:.8rem 0 .3rem}
section{margin:.8rem 0}summary{cursor:pointer}code,pre,.t,.at{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.cards{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start}
table.fig,table.list{border-collapse:collapse}table.fig th,table.fig td,table.list th,table.list td{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
table.fig th{background:#f6f6f6;font-weight:600}.checks{margin-top:.6rem}.codes span{margin-right:.8rem}
.st{padding:0 6px;border-radius:3px;color:#fff}.st-pass{background:#1d7a2e}.st-fail{background:var(--err)}.st-skip{background:#777}.st-log{background:#456}
.bad{color:var(--err)}.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
tr.drift td{background:#fff0f0}.at{color:#555;font-size:12px}.why{color:#333;white-space:pre-wrap}.ml a{margin-right:.4rem;white-space:nowrap}
.hint{color:#555;font-style:italic}
#bar{position:sticky;top:0;z-index:2;background:#fafafa;border:1px solid #ddd;padding:4px 8px;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
#bar label{padding:0 4px;border-radius:3px}#bar .keys{color:#666;font-size:12px}#bar select{max-width:16rem}
label.k-replace{background:var(--replace-m)}label.k-delete{background:var(--delete-m)}label.k-insert{background:var(--insert-m)}label.k-block{background:var(--block-m)}label.k-if0{background:var(--if0-m)}
table.diff{border-collapse:collapse;width:100%;table-layout:fixed}col.cn{width:3.6em}table.diff td{padding:0 4px;vertical-align:top}
.sbs .cols{display:grid;grid-template-columns:1fr 1fr;font-weight:600;text-align:center;padding:2px 0;border-bottom:1px solid #ddd}
.seg{content-visibility:auto}.seg table{border-collapse:collapse;width:100%;table-layout:fixed}
.sbs th,td.n{width:3.6em;color:#888;font-weight:normal;text-align:right;user-select:none;cursor:pointer;font-family:ui-monospace,monospace;font-size:12px;border-right:1px solid #eee;padding:0 4px;vertical-align:top}
.sbs td,td.t{padding:0 4px;vertical-align:top;white-space:pre-wrap;word-break:break-all;tab-size:8;-moz-tab-size:8;font-size:12.5px;line-height:1.35;font-family:ui-monospace,"DejaVu Sans Mono",monospace}
td.e{background:repeating-linear-gradient(135deg,#f7f7f7 0 4px,#fff 4px 8px)}
.seg.chg td{background:var(--c)}.p-replace{--c:var(--replace)}.p-delete{--c:var(--delete)}.p-insert{--c:var(--insert)}
.p-block{--c:var(--block)}.p-if0,.seg.if0{--c:var(--if0)}.seg.chg td.e{background:repeating-linear-gradient(135deg,var(--c) 0 4px,#fff 4px 8px)}
.m{border-radius:2px}.m-replace{background:var(--replace-m)}.m-delete{background:var(--delete-m);text-decoration:line-through}
.m-insert{background:var(--insert-m)}.m-block{background:var(--block-m)}.m-if0{background:var(--if0-m)}
.seg.head .note{border-top:2px solid #bbb;background:#fcfcfc;font-size:12.5px;padding:2px 6px}
.note ul{display:inline;margin:0;padding:0}.note li{display:inline;margin-right:1.2rem}
.kind{padding:0 5px;border-radius:3px;font-size:12px}.k-replace{background:var(--replace-m)}.k-delete{background:var(--delete-m)}
.k-insert{background:var(--insert-m)}.k-block{background:var(--block-m)}.k-if0{background:var(--if0-m)}
a.pl{font-weight:600;margin-right:.6rem;text-decoration:none}
.seg.cur{box-shadow:inset 3px 0 0 #1a56db}.seg.cur .note{background:#e8efff}
.seg.dim td{background:none}.seg.dim .m{background:none;text-decoration:none}.seg.dim .note{opacity:.45}
.sbs.only .seg.eq,.sbs.only .fold:not(.chg),.sbs.only .dim{display:none}
.fold{text-align:center;background:#f4f4f4}button.unfold{border:0;background:none;color:#1a56db;cursor:pointer;font-size:12px}
tr.dg td{font-family:system-ui,sans-serif;font-size:12px;padding:1px 8px;background:#fff7f7;border-left:3px solid currentColor;white-space:pre-wrap}
.seg.head,th,td.n,tr[id]{scroll-margin-top:4.5rem}
tr.tgt td,tr.tgt th{outline:2px solid #1a56db;outline-offset:-2px}
table.diff tr.add td.t{background:var(--insert)}table.diff tr.rem td.t{background:var(--delete)}tr.hh td{background:#f0f4fa;font-size:12px;padding:2px 6px;border-top:2px solid #bbb}
table.diff td.t{white-space:pre-wrap}
`;
