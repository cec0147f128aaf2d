/**
 * The escape hatch: raw tree-sitter queries. A query must capture `@target`; its other captures
 * become metavariables.
 */
import { compileQuery } from '../parse';

/** Check a raw tree-sitter query: it must compile and capture `@target`; returns its capture names. */
export function checkQuery(source: string): { ok: true; captures: string[] } | { ok: false; offset: number; message: string } {
  try {
    compileQuery(source);
    const captures = queryCaptureNames(source);
    if (!captures.includes('target')) return { ok: false, offset: 0, message: 'the query must capture @target' };
    return { ok: true, captures };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(msg);
    return { ok: false, offset: at ? Number(at[1]) : 0, message: msg.split('\n')[0] };
  }
}

/** Capture names written in a query (`@name`), outside string literals, in order of first use. */
export function queryCaptureNames(source: string): string[] {
  const noStrings = source.replace(/"(?:[^"\\]|\\.)*"/g, (s) => ' '.repeat(s.length));
  return [...new Set([...noStrings.matchAll(/@([A-Za-z_][A-Za-z0-9_.-]*)/g)].map((m) => m[1]))];
}
