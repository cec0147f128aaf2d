/**
 * Function-by-function comparison with Coccinelle: runs `spatch` with ./functions.cocci (which
 * prints every function definition spatch parsed and could match) over a target's folder, and
 * compares with the functions xenport parsed with no error inside, by file and name.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import type { FileStats } from './stats';

/** The comparison: counts, and the functions only one tool parsed (`file:name`). */
export interface SpatchComparison {
  spatch: number;
  xenport: number;
  onlySpatch: string[];
  onlyXenport: string[];
}

/** Occurrences of each item. */
function counts(items: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of items) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/** Items of `a` beyond their count in `b`. */
function beyond(a: Map<string, number>, b: Map<string, number>): string[] {
  const out: string[] = [];
  for (const [k, n] of a) for (let i = b.get(k) ?? 0; i < n; i++) out.push(k);
  return out.sort();
}

/** Run spatch over `dir` (relative to `root`) and compare with `files`. Throws when spatch is missing. */
export function compareWithSpatch(root: string, dir: string, files: FileStats[]): SpatchComparison {
  const out = execFileSync(
    'spatch',
    ['--sp-file', path.join(__dirname, 'functions.cocci'), '--dir', dir, '--timeout', '120', '--very-quiet'],
    { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const theirs = out
    .split('\n')
    .filter((l) => l.startsWith('FN '))
    .map((l) => {
      const [file, , name] = l.slice(3).split(':');
      return `${file}:${name}`;
    });
  const ours = files.flatMap((f) => f.goodFunctions.map((n) => `${f.file}:${n}`));
  const t = counts(theirs);
  const o = counts(ours);
  return { spatch: theirs.length, xenport: ours.length, onlySpatch: beyond(t, o), onlyXenport: beyond(o, t) };
}
