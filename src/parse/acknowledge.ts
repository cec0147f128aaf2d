/**
 * Acknowledged syntax errors: a port may list the syntax-error regions (XP007) it expects in its
 * manifest, by count or by position, so that a passing run does not print them. New regions (past
 * the count, or at a position not listed) are never acknowledged; the report counts all of them.
 */
import type { Diagnostic } from '../diagnostics';

/**
 * `diagnostics` (the XP007 warnings of one input) with `acknowledged` set on those `ack` covers: all
 * of them when there are at most `ack` regions, or those whose `file:line` is listed (the file as
 * its base name or any trailing part of its path).
 */
export function acknowledgeSyntaxErrors(
  diagnostics: readonly Diagnostic[],
  ack: number | readonly string[] | undefined,
): Diagnostic[] {
  if (ack === undefined) return [...diagnostics];
  if (typeof ack === 'number')
    return diagnostics.map((d) => (diagnostics.length <= ack ? { ...d, acknowledged: true } : d));
  const listed = (d: Diagnostic): boolean => {
    const file = (d.location?.file ?? '').replace(/\\/g, '/');
    return ack.some((p) => {
      const at = p.lastIndexOf(':');
      const f = p.slice(0, at);
      return Number(p.slice(at + 1)) === d.location?.line && (file === f || file.endsWith(`/${f}`));
    });
  };
  return diagnostics.map((d) => (d.code === 'XP007' && listed(d) ? { ...d, acknowledged: true } : d));
}
