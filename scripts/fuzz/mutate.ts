/**
 * Input mutations for the fuzz harness, as plain data plus fast-check arbitraries that generate
 * them. A mutation works on a byte string (a JS string of char codes 0..255, i.e. latin1), so that
 * random bytes, a UTF-8 BOM and invalid UTF-8 are exact; positions are natural numbers taken modulo
 * the current length, so that fast-check can shrink a failing case to the smallest position.
 */
import fc from 'fast-check';

/** One change to a byte string. */
export type Mutation =
  | { op: 'delete-token'; at: number }
  | { op: 'duplicate-token'; at: number }
  | { op: 'truncate'; at: number }
  | { op: 'insert'; at: number; text: string }
  | { op: 'insert-line'; at: number; text: string }
  | { op: 'delete-line'; at: number; which: 'preproc' | 'brace' | 'any' }
  | { op: 'long-line'; at: number; unit: string; length: number }
  | { op: 'nest'; at: number; open: string; close: string; depth: number; closed: boolean }
  | { op: 'crlf' }
  | { op: 'cr-only' }
  | { op: 'bom' }
  | { op: 'tabs-to-spaces' }
  | { op: 'spaces-to-tabs' };

const TOKEN = /[A-Za-z_]\w*|\d\w*|"(?:[^"\\\n]|\\.)*"|\/\*|\*\/|\/\/|->|\+\+|--|&&|\|\||[<>=!]=|\S/g;

/** Byte ranges of C-ish tokens, for token deletion and duplication. */
function tokens(s: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (const m of s.matchAll(TOKEN)) out.push([m.index, m.index + m[0].length]);
  return out;
}

/** Start offsets of the lines of `s` for which `keep` holds. */
function lineStarts(s: string, keep: (line: string) => boolean = () => true): number[] {
  const out: number[] = [];
  for (let i = 0; i <= s.length;) {
    const nl = s.indexOf('\n', i);
    const end = nl < 0 ? s.length : nl + 1;
    if (keep(s.slice(i, end))) out.push(i);
    if (nl < 0) break;
    i = end;
  }
  return out;
}

const lineEnd = (s: string, i: number): number => (s.indexOf('\n', i) < 0 ? s.length : s.indexOf('\n', i) + 1);

/** Apply one mutation to the byte string `s`. */
export function applyMutation(s: string, m: Mutation): string {
  switch (m.op) {
    case 'delete-token':
    case 'duplicate-token': {
      const t = tokens(s);
      if (t.length === 0) return s;
      const [a, b] = t[m.at % t.length];
      return m.op === 'delete-token' ? s.slice(0, a) + s.slice(b) : s.slice(0, b) + ' ' + s.slice(a, b) + s.slice(b);
    }
    case 'truncate':
      return s.slice(0, m.at % (s.length + 1));
    case 'insert': {
      const i = m.at % (s.length + 1);
      return s.slice(0, i) + m.text + s.slice(i);
    }
    case 'insert-line': {
      const starts = lineStarts(s);
      const i = starts[m.at % starts.length];
      return s.slice(0, i) + m.text + s.slice(i);
    }
    case 'delete-line': {
      const re =
        m.which === 'preproc' ? /^\s*#\s*(if|ifdef|ifndef|elif|else|endif)\b/ : m.which === 'brace' ? /[{}]/ : /./;
      const starts = lineStarts(s, (l) => re.test(l));
      if (starts.length === 0) return s;
      const i = starts[m.at % starts.length];
      return s.slice(0, i) + s.slice(lineEnd(s, i));
    }
    case 'long-line': {
      const starts = lineStarts(s);
      const i = starts[m.at % starts.length];
      return `${s.slice(0, i)}${m.unit.repeat(Math.ceil(m.length / m.unit.length)).slice(0, m.length)}\n${s.slice(i)}`;
    }
    case 'nest': {
      const i = m.at % (s.length + 1);
      const text = m.open.repeat(m.depth) + 'x' + (m.closed ? m.close.repeat(m.depth) : '');
      return s.slice(0, i) + text + s.slice(i);
    }
    case 'crlf':
      return s.replace(/\r?\n/g, '\r\n');
    case 'cr-only':
      return s.replace(/\r?\n/g, '\r');
    case 'bom':
      return '\xEF\xBB\xBF' + s;
    case 'tabs-to-spaces':
      return s.replace(/^\t+/gm, (t) => ' '.repeat(8 * t.length));
    case 'spaces-to-tabs':
      return s.replace(/^(?: {8})+/gm, (t) => '\t'.repeat(t.length / 8));
  }
}

