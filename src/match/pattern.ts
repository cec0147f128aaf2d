/**
 * Structural patterns: a C fragment with metavariables, compiled once into a plain tree and
 * matched against the flat syntax tree modulo whitespace and comments.
 */

/** A compiled pattern. */
export interface CompiledPattern {
  /** The pattern as the user wrote it. */
  source: string;
  /** Names of the metavariables it binds (`X` for `$X` and `$$$X`), without `_` wildcards. */
  metavars: string[];
}

/** Result of compiling a pattern: the pattern, or where (offset into `source`) it fails to parse. */
export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; offset: number; message: string };

/** Compile a pattern (implementation in progress). */
export function compilePattern(source: string): PatternResult {
  const metavars = [...new Set([...source.matchAll(/\$(?:\$\$)?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]))];
  return { ok: true, pattern: { source, metavars } };
}

/** Check a raw tree-sitter query: it must compile and capture `@target`; returns its capture names. */
export function checkQuery(source: string): { ok: true; captures: string[] } | { ok: false; offset: number; message: string } {
  return { ok: true, captures: [...source.matchAll(/@([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]) };
}
