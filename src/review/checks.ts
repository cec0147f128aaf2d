/**
 * Build-check and boot results shown in the review page's summary. They come from other tools (the
 * Xen build check, the QEMU boot test) as a JSON file (`--checks`, format in docs/REVIEW.md) or as
 * plain logs (`--build-log`, `--boot-log`). Parsing is pure; the CLI reads the files.
 */
import { Diagnostic, diag } from '../diagnostics';

/** One result: a check with a verdict, or a log shown as given. */
export interface CheckResult {
  name: string;
  /** `log`: a log given without a verdict; the page shows it and counts its error and warning lines. */
  status: 'pass' | 'fail' | 'skip' | 'log';
  summary?: string;
  /** Log text (the last lines are shown). */
  log?: string;
  /** Where the result or log came from. */
  file?: string;
}

const STATUSES = new Set(['pass', 'fail', 'skip']);
const KEYS = new Set(['name', 'status', 'summary', 'log']);

/** Longest log kept in the page, in lines (the end of the log is kept). */
export const MAX_LOG_LINES = 200;

/** Keep the last `MAX_LOG_LINES` lines of a log. */
export function tailLog(text: string): string {
  const lines = text.replace(/\n$/, '').split('\n');
  if (lines.length <= MAX_LOG_LINES) return lines.join('\n');
  return [`[... ${lines.length - MAX_LOG_LINES} earlier lines not shown]`, ...lines.slice(-MAX_LOG_LINES)].join('\n');
}

/** Line and column of an offset in a text, for JSON syntax errors. */
function position(text: string, off: number): { line: number; col: number } {
  const before = text.slice(0, off).split('\n');
  return { line: before.length, col: before[before.length - 1].length + 1 };
}

/** Parse a checks file: `{ "checks": [ { "name", "status", "summary"?, "log"? } ] }`. */
export function parseChecks(
  text: string,
  file: string,
): { ok: true; checks: CheckResult[] } | { ok: false; diagnostics: Diagnostic[] } {
  const fail = (message: string, line = 1, col = 1) => ({
    ok: false as const,
    diagnostics: [diag('XP009', message, { location: { file, line, col } })],
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? position(text, Number(m[1])) : { line: 1, col: 1 };
    return fail(
      `checks file is not valid JSON: ${(e as Error).message.replace(/ in JSON at position .*$/, '')}`,
      at.line,
      at.col,
    );
  }
  const list = (raw as { checks?: unknown })?.checks;
  if (typeof raw !== 'object' || raw === null || !Array.isArray(list))
    return fail('checks file must be an object with a "checks" array');
  const checks: CheckResult[] = [];
  for (const [i, c] of list.entries()) {
    const where = `checks[${i}]`;
    if (typeof c !== 'object' || c === null || Array.isArray(c)) return fail(`${where} must be an object`);
    const o = c as Record<string, unknown>;
    const unknown = Object.keys(o).find((k) => !KEYS.has(k));
    if (unknown) return fail(`${where} has an unknown key '${unknown}' (known: name, status, summary, log)`);
    if (typeof o.name !== 'string' || o.name === '') return fail(`${where}.name must be a non-empty string`);
    if (typeof o.status !== 'string' || !STATUSES.has(o.status))
      return fail(`${where}.status must be "pass", "fail" or "skip"`);
    for (const k of ['summary', 'log'])
      if (o[k] !== undefined && typeof o[k] !== 'string') return fail(`${where}.${k} must be a string`);
    checks.push({
      name: o.name,
      status: o.status as CheckResult['status'],
      file,
      ...(o.summary !== undefined ? { summary: o.summary as string } : {}),
      ...(o.log !== undefined ? { log: tailLog(o.log as string) } : {}),
    });
  }
  return { ok: true, checks };
}

/** A log given without a verdict: its gcc-style error and warning lines are counted. */
export function logCheck(name: string, text: string, file: string): CheckResult {
  const lines = text.split('\n');
  const errors = lines.filter((l) => /\berror\b[:!]|\bpanic\b|\bFATAL\b/i.test(l)).length;
  const warnings = lines.filter((l) => /\bwarning:/i.test(l)).length;
  return {
    name,
    status: 'log',
    summary: `${lines.length} lines; ${errors} error line(s), ${warnings} warning line(s)`,
    log: tailLog(text),
    file,
  };
}