/** Apply mutations in order. */
export function applyMutations(s: string, ms: readonly Mutation[]): string {
  return ms.reduce(applyMutation, s);
}

/** Encode a JS string as UTF-8 and return it as a byte string. */
export const utf8Bytes = (s: string): string => Buffer.from(s, 'utf8').toString('latin1');

const SNIPPETS = [
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ';',
  ',',
  '"',
  "'",
  '/*',
  '*/',
  '//',
  '\\\n',
  '\n',
  '\t',
  '#',
  '##',
  '$X',
  '$$$A',
  '__init ',
  '__iomem ',
  'container_of(p, struct x, m)',
  '} else',
  'static ',
  'struct ',
  'if (',
  'return ',
  '->',
  '...',
];
const LINES = [
  '#if 0\n',
  '#endif\n',
  '#else\n',
  '#ifdef CONFIG_X\n',
  '#elif 1\n',
  '#if\n',
  '#define X(\n',
  '#include <linux/x.h>\n',
  '#include\n',
  '}\n',
  '{\n',
  '/*\n',
  '*/\n',
];

/** Limits of the generated mutations (the long run raises them). */
export interface MutationLimits {
  /** Longest inserted line, in bytes. */
  maxLongLine: number;
  /** Deepest nesting of brackets or #if blocks. */
  maxDepth: number;
  /** Most mutations applied to one input. */
  maxOps: number;
}

/** Defaults for the bounded run in `npm test`. */
export const BOUNDED: MutationLimits = { maxLongLine: 20_000, maxDepth: 1_500, maxOps: 3 };

/** Arbitrary for one mutation. */
export function mutationArb(lim: MutationLimits = BOUNDED): fc.Arbitrary<Mutation> {
  const at = fc.nat();
  return fc.oneof(
    { weight: 4, arbitrary: fc.record({ op: fc.constant('delete-token' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('duplicate-token' as const), at }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('truncate' as const), at }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), at, text: fc.constantFrom(...SNIPPETS) }) },
    {
      weight: 3,
      arbitrary: fc.record({ op: fc.constant('insert-line' as const), at, text: fc.constantFrom(...LINES) }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('delete-line' as const),
        at,
        which: fc.constantFrom('preproc' as const, 'brace' as const, 'any' as const),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        at,
        text: fc.uint8Array({ minLength: 1, maxLength: 24 }).map((b) => Buffer.from(b).toString('latin1')),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('insert' as const),
        at,
        text: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 8 }).map(utf8Bytes),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('long-line' as const),
        at,
        unit: fc.constantFrom('a', 'x + ', '/* c */', ' ', '\t', '"s" ', 'f(1), ', '\\'),
        length: fc.integer({ min: 1, max: lim.maxLongLine }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .record({
          op: fc.constant('nest' as const),
          at,
          pair: fc.constantFrom(['(', ')'], ['{', '}'], ['[', ']'], ['#if 1\n', '#endif\n'], ['-', '']),
          depth: fc.integer({ min: 1, max: lim.maxDepth }),
          closed: fc.boolean(),
        })
        .map(({ pair, ...n }) => ({ ...n, open: pair[0], close: pair[1] })),
    },
    {
      weight: 1,
      arbitrary: fc.constantFrom<Mutation>(
        { op: 'crlf' },
        { op: 'cr-only' },
        { op: 'bom' },
        { op: 'tabs-to-spaces' },
        { op: 'spaces-to-tabs' },
      ),
    },
  );
}

/** Arbitrary for a short list of mutations (at least one). */
export function mutationsArb(lim: MutationLimits = BOUNDED): fc.Arbitrary<Mutation[]> {
  return fc.array(mutationArb(lim), { minLength: 1, maxLength: lim.maxOps });
}
