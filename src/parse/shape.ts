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
import { argList, Args, Chars, isIdent, isSpace } from './shape-text';
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

/**
 * What shaping needs to know of a name, remembered per name: the name patterns of the hints it
 * matches (in their order), and whether shaping may act on it at all (a listed name, or one some
 * pattern matches). Every identifier of a file that is not a listed macro was tested against every
 * pattern (most match none), a fifth of a parse's JavaScript time; and most identifiers are such
 * names, each then asked of three tables: one lookup now. The patterns have no flags, so a test
 * depends on the name only. Bounded: the memory of a long scan does not grow with the names it
 * meets. A name is kept as a copy (`detached`): the name sliced from a file is a view of the whole
 * text in V8, and remembering it kept that file's text alive (a scan's workers held 10-20 MB of
 * old files).
 */
interface NameFacts {
  patterns: MacroHints['patterns'];
  shaped: boolean;
}

const nameFacts = new WeakMap<MacroHints, Map<string, NameFacts>>();
const MAX_REMEMBERED_NAMES = 50000;
const NO_PATTERNS: MacroHints['patterns'] = [];

/**
 * `s` as a string of its own. V8 makes a slice of 13 characters or more a view into the string it
 * was cut from, which stays alive as long as the slice does; a concatenation, read by `slice`,
 * is first copied into a new flat string, the only one the result refers to.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}

/** The name memo of `hints`. */
function namesOf(hints: MacroHints): Map<string, NameFacts> {
  let memo = nameFacts.get(hints);
  if (!memo) nameFacts.set(hints, (memo = new Map()));
  return memo;
}

/** What shaping needs to know of `name` (`memo`: the name memo of `hints`), learnt once. */
function factsOf(hints: MacroHints, memo: Map<string, NameFacts>, name: string): NameFacts {
  let found = memo.get(name);
  if (found === undefined) {
    let patterns = hints.patterns.filter((p) => p.re.test(name));
    if (patterns.length === 0) patterns = NO_PATTERNS;
    const shaped = hints.shapes.has(name) || hints.typeArgs.has(name) || patterns !== NO_PATTERNS;
    found = { patterns, shaped };
    if (memo.size >= MAX_REMEMBERED_NAMES) memo.clear();
    memo.set(detached(name), found);
  }
  return found;
}

/** The name patterns of `hints` that `name` matches, in their order. */
export function patternsMatching(hints: MacroHints, name: string): MacroHints['patterns'] {
  return factsOf(hints, namesOf(hints), name).patterns;
}

/** A part of a text: [start, end). */
export interface TextSpan {
  start: number;
  end: number;
}

class Shaper {
  /** The masked text being built (whole-file shaping only: shaping spans is given it). */
  private readonly masked?: Chars;
  private readonly shaped: Chars;
  /** Characters already rewritten as part of one identifier (type arguments, typeof). */
  private readonly covered: Uint8Array;
  /** The brace depth before `depthAt`, counted as far as `topLevelItem` has asked (in increasing order). */
  private depth = 0;
  private depthAt = 0;
  /** The next `{` and `}` at or after `depthAt` (the text's length when there is none; -1: not looked for). */
  private nextOpen = -1;
  private nextClose = -1;

  /**
   * Shape `text` (`kind` is its code map) with `hints`: the whole of it, or with `spans` (sorted,
   * apart), only the macro uses inside them, reading the text around them as whole-file shaping
   * does (the code map and brace depth of the whole file).
   */
  constructor(
    private readonly text: string,
    private readonly hints: MacroHints,
    private readonly kind: Uint8Array,
    private readonly spans?: readonly TextSpan[],
  ) {
    if (!spans) this.masked = new Chars(text);
    this.shaped = new Chars(this.masked ?? text);
    this.covered = new Uint8Array(text.length);
  }

