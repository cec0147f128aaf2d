/**
 * Top-level segments of a C file, found by a light lexer, so that a scan parses only the parts of a
 * file that can hold a match. A segment is a run of complete top-level items: it starts at a line
 * at bracket depth 0 right after an item ended (a `;` at depth 0, the `}` of a function body, or a
 * directive line), and the line starts a new item (an identifier, a `#`, a comment). Parsing a
 * sequence of complete items alone gives the same subtrees as parsing them in the whole file.
 *
 * Conditional directives (`#if`, `#else`, `#endif`, ...) between items are segments of their own that
 * are never parsed: items of both branches parse as items. Whenever the file does not fit this
 * model, the lexer gives up (undefined) and the scan parses the whole file: brackets that do not
 * balance (a conditional with an opening brace in each branch), a conditional directive inside an
 * item at depth 0 (two alternative function headers), an unterminated comment or string.
 * Merging too much is always safe; only a split inside an item would not be, and every boundary
 * rule above errs on the side of merging.
 */

/** A segment: [start, end) in the text. */
export interface Segment {
  start: number;
  end: number;
  /** A conditional directive line (never parsed). */
  cond: boolean;
  /** Holds a function body (a `{` at depth 0 right after a `)`); other segments are declarations, types, macros. */
  fn: boolean;
}

const NL = 10;
const SLASH = 47;
const STAR = 42;
const BACKSLASH = 92;
const HASH = 35;

const CONDITIONAL = new Set(['if', 'ifdef', 'ifndef', 'elif', 'elifdef', 'elifndef', 'else', 'endif']);

/** True for a character that can start a top-level item line: identifier start, `#` or `/` (a comment). */
function startsItem(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === HASH || c === SLASH;
}

/** The segments of `text` in order (covering it), or undefined when the file does not fit the model. */
export function itemSegments(text: string): Segment[] | undefined {
  const n = text.length;
  const out: Segment[] = [];
  let segStart = 0;
  let depth = 0;
  // Whether the last significant token at depth 0 ended an item.
  let ended = true;
  // Per `{` opened at depth 0: whether it opened a function body (its previous token was `)`).
  let bodyOpen = false;
  let prevSig = 0;
  let fn = false;
  const cut = (at: number, cond = false): void => {
    if (at > segStart) out.push({ start: segStart, end: at, cond, fn });
    segStart = at;
    fn = false;
  };
  let i = 0;
  let lineStart = true;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineStart = false;
      // Skip the indentation to find the line's first character.
      let j = i;
      while (j < n && (text.charCodeAt(j) === 32 || text.charCodeAt(j) === 9)) j++;
      const first = j < n ? text.charCodeAt(j) : NL;
      if (first === HASH) {
        const end = directiveEnd(text, j);
        if (end < 0) return undefined;
        const name = /^#\s*(\w*)/.exec(text.slice(j, Math.min(n, j + 40)))?.[1] ?? '';
        if (depth === 0) {
          const cond = CONDITIONAL.has(name);
          if (ended) {
            cut(i);
            cut(end, cond);
          } else if (cond) return undefined;
        }
        i = end;
        lineStart = true;
        continue;
      }
      if (depth === 0 && ended && j === i && startsItem(first) && i > segStart) cut(i);
    }
    if (c === NL) {
      lineStart = true;
      i++;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return undefined;
      // A comment does not change what ended; the lines it spans start inside it.
      i = e + 2;
      continue;
    }
    if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e;
      continue;
    }
    if (c === 34 || c === 39) {
      const e = literalEnd(text, i, c);
      if (e < 0) return undefined;
      i = e;
      prevSig = c;
      if (depth === 0) ended = false;
      continue;
    }
    if (c === 32 || c === 9 || c === 13 || c === 12 || c === 11) {
      i++;
      continue;
    }
    if (c === 123 /* { */) {
      if (depth === 0) {
        bodyOpen = prevSig === 41; /* ) */
        fn ||= bodyOpen;
      }
      depth++;
    } else if (c === 40 /* ( */ || c === 91 /* [ */) depth++;
    else if (c === 41 || c === 93 || c === 125 /* } */) {
      depth--;
      if (depth < 0) return undefined;
    }
    if (depth === 0) ended = c === 59 /* ; */ || (c === 125 && bodyOpen);
    prevSig = c;
    i++;
  }
  if (depth !== 0) return undefined;
  cut(n);
  return out;
}

/** End of a directive starting at `at` (after its last line's newline), or -1 on an unterminated comment. */
function directiveEnd(text: string, at: number): number {
  const n = text.length;
  let i = at;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === NL) return i + 1;
    if (c === BACKSLASH && text.charCodeAt(i + 1) === NL) i += 2;
    else if (c === BACKSLASH && text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === NL) i += 3;
    else if (c === SLASH && text.charCodeAt(i + 1) === STAR) {
      const e = text.indexOf('*/', i + 2);
      if (e < 0) return -1;
      i = e + 2;
    } else if (c === SLASH && text.charCodeAt(i + 1) === SLASH) {
      const e = text.indexOf('\n', i);
      return e < 0 ? n : e + 1;
    } else i++;
  }
  return n;
}

/** End of a string or character literal opened at `at` by `quote` (after its closing quote), or -1. */
function literalEnd(text: string, at: number, quote: number): number {
  const n = text.length;
  for (let i = at + 1; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === quote) return i + 1;
    else if (c === NL) return -1;
  }
  return -1;
}
