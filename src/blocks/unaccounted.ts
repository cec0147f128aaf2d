/**
 * XP300 diagnostics for the lines of the existing Xen file that the rules and blocks do not
 * reproduce. Each line is quoted exactly (whitespace kept and made visible by JSON escapes, so a
 * whitespace-only edit shows its difference). When most of the Xen file is unaccounted for, the
 * cause is almost never thousands of hand edits but a wrong or missing `--base`: then one summary
 * error (XP310) with that hint comes first, followed by the first SUMMARY_LINES lines only.
 */
import { Diagnostic, diag, quote } from '../diagnostics';
import type { Unaccounted } from './carry';

/** Lines listed under the summary. */
export const SUMMARY_LINES = 20;

/** Share of the existing Xen file's lines that, once unaccounted for, gives the summary. */
export const SUMMARY_SHARE = 0.5;

/** The XP300 diagnostics (and the XP310 summary when most of the file is unaccounted for). */
export function reportUnaccounted(
  lines: readonly Unaccounted[],
  xen: { text: string; file: string },
  drop: boolean,
): Diagnostic[] {
  const one = (u: Unaccounted): Diagnostic => {
    const msg =
      u.what === 'extra'
        ? `line not produced by the rules or any block, would be lost: ${quote(u.text, 100)}`
        : `the rules produce a line the existing Xen file does not have: ${quote(u.text, 100)}`;
    return diag('XP300', msg, {
      location: { file: xen.file, line: u.line, col: 1 },
      ...(drop ? { severity: 'warning' as const } : {}),
    });
  };
  const total = xen.text.split('\n').length - (xen.text.endsWith('\n') ? 1 : 0);
  const extra = lines.filter((u) => u.what === 'extra').length;
  if (total === 0 || extra <= total * SUMMARY_SHARE) return lines.map(one);
  const summary = diag(
    'XP310',
    `${extra} of the ${total} lines of the existing Xen file (${Math.round((100 * extra) / total)}%) are not reproduced by the rules and blocks, and ${lines.length - extra} lines the rules produce are not in it; the first ${SUMMARY_LINES} follow`,
    {
      location: { file: xen.file, line: 1, col: 1 },
      hint: 'is --base right? It must name the Linux file the existing Xen file was generated from (default: the input itself)',
    },
  );
  return [summary, ...lines.slice(0, SUMMARY_LINES).map(one)];
}
