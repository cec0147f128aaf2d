/**
 * Macro shaping: rewrite kernel macro uses, before parsing, into text of the same length that
 * tree-sitter-c reads as the construct they stand for. Only characters are replaced, never
 * inserted or removed, and newlines are never touched: every offset, line and column of the tree
 * is valid in the original text. The rewrite of each shape (docs/PARSING.md):
 *
 * - annotation `__init`, attribute `__aligned(8)`: blanked with spaces (in the masked text too,
 *   which is what rules compare);
 * - iterator `list_for_each_entry(p, h, m) body`: the name's first six characters become `for(;;`
 *   and the `(` a comma, giving `for(;;or_each_entry, p, h, m) body`, a for statement whose
 *   update holds the rest of the name and the arguments;
 * - type argument `container_of(p, struct T, m)`: the argument becomes one identifier of the same
 *   length, `struct_T` (non-identifier characters to `_`; a keyword gets a trailing `_`);
 * - declarer `DECLARE_BITMAP(map, 64);`: `(` becomes a space, the first comma `[`, each later
 *   `, ` becomes `][` and `)` becomes `]`, giving the declaration `DECLARE_BITMAP map[ 64];`;
 * - statement (a macro used as a statement without `;`): the use becomes a comment `/*...*\/`;
 * - type `typeof(*p)`: the whole use becomes one identifier, `typeof___p_`;
 * - GNU range `case 1 ... 5:`: `...` becomes `|  `; named variadic `#define f(args...)`: `...    `.
 */
import { CODE, codeMap } from './code-map';
import { buildHints, MacroHints, MIN_ITERATOR_NAME } from './hints';
import { KERNEL_MACROS } from './kernel-macros';

/** The two same-length texts made from a source: what rules compare, and what tree-sitter parses. */
export interface ShapedText {
  /** Annotations and attributes blanked. */
  masked: string;
  /** `masked` with every other macro shape rewritten. */
  shaped: string;
}

let kernelHints: MacroHints | undefined;

/** The shipped kernel hints, built once. */
export function defaultHints(): MacroHints {
  return (kernelHints ??= buildHints(KERNEL_MACROS));
}

const KEYWORDS = new Set(
  (
    'auto break case char const continue default do double else enum extern float for goto if inline int long ' +
    'register restrict return short signed sizeof static struct switch typedef union unsigned void volatile while bool _Bool ' +
    'size_t ssize_t ptrdiff_t intptr_t uintptr_t int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t ' +
    'char8_t char16_t char32_t char64_t charptr_t nullptr_t max_align_t offsetof alignof _Alignof _Generic asm __asm__ true false NULL'
  ).split(' '),
);