  /**
   * The matches of `re` (global) that whole-file shaping acts on in the spans: all of them, or,
   * per span, those from `from(span)` (a point no match of `re` straddles) to its end.
   */
  private *matches(re: RegExp, from: (span: TextSpan) => number = (s) => s.start): Generator<RegExpExecArray> {
    if (!this.spans) {
      yield* this.text.matchAll(re);
      return;
    }
    const r = new RegExp(re.source, re.flags);
    // The first match at or after the point searched from; kept when it lies past a span (a search
    // goes on to the next match wherever it is: searching again per span would read the rest of
    // the file once per span).
    let m: RegExpExecArray | null = null;
    for (const span of this.spans) {
      const start = from(span);
      if (!m || m.index < start) {
        r.lastIndex = start;
        m = r.exec(this.text);
      }
      for (; m && m.index < span.end; m = r.exec(this.text)) yield m;
      if (!m) return;
    }
  }

  /** Past the last `;` or `}` before the span: the patterns searched from there never hold one. */
  private readonly afterItem = (span: TextSpan): number =>
    Math.max(this.text.lastIndexOf(';', span.start - 1), this.text.lastIndexOf('}', span.start - 1)) + 1;

  /** The masked and shaped texts of the whole file. */
  run(): ShapedText {
    this.passes();
    return { masked: (this.masked as Chars).toString(), shaped: this.shaped.toString() };
  }

  /** The shaped text of the spans, `masked` around them. */
  runSpans(masked: string): string {
    this.passes();
    const parts: string[] = [];
    let last = 0;
    for (const span of this.spans ?? []) {
      parts.push(masked.slice(last, span.start), this.shaped.slice(span.start, span.end));
      last = span.end;
    }
    parts.push(masked.slice(last));
    return parts.join('');
  }

  /** Every rewrite, one kind after the other (the order matters: later kinds skip what earlier ones covered). */
  private passes(): void {
    this.ranges();
    this.variadicParameters();
    this.identifiers();
    this.typeArgumentsByForm();
    this.enumeratorMacros();
    this.initializerMacros();
  }

  /**
   * GNU ranges `case 1 ... 5:` and `[0 ... 7] = x`: the `...` becomes `|` and two blanks, a binary
   * expression. A `...` before `)` (variadic parameters) stays.
   */
  private ranges(): void {
    for (const { start, end } of this.spans ?? [{ start: 0, end: this.text.length }])
      for (let at = this.text.indexOf('...', start); at >= 0 && at < end; at = this.text.indexOf('...', at + 3)) {
        if (this.kind[at] !== CODE || this.kind[at + 2] !== CODE) continue;
        const next = this.nextCode(at + 3);
        if (next < this.text.length && this.text[next] === ')') continue;
        this.shaped.write(at, '|  ');
      }
  }

  /** `#define f(fmt, args...)`: the named variadic parameter `args...` becomes `...` and blanks. */
  private variadicParameters(): void {
    for (const m of this.matches(VARIADIC_DEFINE)) {
      const params = m[1];
      const base = m.index + m[0].length - 1 - params.length;
      for (const v of params.matchAll(/(\w+)\s*\.\.\./g)) {
        const a = base + (v.index as number);
        const len = v[0].length;
        for (let k = 0; k < len; k++) this.shaped.set(a + k, k < 3 ? '.' : ' ');
      }
    }
  }

