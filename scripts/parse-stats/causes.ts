/**
 * Cause of a syntax-error region, guessed from the region's first line and text: the kernel
 * construct tree-sitter-c could not follow there. Used by `npm run parse-stats` to table the
 * remaining regions by cause; the order of the tests is the order of precedence.
 */

/** One cause and how it is recognized (`line` is the region's first line, `text` the region). */
interface CauseTest {
  cause: string;
  test: (line: string, text: string) => boolean;
}

const CAUSES: CauseTest[] = [
  {
    cause: 'preprocessor conditional inside a construct',
    test: (_l, t) => /^\s*#\s*(if|ifdef|ifndef|else|elif|endif)\b/m.test(t),
  },
  { cause: 'iterator macro used as a loop header', test: (l) => /\b\w*(for_each|_foreach)\w*\s*\(/.test(l) },
  {
    cause: 'macro with a type argument',
    test: (l) => /\b\w+\s*\([^;]*\b(struct|union|enum|unsigned|signed|const)\s+\w+/.test(l) && !/\bsizeof\s*\(/.test(l),
  },
  { cause: 'typeof', test: (l) => /\b(__)?typeof(__)?\s*\(/.test(l) },
  { cause: 'declaration macro (DECLARE_/DEFINE_)', test: (l) => /\b\w*(DECLARE|DEFINE)_\w*\s*\(/.test(l) },
  { cause: 'attribute', test: (l) => /\b__attribute__\b|\b__aligned\b|\b__packed\b|____cacheline/.test(l) },
  { cause: 'inline assembly', test: (l) => /\b(asm|__asm__)\b/.test(l) },
  {
    cause: 'label before a closing brace',
    test: (l, t) => /^\s*\w+:\s*$/.test(l) && /^\s*\w+:\s*\}?\s*$/.test(t.split('\n')[0]),
  },
  { cause: 'other macro invocation', test: (l) => /\b[A-Z][A-Z0-9_]{2,}\b/.test(l) },
];

/** The cause of a region whose first line is `line` and whose text is `text`. */
export function regionCause(line: string, text: string): string {
  for (const c of CAUSES) if (c.test(line, text)) return c.cause;
  return 'other';
}
