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

/** Whether the newline at `at` ends a directive line: a backslash before it continues the line. */
export function endsDirective(text: string, at: number): boolean {
  return (
    !(at > 0 && text.charCodeAt(at - 1) === 92) &&
    !(at > 1 && text.charCodeAt(at - 1) === 13 && text.charCodeAt(at - 2) === 92)
  );
}

/**
 * Where the string or character literal opening at `open` ends (exclusive): after its closing
 * quote, or after the newline that ends it unclosed (a backslash escapes the next character).
 */
export function literalEnd(text: string, open: number): number {
  const q = text.charCodeAt(open);
  let j = open + 1;
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 92) j += 2;
    else if (d === q || d === 10) break;
    else j++;
  }
  return Math.min(text.length, j + 1);
}

/** The next index of `ch` in `text` at or after `from` (the text's length when there is none). */
function nextOf(text: string, ch: string, from: number): number {
  const at = text.indexOf(ch, from);
  return at < 0 ? text.length : at;
}

/** True for a blank that does not end a line (a `#` after only these starts a directive). */
const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 13 || c === 12 || c === 11;

/**
 * Mark every character of `text` as CODE, COMMENT, LITERAL or DIRECTIVE. The text is read from one
 * character that matters to the next (a newline, `/`, a quote, `#`; in a directive line only a
 * newline or `/`), each found with `indexOf` and remembered until passed: the characters between
 * are code (the map's initial value) or directive. Whether a `#` starts its line is checked when
 * one is met, on the blanks before it. The result is that of reading every character in turn.
 */
export function codeMap(text: string): Uint8Array {
  const n = text.length;
  const kind = new Uint8Array(n);
  // The next newline, slash, double quote, quote and hash at or after `i` (searched again once passed).
  let nl = -1;
  let slash = -1;
  let dq = -1;
  let sq = -1;
  let hash = -1;
  // Only blanks since the last newline, as of `blankFrom` (the characters from there on are checked when needed).
  let lineStart = true;
  let blankFrom = 0;
  let inDirective = false;
  let i = 0;
  while (i < n) {
    if (nl < i) nl = nextOf(text, '\n', i);
    if (slash < i) slash = nextOf(text, '/', i);
    let k = nl < slash ? nl : slash;
    if (!inDirective) {
      if (dq < i) dq = nextOf(text, '"', i);
      if (sq < i) sq = nextOf(text, "'", i);
      if (hash < i) hash = nextOf(text, '#', i);
      if (dq < k) k = dq;
      if (sq < k) k = sq;
      if (hash < k) k = hash;
    } else kind.fill(DIRECTIVE, i, k);
    if (k >= n) break;
    const c = text.charCodeAt(k);
    if (c === 10) {
      if (inDirective && endsDirective(text, k)) inDirective = false;
      if (inDirective) kind[k] = DIRECTIVE;
      lineStart = true;
      blankFrom = i = k + 1;
      continue;
    }
    if (c === 47 && text.charCodeAt(k + 1) === 42) {
      const end = text.indexOf('*/', k + 2);
      const stop = end < 0 ? n : end + 2;
      if (inDirective && text.lastIndexOf('\n', stop) > k) inDirective = false;
      kind.fill(COMMENT, k, stop);
      lineStart = startsLine(text, lineStart, blankFrom, k);
      blankFrom = i = stop;
      continue;
    }
    if (c === 47 && text.charCodeAt(k + 1) === 47) {
      const e = nextOf(text, '\n', k);
      kind.fill(COMMENT, k, e);
      lineStart = startsLine(text, lineStart, blankFrom, k);
      blankFrom = i = e;
      continue;
    }
    if (c === 35 && startsLine(text, lineStart, blankFrom, k)) inDirective = true;
    lineStart = false;
    blankFrom = k + 1;
    if (inDirective) {
      kind[k] = DIRECTIVE;
      i = k + 1;
      continue;
    }
    if (c === 34 || c === 39) {
      const stop = literalEnd(text, k);
      kind.fill(LITERAL, k, stop);
      i = stop;
      continue;
    }
    i = k + 1;
  }
  return kind;
}

/** Whether only blanks come before `at` on its line: `lineStart` held at `from`, and [from, at) is blanks. */
function startsLine(text: string, lineStart: boolean, from: number, at: number): boolean {
  if (!lineStart) return false;
  for (let p = at - 1; p >= from; p--) if (!isBlank(text.charCodeAt(p))) return false;
  return true;
}
