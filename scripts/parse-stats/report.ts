/**
 * The Markdown report of a parse-stats run: per target, the files, syntax-error regions and
 * functions parsed with no error (with a "before" figure from a baseline run when given), the
 * regions by cause, and the remaining regions themselves (all of them for small targets).
 */
import type { SpatchComparison } from './compare-spatch';
import type { FileStats } from './stats';

/** The figures of one target. */
export interface RunResult {
  name: string;
  title: string;
  files: FileStats[];
  seconds: number;
  /** The folder the files are relative to. */
  root?: string;
}

const sum = (fs: FileStats[], f: (s: FileStats) => number): number => fs.reduce((a, s) => a + f(s), 0);
const fmt = (n: number): string => n.toLocaleString('en-US');

function byCause(files: FileStats[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const f of files) for (const r of f.regions) m.set(r.cause, (m.get(r.cause) ?? 0) + 1);
  return m;
}

/** `after`, or `before → after` when there is a baseline. */
function cell(after: number, before: number | undefined): string {
  return before === undefined ? fmt(after) : `${fmt(before)} → ${fmt(after)}`;
}

/** The full report. */
export function report(
  results: RunResult[],
  command: string,
  baseline?: RunResult[],
  spatch?: SpatchComparison,
): string {
  const out: string[] = [`Command: \`${command}\``, ''];
  // A baseline counts only the files of this run (a sampled run compares with the same files).
  const base = (name: string): RunResult | undefined => {
    const b = baseline?.find((x) => x.name === name);
    const these = new Set(results.find((r) => r.name === name)?.files.map((f) => f.file));
    return b && { ...b, files: b.files.filter((f) => these.has(f.file)) };
  };
  out.push(
    `| Target | Files | Syntax-error regions${baseline ? ' (before → after)' : ''} | Files with regions | Functions parsed with no error | Functions with an error inside | Time (s) |`,
  );
  out.push('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    const b = base(r.name)?.files;
    const regions = (fs: FileStats[]): number => sum(fs, (s) => s.regions.length);
    const withRegions = (fs: FileStats[]): number => fs.filter((s) => s.regions.length).length;
    const good = (fs: FileStats[]): number => sum(fs, (s) => s.goodFunctions.length);
    const bad = (fs: FileStats[]): number => sum(fs, (s) => s.badFunctions.length);
    out.push(
      `| ${r.title} | ${fmt(r.files.length)} | ${cell(regions(r.files), b && regions(b))} | ${cell(withRegions(r.files), b && withRegions(b))} | ${cell(good(r.files), b && good(b))} | ${cell(bad(r.files), b && bad(b))} | ${r.seconds.toFixed(0)} |`,
    );
  }
  out.push('', '### Regions by cause', '');
  const causes = new Set<string>();
  const tables = results.map((r) => ({
    r,
    after: byCause(r.files),
    before: base(r.name) && byCause(base(r.name)!.files),
  }));
  for (const t of tables) for (const c of [...t.after.keys(), ...(t.before?.keys() ?? [])]) causes.add(c);
  out.push(`| Cause | ${results.map((r) => r.name).join(' | ')} |`, `|---|${results.map(() => '---:').join('|')}|`);
  for (const c of [...causes].sort())
    out.push(
      `| ${c} | ${tables.map((t) => cell(t.after.get(c) ?? 0, t.before ? (t.before.get(c) ?? 0) : undefined)).join(' | ')} |`,
    );
  for (const r of results) {
    const left = r.files.flatMap((f) => f.regions.map((g) => ({ file: f.file, ...g })));
    if (left.length === 0) continue;
    if (left.length <= 60) {
      out.push('', `### Remaining regions: ${r.title}`, '', '| File:line | Cause | First line |', '|---|---|---|');
      for (const g of left)
        out.push(`| ${g.file}:${g.line} | ${g.cause} | \`${g.excerpt.replace(/\|/g, '\\|').replace(/`/g, "'")}\` |`);
    } else {
      const worst = [...r.files].sort((a, b) => b.regions.length - a.regions.length).slice(0, 15);
      out.push('', `### Files with the most regions: ${r.title}`, '', '| File | Regions |', '|---|---:|');
      for (const f of worst) out.push(`| ${f.file} | ${f.regions.length} |`);
    }
  }
  if (spatch) {
    out.push('', '### Functions parsed, against `spatch` (Coccinelle) on Linux 6.1 `drivers/iommu`', '');
    out.push(
      `Coccinelle parses (and matches \`f(...) { ... }\` on) ${fmt(spatch.spatch)} function definitions; xenport parses ${fmt(spatch.xenport)} with no error inside.`,
      '',
    );
    out.push(
      `| Only spatch (${spatch.onlySpatch.length}) | Only xenport (${spatch.onlyXenport.length}) |`,
      '|---|---|',
    );
    for (let i = 0; i < Math.max(spatch.onlySpatch.length, spatch.onlyXenport.length); i++)
      out.push(`| ${spatch.onlySpatch[i] ?? ''} | ${spatch.onlyXenport[i] ?? ''} |`);
  }
  return `${out.join('\n')}\n`;
}