const isIdent = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
const isSpace = (c: number): boolean => c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
const IDENT = /[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * The name patterns of `hints` that a name matches, in their order, remembered per name: every
 * identifier of a file that is not a listed macro was tested against every pattern (most match
 * none), a fifth of a parse's JavaScript time. The patterns have no flags, so a test depends on
 * the name only. Bounded: the memory of a long scan does not grow with the names it meets.
 */
const matchedPatterns = new WeakMap<MacroHints, Map<string, MacroHints['patterns']>>();
const MAX_REMEMBERED_NAMES = 50000;
const NO_PATTERNS: MacroHints['patterns'] = [];

function patternsMatching(hints: MacroHints, name: string): MacroHints['patterns'] {
  let memo = matchedPatterns.get(hints);
  if (!memo) matchedPatterns.set(hints, (memo = new Map()));
  let found = memo.get(name);
  if (found === undefined) {
    found = hints.patterns.filter((p) => p.re.test(name));
    if (found.length === 0) found = NO_PATTERNS;
    if (memo.size >= MAX_REMEMBERED_NAMES) memo.clear();
    memo.set(name, found);
  }
  return found;
}

/** The parenthesised argument list opening at `open`: its closing index and top-level commas. */
interface Args {
  close: number;
  commas: number[];
}

/**
 * A text rewritten in place, one UTF-16 code unit per index. An array of one-character strings
 * (`text.split('')`, then `join('')`) made shaping several times slower than the rest of it put
 * together, and most of its garbage: a file is split and joined twice.
 */
class Chars {
  private readonly units: Uint16Array;

  constructor(text: string) {
    this.units = new Uint16Array(text.length);
    for (let i = 0; i < text.length; i++) this.units[i] = text.charCodeAt(i);
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

  /** The text of [a, b). */
  slice(a: number, b: number): string {
    return Chars.text(this.units.subarray(Math.max(0, a), Math.max(0, b)));
  }

  toString(): string {
    return Chars.text(this.units);
  }

  /** Code units to a string, in chunks (an argument list has a size limit); lone surrogates stay as they are. */
  private static text(u: Uint16Array): string {
    const parts: string[] = [];
    for (let i = 0; i < u.length; i += 8192)
      parts.push(String.fromCharCode.apply(null, u.subarray(i, i + 8192) as unknown as number[]));
    return parts.join('');
  }
}

class Shaper {
  private readonly kind: Uint8Array;
  private readonly masked: Chars;
  private readonly shaped: Chars;
  /** Characters already rewritten as part of one identifier (type arguments, typeof). */
  private readonly covered: Uint8Array;
  /** Brace depth at each character, computed on first use. */
  private depth?: Int32Array;

  constructor(
    private readonly text: string,
    private readonly hints: MacroHints,
  ) {
    this.kind = codeMap(text);
    this.masked = new Chars(text);
    this.shaped = new Chars(text);
    this.covered = new Uint8Array(text.length);
  }

  run(): ShapedText {
    this.ranges();
    this.variadicParameters();
    for (const m of this.text.matchAll(IDENT)) {
      const s = m.index as number;
      if (this.kind[s] !== CODE || this.covered[s]) continue;
      if (s > 0 && isIdent(this.text.charCodeAt(s - 1))) continue;
      this.one(m[0], s);
    }
    this.typeArgumentsByForm();
    this.enumeratorMacros();
    this.initializerMacros();
    return { masked: this.masked.toString(), shaped: this.shaped.toString() };
  }

  /**
   * GNU ranges `case 1 ... 5:` and `[0 ... 7] = x`: the `...` becomes `|` and two blanks, a binary
   * expression. A `...` before `)` (variadic parameters) stays.
   */
  private ranges(): void {
    for (let at = this.text.indexOf('...'); at >= 0; at = this.text.indexOf('...', at + 3)) {
      if (this.kind[at] !== CODE || this.kind[at + 2] !== CODE) continue;
      const next = this.nextCode(at + 3);
      if (next < this.text.length && this.text[next] === ')') continue;
      this.shaped.write(at, '|  ');
    }
  }

  /** `#define f(fmt, args...)`: the named variadic parameter `args...` becomes `...` and blanks. */
  private variadicParameters(): void {
    for (const m of this.text.matchAll(/^[ \t]*#[ \t]*define[ \t]+\w+\(([^()\n]*)\)/gm)) {
      const params = m[1];
      const base = (m.index as number) + m[0].length - 1 - params.length;
      for (const v of params.matchAll(/(\w+)\s*\.\.\./g)) {
        const a = base + (v.index as number);
        const len = v[0].length;
        for (let k = 0; k < len; k++) this.shaped.set(a + k, k < 3 ? '.' : ' ');
      }
    }
  }

  private one(name: string, s: number): void {
    const h = this.hints;
    let shape: string | undefined = h.shapes.get(name);
    const typeArgs = h.typeArgs.get(name);
    if (!shape && !typeArgs) {
      const afterStorage = (): boolean => {
        const p = this.prevCode(s);
        return p >= 0 && STORAGE.has(this.wordBefore(p));
      };
      shape = patternsMatching(h, name).find(
        (p) =>
          (p.shape !== 'static-declarer' || afterStorage()) && (p.shape !== 'top-statement' || this.topLevelItem(s)),
      )?.shape;
      if (!shape) return;
      if (shape === 'static-declarer') shape = 'declarer';
      if (shape === 'top-statement') shape = 'statement';
    }
    const listed = h.shapes.has(name);
    const end = s + name.length;
    if (shape === 'annotation') return this.blank(s, end);
    if (shape === 'string') {
      // A string macro with arguments (`__stringify(X)`) becomes one string when it is plain code on one line.
      const o = this.nextCode(end);
      const a = this.text[o] === '(' ? this.args(o) : undefined;
      if (!a) return this.stringLiteral(s, end);
      const t = this.text.slice(s, a.close + 1);
      if (!/["'\\\n]/.test(t)) this.stringLiteral(s, a.close + 1);
      return;
    }
    const open = this.nextCode(end);
    const args =
      open < this.text.length && this.text[open] === '(' ? this.args(open, shape === 'member-group') : undefined;
    if (shape === 'attribute') return this.blank(s, args ? args.close + 1 : end);
    if (shape === 'statement') return this.statement(s, args ? args.close + 1 : end);
    if (!args) return;
    if (shape === 'type') return this.identifier(s, args.close + 1);
    if (typeArgs) {
      this.typeArguments(open, args, typeArgs);
      // A keyword with its own grammar rule (`offsetof`) is renamed so that the use reads as a call.
      if (KEYWORDS.has(name)) this.shaped.set(end - 1, '_');
    }
    if (shape === 'member-group') this.memberGroup(s, end, open, args);
    else if (shape === 'iterator') this.iterator(name, s, open, args, listed);
    else if (shape === 'declarer') this.declarer(s, open, args);
  }

  /** Blank [a, b) in both texts, keeping newlines. */
  private blank(a: number, b: number): void {
    for (let i = a; i < b; i++)
      if (this.text[i] !== '\n' && this.text[i] !== '\r') (this.masked.set(i, ' '), this.shaped.set(i, ' '));
  }

  /** The first code character at or after `i` that is not white space (in the shaped text). */
  private nextCode(i: number): number {
    while (i < this.text.length && (this.kind[i] !== CODE || isSpace(this.shaped.code(i)))) i++;
    return i;
  }

  /** The last code character before `i` that is not white space, or -1. */
  private prevCode(i: number): number {
    i--;
    while (i >= 0 && (this.kind[i] !== CODE || isSpace(this.shaped.code(i)))) i--;
    return i;
  }

  /** The word ending at `i` (inclusive) in the shaped text. */
  private wordBefore(i: number): string {
    let a = i;
    while (a >= 0 && isIdent(this.shaped.code(a))) a--;
    return this.shaped.slice(a + 1, i + 1);
  }

  /**
   * The argument list opening at `open`, or undefined when it is unbalanced or not code, or holds
   * a `;` outside braces (unless `members`: a member group's arguments are declarations).
   */
  private args(open: number, members = false): Args | undefined {
    const commas: number[] = [];
    const stack: string[] = [];
    const limit = Math.min(this.text.length, open + 20000);
    for (let i = open; i < limit; i++) {
      if (this.kind[i] !== CODE) continue;
      const c = this.text[i];
      if (c === '(' || c === '[' || c === '{') stack.push(c === '(' ? ')' : c === '[' ? ']' : '}');
      else if (c === ')' || c === ']' || c === '}') {
        if (stack.pop() !== c) return undefined;
        if (stack.length === 0) return { close: i, commas };
      } else if (c === ',' && stack.length === 1) commas.push(i);
      else if (c === ';' && !members && !stack.includes('}')) return undefined;
    }
    return undefined;
  }

  /** True when the use at `s` starts a statement or declaration (what comes before it allows one). */
  private statementStart(s: number, after: ReadonlySet<string>, words: ReadonlySet<string>): boolean {
    const p = this.prevCode(s);
    if (p < 0) return true;
    const c = this.shaped.at(p);
    if (after.has(c)) return true;
    return isIdent(c.charCodeAt(0)) && words.has(this.wordBefore(p));
  }

  private iterator(name: string, s: number, open: number, args: Args, listed: boolean): void {
    if (name.length < MIN_ITERATOR_NAME) return;
    if (!this.statementStart(s, ITERATOR_AFTER, ITERATOR_WORDS)) return;
    const next = this.nextCode(args.close + 1);
    // A name that only looks like an iterator and is followed by `;` is a function call.
    if (next >= this.text.length || (!listed && this.text[next] === ';') || ',)]=.'.includes(this.text[next])) return;
    this.shaped.write(s, 'for(;;');
    if (/[0-9]/.test(name[6])) this.shaped.set(s + 6, '_');
    const empty = this.nextCode(open + 1) === args.close;
    this.shaped.set(open, empty ? ' ' : ',');
  }

  private declarer(s: number, open: number, args: Args): void {
    if (!this.statementStart(s, DECLARER_AFTER, DECLARER_WORDS)) return;
    const next = this.nextCode(args.close + 1);
    if (next >= this.text.length || (this.text[next] !== ';' && this.text[next] !== '=')) return;
    if (this.nextCode(open + 1) === args.close) return;
    // The first argument becomes the declared name: it must read as one (`DECLARE_PINS(0);` stays a call).
    const first = this.shaped.slice(open + 1, args.commas[0] ?? args.close);
    if (!/^\s*[A-Za-z_]\w*\s*$/.test(first)) return;
    // Each later comma becomes `]` and the first blank after it (maybe on the next line) `[`.
    const opens: number[] = [];
    for (const c of args.commas.slice(1)) {
      let k = c + 1;
      while (k < args.close && (this.text[k] === '\n' || this.text[k] === '\r')) k++;
      if (this.text[k] !== ' ' && this.text[k] !== '\t') return;
      opens.push(k);
    }
    this.shaped.set(open, ' ');
    if (args.commas.length) this.shaped.set(args.commas[0], '[');
    args.commas.slice(1).forEach((c, i) => {
      this.shaped.set(c, ']');
      this.shaped.set(opens[i], '[');
    });
    this.shaped.set(args.close, args.commas.length ? ']' : ' ');
  }

  private typeArguments(open: number, args: Args, positions: readonly number[]): void {
    const bounds = [open, ...args.commas, args.close];
    for (const p of positions) {
      if (p + 1 >= bounds.length) continue;
      let a = bounds[p] + 1;
      let b = bounds[p + 1];
      while (a < b && isSpace(this.text.charCodeAt(a))) a++;
      while (b > a && isSpace(this.text.charCodeAt(b - 1))) b--;
      if (a < b) this.identifier(a, b);
    }
  }

  /** Rewrite [a, b) into one identifier of the same length, when it is plain code on one line. */
  private identifier(a: number, b: number): void {
    if (!isIdent(this.text.charCodeAt(a))) return;
    // A leading digit only in a pasted token (`10000baseT_Full`), never in a number.
    if (/[0-9]/.test(this.text[a]) && !/^[0-9]+[A-Za-z_][A-Za-z0-9_]*$/.test(this.text.slice(a, b))) return;
    for (let i = a; i < b; i++) if (this.kind[i] !== CODE || this.text[i] === '\n' || this.text[i] === '\r') return;
    const chars = this.shaped
      .slice(a, b)
      .split('')
      .map((ch) => (isIdent(ch.charCodeAt(0)) ? ch : '_'));
    if (/[0-9]/.test(chars[0])) chars[0] = '_';
    if (KEYWORDS.has(chars.join(''))) chars[chars.length - 1] = '_';
    this.shaped.write(a, chars.join(''));
    this.covered.fill(1, a, b);
  }

  /**
   * A member group `struct_group(name, u32 a; u32 b;)` becomes the anonymous struct member
   * `struct      {name; u32 a; u32 b;}`: the name to `struct` and blanks, `(` to `{`, the commas
   * after the leading arguments to `;`, `)` to `}`.
   */
  private memberGroup(s: number, end: number, open: number, args: Args): void {
    if (end - s < 6 || !this.statementStart(s, DECLARER_AFTER, DECLARER_WORDS)) return;
    this.shaped.write(s, 'struct');
    for (let k = s + 6; k < end; k++) this.shaped.set(k, ' ');
    this.shaped.set(open, '{');
    // Only the commas before the first member: those between members' declarators stay.
    const firstMember = this.text.indexOf(';', open);
    for (const c of args.commas) if (c < firstMember) this.shaped.set(c, ';');
    this.shaped.set(args.close, '}');
  }

  /**
   * True when the use at `s` is a whole top-level item: outside any brace, after `;`, `}` or the
   * start of the file, and its `)` ends the line with no `;` after it (checked by `statement`).
   */
  private topLevelItem(s: number): boolean {
    if (!this.depth) {
      this.depth = new Int32Array(this.text.length + 1);
      let d = 0;
      for (let i = 0; i < this.text.length; i++) {
        this.depth[i] = d;
        if (this.kind[i] !== CODE) continue;
        if (this.text[i] === '{') d++;
        else if (this.text[i] === '}') d = Math.max(0, d - 1);
      }
    }
    if (this.depth[s] !== 0) return false;
    const p = this.prevCode(s);
    // After `;`, `}`, or a statement macro already read as a comment (`*/`).
    if (
      p >= 0 &&
      this.shaped.at(p) !== ';' &&
      this.shaped.at(p) !== '}' &&
      !(this.shaped.at(p) === '/' && this.shaped.at(p - 1) === '*')
    )
      return false;
    const open = this.nextCode(s + this.wordAt(s).length);
    const args = this.text[open] === '(' ? this.args(open) : undefined;
    if (!args) return false;
    const next = this.nextCode(args.close + 1);
    return (
      next >= this.text.length || (this.text.lastIndexOf('\n', next) > args.close && !';{,=)'.includes(this.text[next]))
    );
  }

  /** The identifier starting at `s`. */
  private wordAt(s: number): string {
    let e = s;
    while (e < this.text.length && isIdent(this.text.charCodeAt(e))) e++;
    return this.text.slice(s, e);
  }

  /** A string macro becomes a string literal of the same length: `KERN_ERR` to `"ERN_ER"`. */
  private stringLiteral(s: number, e: number): void {
    if (e - s < 2) return;
    this.shaped.set(s, '"');
    this.shaped.set(e - 1, '"');
    this.covered.fill(1, s, e);
  }

  /**
   * A call argument that can only be a type (`struct T`, `struct T *`, `enum E`, `unsigned long`)
   * or a pasted token (`10000baseT_Full`, not a number) is masked into one identifier whatever the
   * macro (`AMAP_SET_BITS(struct amap_eq_context, f, p, v)`, `phylink_set(m, 10000baseT_Full)`);
   * not in a declaration's parameter list (`void f(struct T *, int);`, the name follows a type).
   */
  private typeArgumentsByForm(): void {
    for (const m of this.text.matchAll(TYPE_FORM)) {
      const [sep, blanks, arg] = m[1] !== undefined ? [m[1], m[2], m[3]] : [m[4], m[5], m[6]];
      if (m[1] === undefined && NUMBER.test(arg)) continue;
      const a = (m.index as number) + sep.length + blanks.length;
      const b = a + arg.length;
      if (this.kind[a] !== CODE || this.covered[a]) continue;
      const open = sep === '(' ? (m.index as number) : this.enclosingOpen(m.index as number);
      if (open < 0) continue;
      const callee = this.prevCode(open);
      if (callee < 0 || !isIdent(this.shaped.code(callee))) continue;
      const word = this.wordBefore(callee);
      if (NOT_CALLS.has(word) || /^[0-9]/.test(word)) continue;
      const before = this.prevCode(callee - word.length + 1);
      if (
        before >= 0 &&
        (isIdent(this.shaped.code(before))
          ? !STATEMENT_WORDS.has(this.wordBefore(before))
          : this.shaped.at(before) === '*')
      )
        continue;
      this.identifier(a, b);
    }
  }

  /**
   * In an enum body, an enumerator written as a macro call (`F1(LCDD0),`, a macro expanding to
   * enumerators) becomes one identifier of the same length.
   */
  private enumeratorMacros(): void {
    for (const m of this.text.matchAll(/\benum\b[\w\s]*\{/g)) {
      const open = (m.index as number) + m[0].length - 1;
      if (this.kind[open] !== CODE || this.kind[m.index as number] !== CODE) continue;
      let depth = 0;
      let itemStart = open + 1;
      for (let i = open; i < this.text.length; i++) {
        if (this.kind[i] !== CODE) continue;
        const c = this.text[i];
        if (c === '{' || c === '(' || c === '[') depth++;
        else if (c === '}' || c === ')' || c === ']') depth--;
        if (depth === 0 || (depth === 1 && c === ',')) {
          this.enumerator(itemStart, i);
          itemStart = i + 1;
        }
        if (depth === 0) break;
      }
    }
  }

  /**
   * A macro call whose arguments hold designated initializers (`REGISTER_CLK(SOC_ALL, .name = "otp")`)
   * becomes a compound literal of the same length: `(REGISTER_C){SOC_ALL, .name = "otp"}` (the
   * name's last two characters give way to `)` and `{`, its `(` moves to the front, `)` becomes `}`).
   */
  private initializerMacros(): void {
    const done = new Set<number>();
    for (const m of this.text.matchAll(/([(,])\s*\.[A-Za-z_]\w*\s*=(?!=)/g)) {
      const at = m.index as number;
      if (this.kind[at] !== CODE) continue;
      const open = m[1] === '(' ? at : this.enclosingOpen(at);
      if (open < 0 || done.has(open)) continue;
      done.add(open);
      const end = this.prevCode(open) + 1;
      let s = end;
      while (s > 0 && isIdent(this.shaped.code(s - 1))) s--;
      if (end - s < 3 || end !== open || this.covered[s] || /[0-9]/.test(this.text[s])) continue;
      const args = this.args(open);
      if (!args) continue;
      this.shaped.set(s, '(');
      for (let k = s + 1; k < end - 1; k++) this.shaped.set(k, this.text[k - 1]);
      this.shaped.set(end - 1, ')');
      this.shaped.set(open, '{');
      this.shaped.set(args.close, '}');
    }
  }

  /** Mask the enumerator in [a, b) when it is a single-line macro call. */
  private enumerator(a: number, b: number): void {
    while (a < b && (this.kind[a] !== CODE || isSpace(this.text.charCodeAt(a)))) a++;
    while (b > a && (this.kind[b - 1] !== CODE || isSpace(this.text.charCodeAt(b - 1)))) b--;
    if (a < b && /^[A-Za-z_]\w*\s*\([^()\n]*(\([^()\n]*\)[^()\n]*)*\)$/.test(this.text.slice(a, b)))
      this.identifier(a, b);
  }

  /** The `(` that encloses position `i` (a comma), or -1. */
  private enclosingOpen(i: number): number {
    let depth = 0;
    for (let k = i - 1; k >= 0 && k > i - 4000; k--) {
      if (this.kind[k] !== CODE) continue;
      const c = this.text[k];
      if (c === ')' || c === ']' || c === '}') depth++;
      else if (c === '(' || c === '[' || c === '{') {
        if (depth === 0) return c === '(' ? k : -1;
        depth--;
      } else if (c === ';' && depth === 0) return -1;
    }
    return -1;
  }

  /** A statement macro with no `;` after it becomes a comment. */
  private statement(s: number, e: number): void {
    const next = this.nextCode(e);
    if (next < this.text.length && this.text[next] === ';') return;
    if (e - s < 4 || this.text.slice(s, e).includes('*/')) return;
    this.shaped.set(s, '/');
    this.shaped.set(s + 1, '*');
    this.shaped.set(e - 2, '*');
    this.shaped.set(e - 1, '/');
    this.covered.fill(1, s, e);
  }
}

/** An argument that can only be a type: `[(,] blanks TYPE blanks` before `,` or `)`. */
const TYPE_FORM =
  /([(,])(\s*)((?:const[ \t]+)?(?:struct|union|enum)[ \t]+[A-Za-z_]\w*(?:[ \t]*\*)*|unsigned(?:[ \t]+(?:long[ \t]+long|long|int|short|char))?|(?:signed[ \t]+)?(?:long[ \t]+long|short|char))(?=[ \t]*[,)])|([(,])(\s*)([0-9]+[A-Za-z_]\w*)(?=\s*[,)])/g;
/** A valid C number, which a pasted token (`10000baseT_Full`) is not. */
const NUMBER = /^(?:0[xX][0-9a-fA-F]+|0[bB][01]+|[0-9]+)[uUlL]*$|^[0-9]+[eE][0-9]+[fFlL]?$/;
/** Keywords and operators whose parentheses are not a macro's arguments. */
const NOT_CALLS = new Set([
  'sizeof',
  'alignof',
  '_Alignof',
  '__alignof__',
  'typeof',
  '__typeof__',
  '__typeof',
  'offsetof',
  'if',
  'while',
  'for',
  'switch',
  'return',
  '__attribute__',
  'asm',
  '__asm__',
  'defined',
]);
/** Words after which a name starts an expression or statement, not a declaration. */
const STATEMENT_WORDS = new Set(['return', 'case', 'else', 'do', 'goto']);

const ITERATOR_AFTER = new Set([';', '{', '}', ')', ':']);
const ITERATOR_WORDS = new Set(['else', 'do']);
const DECLARER_AFTER = new Set([';', '{', '}']);
const DECLARER_WORDS = new Set(['static', 'extern', 'const', 'volatile']);
const STORAGE = new Set(['static', 'extern']);

/**
 * Mask and shape `text` with `hints` (the shipped kernel hints by default). Both results have the
 * length and the newlines of `text`.
 */
export function shapeMacros(text: string, hints: MacroHints = defaultHints()): ShapedText {
  return new Shaper(text, hints).run();
}
