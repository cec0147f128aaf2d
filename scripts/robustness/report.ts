/**
 * The robustness run's summary as Markdown: crashes, exit codes, syntax-error regions before and
 * after the port, diagnostics by code, and the slowest files.
 */
import { CATALOG } from '../../src/diagnostics/catalog';
import type { FileResult } from './worker';

/** A file whose worker died or hung: no result from xenport itself. */
export interface LostFile {
  file: string;
  why: string;
}

/** Facts about the run itself. */
export interface RunMeta {
  command: string;
  rules: string;
  files: number;
  jobs: number;
  wallS: number;
  peakWorkerRssMiB: number;
  parentRssMiB: number;
  restarts: number;
}

const BUCKETS: Array<[string, (n: number) => boolean]> = [
  ['0', (n) => n === 0],
  ['1-5', (n) => n >= 1 && n <= 5],
  ['6-20', (n) => n >= 6 && n <= 20],
  ['21-100', (n) => n >= 21 && n <= 100],
  ['>100', (n) => n > 100],
];

function table(head: string[], rows: Array<Array<string | number>>): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Render the summary. */
export function summarize(results: FileResult[], lost: LostFile[], meta: RunMeta): string {
  const violations = results.filter((r) => r.violation);
  const exitCounts = new Map<number, number>();
  for (const r of results) exitCounts.set(r.code, (exitCounts.get(r.code) ?? 0) + 1);
  const byCode = new Map<string, { total: number; files: number }>();
  for (const r of results)
    for (const [c, n] of Object.entries(r.codes)) {
      const e = byCode.get(c) ?? { total: 0, files: 0 };
      e.total += n;
      e.files += 1;
      byCode.set(c, e);
    }
  const withSyntax = results.filter((r) => r.syntax);
  const inSum = withSyntax.reduce((a, r) => a + (r.syntax?.input ?? 0), 0);
  const outSum = withSyntax.reduce((a, r) => a + (r.syntax?.output ?? 0), 0);
  const more = withSyntax.filter((r) => (r.syntax?.output ?? 0) > (r.syntax?.input ?? 0));
  const fewer = withSyntax.filter((r) => (r.syntax?.output ?? 0) < (r.syntax?.input ?? 0));
  const slow = [...results].sort((a, b) => b.ms - a.ms).slice(0, 10);
  const ms = results.map((r) => r.ms).sort((a, b) => a - b);
  const pct = (p: number): string =>
    ms.length ? ms[Math.min(ms.length - 1, Math.floor(p * ms.length))].toFixed(0) : '-';
  const lines: string[] = [];
  lines.push(`# Robustness run: ${meta.files} files`, '', `Command: \`${meta.command}\``, '');
  lines.push(
    table(
      ['figure', 'value'],
      [
        ['files', meta.files],
        ['rules', `\`${meta.rules}\``],
        [
          'crashes (exit 70, exception, worker died, hang)',
          violations.filter((v) => /internal|exception/.test(v.violation ?? '')).length + lost.length,
        ],
        [
          'other broken promises (written on failure, missing on success, litter)',
          violations.filter((v) => !/internal|exception/.test(v.violation ?? '')).length,
        ],
        ['wall time', `${meta.wallS.toFixed(0)} s on ${meta.jobs} worker processes`],
        ['peak RSS of a worker', `${meta.peakWorkerRssMiB} MiB`],
        ['peak RSS of the parent', `${meta.parentRssMiB} MiB`],
        ['worker restarts (recycling, crashes, hangs)', meta.restarts],
        [
          'time per file: median / p99 / max',
          `${pct(0.5)} / ${pct(0.99)} / ${ms.length ? ms[ms.length - 1].toFixed(0) : '-'} ms`,
        ],
      ],
    ),
  );
  lines.push(
    '',
    '## Exit codes',
    '',
    table(
      ['exit code', 'files'],
      [...exitCounts].sort((a, b) => a[0] - b[0]).map(([c, n]) => [c, n]),
    ),
  );
  lines.push('', '## Syntax-error regions before and after the port', '');
  lines.push(
    `${withSyntax.length} files were parsed (the others stopped at reading: not UTF-8, empty, too large).`,
    '',
  );
  lines.push(
    table(
      ['regions in a file', 'files (input)', 'files (output)'],
      BUCKETS.map(([name, f]) => [
        name,
        withSyntax.filter((r) => f(r.syntax?.input ?? 0)).length,
        withSyntax.filter((r) => f(r.syntax?.output ?? 0)).length,
      ]),
    ),
  );
  lines.push(
    '',
    table(
      ['figure', 'value'],
      [
        ['regions, all inputs', inSum],
        ['regions, all outputs', outSum],
        ['files whose output has more regions than the input (XP204)', more.length],
        [
          '... of which every new region is a Xen allocator with a type argument (`xzalloc(struct T)`)',
          more.filter((r) => r.newErrors?.cause === 'type-argument').length,
        ],
        ['... of which some new region has another cause', more.filter((r) => r.newErrors?.cause === 'other').length],
        ['files whose output has fewer', fewer.length],
      ],
    ),
  );
  const others = more.filter((r) => r.newErrors?.cause === 'other');
  if (others.length) {
    lines.push('', 'New regions with another cause (first 15):', '');
    lines.push(
      table(
        ['file', 'first such line'],
        others.slice(0, 15).map((r) => [r.file, `\`${(r.newErrors?.line ?? '').replace(/[|`]/g, ' ')}\``]),
      ),
    );
  }
  lines.push('', '## Diagnostics by code', '');
  lines.push(
    table(
      ['code', 'title', 'diagnostics', 'files'],
      [...byCode]
        .sort((a, b) => a[0].localeCompare(b[0]))
        .map(([c, e]) => [c, (CATALOG as Record<string, { title: string }>)[c]?.title ?? '?', e.total, e.files]),
    ),
  );
  lines.push(
    '',
    '## Slowest files',
    '',
    table(
      ['file', 'ms', 'output bytes', 'exit'],
      slow.map((r) => [r.file, r.ms.toFixed(0), r.bytes, r.code]),
    ),
  );
  if (violations.length || lost.length) {
    lines.push('', '## Crashes and broken promises', '');
    for (const l of lost) lines.push(`- ${l.file}: ${l.why}`);
    for (const v of violations) lines.push(`- ${v.file}: ${(v.violation ?? '').split('\n')[0]}`);
  }
  return `${lines.join('\n')}\n`;
}
