/** Helpers for the review page tests: build the page of a port from files, and check its alignment. */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { portFiles, PortFiles } from '../../src/cli/port-files';
import { buildReview, renderReview, ReviewModel } from '../../src/review';
import { linesOf } from '../../src/review/upgrade';

/** The shipped example's files. */
export const EXAMPLE = { input: 'corpus/example/linux.c', rules: 'corpus/example/rules' };

/** Port from files and build the review model (throws when the port cannot run). */
export function reviewOf(f: PortFiles): ReviewModel {
  const p = portFiles(f);
  if (!p.ok) throw new Error(p.diagnostics.map((d) => d.message).join('\n'));
  const blockFiles = new Map([...p.used.blockFiles].map(([n, t]) => [n, t.file]));
  return buildReview({
    linux: p.used.input,
    result: { ...p.result, diagnostics: p.diagnostics },
    rules: p.used.ruleSet.rules,
    blockFiles,
    ...(p.used.xen ? { xen: p.used.xen } : {}),
    ...(p.used.base ? { base: p.used.base } : {}),
  });
}

/**
 * The side-by-side rows show every Linux line and every Xen line once, in order; rows outside
 * changes pair equal lines; every change names at least one rule. Returns the failures (empty: fine).
 */
export function alignmentProblems(m: ReviewModel): string[] {
  const problems: string[] = [];
  const left = linesOf(m.linux.text);
  const right = linesOf(m.output);
  let l = 0;
  let r = 0;
  for (const s of m.segments) {
    for (const row of s.rows) {
      if (row.l && row.l !== ++l) problems.push(`Linux line ${row.l} where ${l} was due`);
      if (row.r && row.r !== ++r) problems.push(`Xen line ${row.r} where ${r} was due`);
      if ((s.change === undefined || s.if0) && left[row.l - 1] !== right[row.r - 1])
        problems.push(`unchanged row pairs different lines ${row.l} and ${row.r}`);
    }
  }
  if (l !== left.length) problems.push(`${l} Linux lines shown of ${left.length}`);
  if (r !== right.length) problems.push(`${r} Xen lines shown of ${right.length}`);
  m.changes.forEach((c, i) => {
    if (!c.rules.length) problems.push(`change ${i + 1} names no rule`);
  });
  return problems.slice(0, 10);
}

/** Write the page of a model into a fresh temporary folder; returns the file and a cleanup. */
export function writePage(m: ReviewModel, name = 'page.html'): { file: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-review-'));
  const file = path.join(dir, name);
  fs.writeFileSync(file, renderReview(m));
  return { file, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