  /**
   * Each identifier that starts in code and is not covered yet, to `one`. A plain loop over the
   * characters (as the regular expression `[A-Za-z_][A-Za-z0-9_]*` would find them from each
   * span's start, its search going on to the next one wherever it is) that passes over the names
   * no hint names and no pattern matches with one lookup: a port shapes some 8,000 identifiers per
   * text, most of them such names, and shaping runs cold in a one-off process, in V8's interpreter.
   * The generator and a call of `one` per name cost a cold SMMUv1 port 4% of its instructions; a
   * callback per match, 3% of shaping's; a match object per identifier (an `exec` loop), a fifth of
   * shaping's time and most of its garbage. A name is cut from the text only when it starts in code.
   */
  private identifiers(): void {
    const h = this.hints;
    const memo = namesOf(h);
    const text = this.text;
    // The start of the next identifier found (-1: none left), and whether the search has begun.
    let s = -1;
    let begun = false;
    for (const span of this.spans ?? [{ start: 0, end: text.length }]) {
      if (!begun || s < span.start) [s, begun] = [identifierStart(text, span.start), true];
      while (s >= 0 && s < span.end) {
        const e = identifierEnd(text, s);
        if (this.kind[s] === CODE && !this.covered[s] && !(s > 0 && isIdent(text.charCodeAt(s - 1)))) {
          const name = text.slice(s, e);
          if ((memo.get(name) ?? factsOf(h, memo, name)).shaped) this.one(name, s);
        }
        s = identifierStart(text, e);
      }
      if (s < 0) return;
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
      if (this.text[i] !== '\n' && this.text[i] !== '\r') (this.masked?.set(i, ' '), this.shaped.set(i, ' '));
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

  /** The argument list opening at `open` (see `argList`). */
  private args(open: number, members = false): Args | undefined {
    return argList(this.text, this.kind, open, members);
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
    if (this.braceDepth(s) !== 0) return false;
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

  /**
   * The brace depth at `s` (code braces before it, never below 0), counted on from where the
   * last call stopped, brace to brace: the calls come in increasing order, so a file is read once
   * (and no array of depths, 4 bytes per character, is made).
   */
  private braceDepth(s: number): number {
    if (s < this.depthAt) [this.depth, this.depthAt, this.nextOpen, this.nextClose] = [0, 0, -1, -1];
    const t = this.text;
    const next = (ch: string, from: number): number => {
      const i = t.indexOf(ch, from);
      return i < 0 ? t.length : i;
    };
    if (this.nextOpen < this.depthAt) this.nextOpen = next('{', this.depthAt);
    if (this.nextClose < this.depthAt) this.nextClose = next('}', this.depthAt);
    let d = this.depth;
    while (Math.min(this.nextOpen, this.nextClose) < s) {
      if (this.nextOpen < this.nextClose) {
        if (this.kind[this.nextOpen] === CODE) d++;
        this.nextOpen = next('{', this.nextOpen + 1);
      } else {
        if (d > 0 && this.kind[this.nextClose] === CODE) d--;
        this.nextClose = next('}', this.nextClose + 1);
      }
    }
    [this.depth, this.depthAt] = [d, s];
    return d;
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
    for (const m of this.matches(TYPE_FORM, this.afterItem)) {
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
    for (const m of this.matches(ENUM_OPEN, this.afterItem)) {
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
    for (const m of this.matches(DESIGNATED_ARGUMENT, this.afterItem)) {
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

/** The first start of an identifier (`[A-Za-z_]`) at or after `i` in `text`, or -1. */
function identifierStart(text: string, i: number): number {
  for (const n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return i;
  }
  return -1;
}

/** The end of the identifier that starts at `s` in `text`. */
function identifierEnd(text: string, s: number): number {
  let e = s + 1;
  while (e < text.length && isIdent(text.charCodeAt(e))) e++;
  return e;
}

/** A `#define` with parameters (on one line), for named variadic parameters. */
const VARIADIC_DEFINE = /^[ \t]*#[ \t]*define[ \t]+\w+\(([^()\n]*)\)/gm;
/** An enum body's opening. */
const ENUM_OPEN = /\benum\b[\w\s]*\{/g;
/** A designated initializer as the first or a later argument of a call. */
const DESIGNATED_ARGUMENT = /([(,])\s*\.[A-Za-z_]\w*\s*=(?!=)/g;

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
export function shapeMacros(
  text: string,
  hints: MacroHints = defaultHints(),
  kind: Uint8Array = codeMap(text),
): ShapedText {
  return new Shaper(text, hints, kind).run();
}

/**
 * The shaped text of `text` inside `spans` (sorted, apart, each a run of whole top-level items:
 * segments of src/scan/segments.ts), and `masked` (its masked text) around them. Inside the spans
 * it is what `shapeMacros` gives, for a fraction of the work when the spans are a small part of
 * the file (a scan parses only the items that can hold a match). `kind` is the code map of `text`.
 */
export function shapeSpans(
  text: string,
  masked: string,
  spans: readonly TextSpan[],
  hints: MacroHints = defaultHints(),
  kind: Uint8Array = codeMap(text),
): string {
  return new Shaper(text, hints, kind, spans).runSpans(masked);
}
