/**
 * Which characters of a C text are code: a single pass that marks comments, string and character
 * literals and preprocessor directive lines, so macro shaping (./shape.ts) never rewrites inside
 * them and can find matching parentheses.
 */

/** Per character: CODE, or what kind of non-code it belongs to. */
export const CODE = 0;
export const COMMENT = 1;
export const LITERAL = 2;
export const DIRECTIVE = 3;

/** Mark every character of `text` as CODE, COMMENT, LITERAL or DIRECTIVE. */
export function codeMap(text: string): Uint8Array {
  const n = text.length;
  const kind = new Uint8Array(n);
  let i = 0;
  let lineStart = true;
  let inDirective = false;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 10) {
      // A directive ends at a newline not escaped by a backslash.
      if (
        inDirective &&
        !(i > 0 && text.charCodeAt(i - 1) === 92) &&
        !(i > 1 && text.charCodeAt(i - 1) === 13 && text.charCodeAt(i - 2) === 92)
      )
        inDirective = false;
      if (inDirective) kind[i] = DIRECTIVE;
      lineStart = true;
      i++;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 42) {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      if (inDirective && text.lastIndexOf('\n', stop) > i) inDirective = false;
      kind.fill(COMMENT, i, stop);
      i = stop;
      continue;
    }
    if (c === 47 && text.charCodeAt(i + 1) === 47) {
      let e = text.indexOf('\n', i);
      if (e < 0) e = n;
      kind.fill(COMMENT, i, e);
      i = e;
      continue;
    }
    if (lineStart && c === 35) inDirective = true;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12 && c !== 11) lineStart = false;
    if (inDirective) {
      kind[i++] = DIRECTIVE;
      continue;
    }
    if (c === 34 || c === 39) {
      let j = i + 1;
      while (j < n) {
        const d = text.charCodeAt(j);
        if (d === 92) j += 2;
        else if (d === c || d === 10) break;
        else j++;
      }
      const stop = Math.min(n, j + 1);
      kind.fill(LITERAL, i, stop);
      i = stop;
      continue;
    }
    i++;
  }
  return kind;
}
