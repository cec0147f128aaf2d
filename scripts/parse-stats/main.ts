/**
 * `npm run parse-stats -- [target...] [--sample N] [--json <file>] [--from <file>] [--baseline <file>] [--doc
 * <file.md>] [--spatch]`
 *
 * Parses every file of each target (corpus, iommu-6.1, arm-6.12, drivers-6.1; default: the first
 * three) as xenport does (src/parse, kernel macro hints applied) and counts syntax-error regions
 * by cause and the function definitions parsed with no error. Prints a Markdown report; `--json`
 * keeps the per-file figures, `--baseline` adds a "before" column from such a JSON file (a run of
 * an earlier commit), `--from` reports such a file instead of parsing again, `--doc` writes the
 * report into a file (docs/PARSING.md) between its `parse-stats` markers, keeping the prose around
 * them. `--spatch` compares the functions parsed with Coccinelle's, function by function, on
 * iommu-6.1 (./compare-spatch.ts; needs `apt-get install coccinelle`).
 */
import * as fs from 'fs';
import { fileStats, FileStats } from './stats';
import { compareWithSpatch, SpatchComparison } from './compare-spatch';
import { report, RunResult } from './report';
import { target } from './targets';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function run(): number {
  const valued = new Set(['--json', '--baseline', '--doc', '--from', '--sample']);
  const sample = Number(arg('sample') ?? 1);
  const names = process.argv.slice(2).filter((a, i, all) => !a.startsWith('--') && !valued.has(all[i - 1]));
  const gc = (globalThis as { gc?: () => void }).gc;
  const from = arg('from');
  const results: RunResult[] = from ? (JSON.parse(fs.readFileSync(from, 'utf8')) as RunResult[]) : [];
  for (const name of from ? [] : names.length ? names : ['corpus', 'iommu-6.1', 'arm-6.12']) {
    const t = target(name);
    // `--sample N`: every Nth file only (sorted order), for a quicker figure on a big target.
    if (sample > 1) {
      t.files = t.files.filter((_f, i) => i % sample === 0);
      t.title += ` (every ${sample}th file)`;
    }
    const t0 = Date.now();
    const files: FileStats[] = [];
    t.files.forEach((f, i) => {
      files.push(fileStats(fs.readFileSync(`${t.root}/${f}`, 'utf8'), f));
      if (gc && i % 50 === 49) gc();
      if (i % 1000 === 999) process.stderr.write(`${t.name}: ${i + 1}/${t.files.length} files\n`);
    });
    results.push({ name: t.name, title: t.title, files, seconds: (Date.now() - t0) / 1000, root: t.root });
  }
  const spatch: SpatchComparison | undefined = process.argv.includes('--spatch') ? spatchOn(results) : undefined;
  const json = arg('json');
  if (json) fs.writeFileSync(json, JSON.stringify(results));
  const baselineFile = arg('baseline');
  const baseline = baselineFile ? (JSON.parse(fs.readFileSync(baselineFile, 'utf8')) as RunResult[]) : undefined;
  const command = `npm run parse-stats -- ${process.argv.slice(2).join(' ')}`.trim();
  const md = report(results, command, baseline, spatch);
  process.stdout.write(md);
  const doc = arg('doc');
  if (doc) fs.writeFileSync(doc, intoDoc(fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '', md));
  return 0;
}

/** The comparison with spatch on the iommu-6.1 target (which must be in the run). */
function spatchOn(results: RunResult[]): SpatchComparison {
  const r = results.find((x) => x.name === 'iommu-6.1');
  if (!r?.root) throw new Error('--spatch needs the iommu-6.1 target in the same run');
  return compareWithSpatch(r.root, 'drivers/iommu', r.files);
}

const BEGIN = '<!-- parse-stats:begin -->';
const END = '<!-- parse-stats:end -->';

/** `doc` with the text between its markers replaced by `md` (markers appended when missing). */
function intoDoc(doc: string, md: string): string {
  const a = doc.indexOf(BEGIN);
  const b = doc.indexOf(END);
  if (a < 0 || b < a) return `${doc}${doc && !doc.endsWith('\n') ? '\n' : ''}${BEGIN}\n${md}${END}\n`;
  return `${doc.slice(0, a + BEGIN.length)}\n${md}${doc.slice(b)}`;
}

try {
  process.exit(run());
} catch (e) {
  process.stderr.write(`parse-stats: ${(e as Error).message}\n`);
  process.exit(2);
}
