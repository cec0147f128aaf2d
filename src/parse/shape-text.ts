/**
 * Character-level helpers of macro shaping (./shape.ts) and of the masking pass (./quick-mask.ts):
 * identifier and blank characters, the argument list of a macro use, and a text rewritten in
 * place as UTF-16 code units.
 */
import { CODE } from './code-map';

/** True for a character of a C identifier (no `$`, as the shaper's identifiers). */
export const isIdent = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** True for a blank character, newlines included. */
export const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;

/** A character beyond Latin-1. */
const WIDE = /[^\x00-\xff]/;

/** The parenthesised argument list opening at `open`: its closing index and top-level commas. */
export interface Args {
  close: number;
  commas: number[];
}

/**
 * The argument list opening at `open` in `text` (`kind` is its code map), or undefined when it is
 * unbalanced or not code, or holds a `;` outside braces (unless `members`: a member group's
 * arguments are declarations). Looks at most 20,000 characters ahead.
 */
export function argList(text: string, kind: Uint8Array, open: number, members = false): Args | undefined {
  const commas: number[] = [];
  const stack: string[] = [];
  const limit = Math.min(text.length, open + 20000);
  for (let i = open; i < limit; i++) {
    if (kind[i] !== CODE) continue;
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') stack.push(c === '(' ? ')' : c === '[' ? ']' : '}');
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return undefined;
      if (stack.length === 0) return { close: i, commas };
    } else if (c === ',' && stack.length === 1) commas.push(i);
    else if (c === ';' && !members && !stack.includes('}')) return undefined;
  }
  return undefined;
}

/**
 * A text rewritten in place, one UTF-16 code unit per index. Copied in and out natively (a
 * UTF-16 buffer): an array of one-character strings (`split('')`, `join('')`), and later a
 * JavaScript loop per character, were most of shaping's time and garbage.
 */
export class Chars {
  private readonly units: Uint16Array;
  /** Whether some code unit is above 255 (shaping writes only ASCII: this never changes). */
  private readonly wide: boolean;

  /** The code units of `text`, or a copy of another `Chars`'s (no second encoding of the same text). */
  constructor(text: string | Chars) {
    if (text instanceof Chars) {
      this.wide = text.wide;
      this.units = text.units.slice();
      return;
    }
    this.wide = WIDE.test(text);
    const bytes = Buffer.from(text, 'utf16le');
    // A small buffer comes from Node's pool at an 8-byte-aligned offset, where a code-unit view fits.
    if (bytes.byteOffset % 2 === 0) this.units = new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
    else {
      this.units = new Uint16Array(text.length);
      for (let i = 0; i < text.length; i++) this.units[i] = text.charCodeAt(i);
    }
  }

  /** The code unit at `i` (undefined outside the text, as a string index would be). */
  code(i: number): number {
    return this.units[i];
  }

  /** The character at `i` ('' outside the text, which equals no character). */
  at(i: number): string {
    return i >= 0 && i < this.units.length ? String.fromCharCode(this.units[i]) : '';
  }

  /** Replace the character at `i` with `ch` (one code unit). */
  set(i: number, ch: string): void {
    this.units[i] = ch.charCodeAt(0);
  }

  /** Replace the characters from `i` on with those of `s`. */
  write(i: number, s: string): void {
    for (let k = 0; k < s.length; k++) this.units[i + k] = s.charCodeAt(k);
  }

  /** The text of [a, b) (lone surrogates stay as they are). */
  slice(a: number, b: number): string {
    const u = this.units.subarray(Math.max(0, a), Math.max(0, b));
    // A word (the common case) is quicker made directly than through a buffer.
    if (u.length <= 64) return String.fromCharCode.apply(null, u as unknown as number[]);
    // Latin-1 text is decoded as such: V8 keeps it in one byte per character (a UTF-16 decoding
    // would take two for the whole file, up to the end of its parse).
    if (!this.wide) return Buffer.from(new Uint8Array(u).buffer).toString('latin1');
    return Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('utf16le');
  }

  toString(): string {
    return this.slice(0, this.units.length);
  }
}
