/**
 * Map an offset into the value of a YAML string scalar back to an offset in the YAML text, so
 * that errors inside patterns and templates point at the right character. Handles plain, quoted
 * (with escapes) and block scalars; folding and indentation are skipped by aligning the value with
 * the source character by character (best effort for exotic cases).
 */
import { isScalar } from 'yaml';
import type { Node } from 'yaml';

const DOUBLE_ESCAPE_LENGTH: Record<string, number> = { x: 4, u: 6, U: 10 };

/** First source offset of the scalar's content (after the quote or the block header line). */
function contentStart(text: string, start: number, type: string | undefined): number {
  if (type === 'QUOTE_DOUBLE' || type === 'QUOTE_SINGLE') return start + 1;
  if (type === 'BLOCK_LITERAL' || type === 'BLOCK_FOLDED') {
    const nl = text.indexOf('\n', start);
    return nl < 0 ? start : nl + 1;
  }
  return start;
}

function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r';
}

/**
 * Source offset (into `text`) of character `offset` of the scalar's string value. Falls back to the
 * scalar's start when `node` is not a string scalar.
 */
export function scalarSourceOffset(text: string, node: Node, offset: number): number {
  if (!isScalar(node) || typeof node.value !== 'string' || !node.range) return node.range?.[0] ?? 0;
  const value = node.value;
  const [start, end] = node.range;
  let j = contentStart(text, start, node.type);
  let i = 0;
  while (j < end && i < offset) {
    const c = text[j];
    if (node.type === 'QUOTE_DOUBLE' && c === '\\') {
      const n = text[j + 1];
      if (n === '\n' || n === '\r') {
        j += 2;
        while (j < end && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n')) j++;
        continue;
      }
      j += DOUBLE_ESCAPE_LENGTH[n] ?? 2;
      i++;
      continue;
    }
    if (node.type === 'QUOTE_SINGLE' && c === "'" && text[j + 1] === "'") {
      j += 2;
      i++;
      continue;
    }
    if (c === value[i]) i++;
    j++;
  }
  // Land on the character itself, not on folding or indentation before it.
  if (!isSpace(value[i])) while (j < end && isSpace(text[j]) && text[j] !== value[i]) j++;
  return Math.min(j, end);
}
