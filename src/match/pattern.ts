/**
 * Structural patterns: a C fragment with metavariables (`$X` one node, `$$$X` a sequence, `$_` and
 * `$$$` anonymous), compiled once into a plain tree and matched against the flat syntax tree
 * modulo whitespace and comments. Patterns go through the same macro hints as the input
 * (`list_for_each_entry($E, $H, $M) $BODY` is a loop, `container_of($A, struct T, $C)` a call), and
 * their leaves keep the masked text, which is what input leaves compare as.
 */
import { defaultHints, parseC, shapeMacros } from '../parse';
import type { MacroHints } from '../parse';
import { flatten, FNode } from './flat';

/** A node of a compiled pattern. */
export interface PNode {
  type: string;
  /** Leaf text (identifiers, literals, tokens). */
  text?: string;
  children: PNode[];
  /** Single-node metavariable name (`_` for anonymous). */
  mv?: string;
  /** Sequence metavariable name (`_` for anonymous). */
  seq?: string;
}

/** A compiled pattern. */
export interface CompiledPattern {
  /** The pattern as the user wrote it. */
  source: string;
  /** Names of the metavariables it binds (`X` for `$X` and `$$$X`), without wildcards. */
  metavars: string[];
  /** The top-level nodes: one for an expression or single statement, several for a statement run. */
  nodes: PNode[];
  /** Identifiers that any match must contain, for cheap prefiltering. */
  literals: string[];
  /** The texts of its string, number and character literals: any match holds them as written. */
  texts: string[];
}

/** Leaf types whose text a match holds verbatim. */
const TEXT_LEAVES = new Set(['string_content', 'number_literal', 'char_literal', 'system_lib_string']);

/** Result of compiling a pattern: the pattern, or where (offset into `source`) it fails to parse. */
export type PatternResult = { ok: true; pattern: CompiledPattern } | { ok: false; offset: number; message: string };

const MV_PREFIX = '__xpM_';
const SEQ_PREFIX = '__xpS_';
const METAVAR = /\$\$\$([A-Z_][A-Z0-9_]*)?|\$([A-Z_][A-Z0-9_]*)/g;

/** Node types that compare as equal (fields and declarations look alike in patterns). */
const TYPE_ALIASES: Record<string, string> = {
  field_identifier: 'identifier',
  type_identifier: 'identifier',
  statement_identifier: 'identifier',
  field_declaration: 'declaration',
};

/** The type under which a node compares. */
export function normType(t: string): string {
  return TYPE_ALIASES[t] ?? t;
}

const IDENT_TYPES = new Set(['identifier', 'field_identifier', 'type_identifier', 'statement_identifier']);

interface Rewritten {
  text: string;
  /** For mapping offsets back: [offset in rewritten text, offset in source] at each substitution. */
  marks: Array<[number, number]>;
}

/** Replace metavariables by identifier placeholders the C grammar accepts. */
function rewrite(source: string): Rewritten {
  const marks: Array<[number, number]> = [];
  let out = '';
  let last = 0;
  for (const m of source.matchAll(METAVAR)) {
    const idx = m.index ?? 0;
    out += source.slice(last, idx);
    marks.push([out.length, idx]);
    const isSeq = m[0].startsWith('$$$');
    const name = (isSeq ? m[1] : m[2]) ?? '_';
    out += (isSeq ? SEQ_PREFIX : MV_PREFIX) + (name === '_' ? '_' : name);
    last = idx + m[0].length;
    marks.push([out.length, last]);
  }
  out += source.slice(last);
  return { text: out, marks };
}

function sourceOffset(rw: Rewritten, offset: number): number {
  let src = offset;
  for (const [o, s] of rw.marks) if (o <= offset) src = s + (offset - o);
  return src;
}

interface Context {
  prefix: string;
  suffix: string;
  pick: (root: FNode) => FNode[] | undefined;
}

const FN_PREFIX = 'void __xp_f(void) {\n';
const bodyOf = (root: FNode): FNode[] | undefined => {
  const fn = root.children.find((c) => c.type === 'function_definition');
  const body = fn?.children.find((c) => c.field === 'body');
  return body?.children.filter((c) => c.named && c.type !== 'comment');
};

const CONTEXTS: Record<string, Context> = {
  statements: { prefix: FN_PREFIX, suffix: '\n}\n', pick: bodyOf },
  top: { prefix: '', suffix: '\n', pick: (root) => root.children.filter((c) => c.named && c.type !== 'comment') },
  field: {
    prefix: 'struct __xp_s {\n',
    suffix: '\n};\n',
    pick: (root) => {
      const spec = root.children.find((c) => c.type === 'struct_specifier');
      const body = spec?.children.find((c) => c.field === 'body');
      return body?.children.filter((c) => c.named && c.type !== 'comment');
    },
  },
  expression: {
    prefix: FN_PREFIX,
    suffix: ';\n}\n',
    pick: (root) => {
      const stmts = bodyOf(root);
      if (!stmts || stmts.length !== 1 || stmts[0].type !== 'expression_statement') return undefined;
      const inner = stmts[0].children.filter((c) => c.named && c.type !== 'comment');
      return inner.length === 1 ? inner : undefined;
    },
  },
};

/** Try one context; return the chosen nodes or the first error offset (in the rewritten text). */
function tryContext(
  text: string,
  ctx: Context,
  hints: MacroHints,
): { nodes: PNode[] } | { errorAt: number; message: string } {
  const { masked, shaped } = shapeMacros(ctx.prefix + text + ctx.suffix, hints);
  const full = masked;
  const tree = parseC(shaped);
  const flat = flatten(tree);
  const bad = flat.all.find((n) => n.error || n.missing);
  if (bad) {
    const at = Math.min(Math.max(bad.start - ctx.prefix.length, 0), text.length);
    return { errorAt: at, message: bad.missing ? `expected '${bad.type}'` : 'syntax error' };
  }
  const picked = ctx.pick(flat.root);
  if (!picked || picked.length === 0) return { errorAt: 0, message: 'empty pattern' };
  if (picked.some((n) => n.start < ctx.prefix.length || n.end > ctx.prefix.length + text.length)) {
    return { errorAt: 0, message: 'pattern is not a complete C fragment' };
  }
  return { nodes: picked.map((n) => toPNode(n, full)) };
}

/** Convert a parsed pattern node into a PNode, turning placeholders into metavariables. */
function toPNode(n: FNode, text: string): PNode {
  const kids = n.children.filter((c) => c.type !== 'comment');
  if (IDENT_TYPES.has(n.type)) {
    const t = text.slice(n.start, n.end);
    if (t.startsWith(MV_PREFIX)) return { type: n.type, children: [], mv: t.slice(MV_PREFIX.length) };
    if (t.startsWith(SEQ_PREFIX)) return { type: n.type, children: [], seq: t.slice(SEQ_PREFIX.length) };
  }
  if (n.type === 'expression_statement') {
    const named = kids.filter((c) => c.named);
    if (named.length === 1 && IDENT_TYPES.has(named[0].type) && kids.length === 2) {
      const p = toPNode(named[0], text);
      if (p.mv) return { type: n.type, children: [], mv: p.mv };
      if (p.seq) return { type: n.type, children: [], seq: p.seq };
    }
  }
  if (kids.length === 0) return { type: n.type, text: text.slice(n.start, n.end), children: [] };
  return { type: n.type, children: kids.map((c) => toPNode(c, text)) };
}

/**
 * A `$$$X` standing where statements go gets a `;` so the fragment parses, and so does a `$X` that
 * is the body of a loop or iterator at the end (`list_for_each_entry($E, $H, $M) $BODY`).
 */
function terminateSequences(text: string): string {
  return text
    .replace(new RegExp(`(^|[{};]\\s*)(${SEQ_PREFIX}\\w+)(?=\\s*(\\}|$))`, 'g'), '$1$2;')
    .replace(new RegExp(`(\\)\\s*)(${MV_PREFIX}\\w+)(?=\\s*(\\}|$))`, 'g'), '$1$2;');
}

/** How a load compiles a pattern: at once, or through the memo of a long-running process (src/rules/memo.ts). */
export type PatternCompiler = (source: string, compile: () => PatternResult) => PatternResult;

/** The port being loaded: its macro hints, and how its rule patterns compile (`withRulePatterns`). */
let loading: { hints?: MacroHints; keep?: PatternCompiler } = {};

/**
 * Run `load` with `hints` (a port's macro hints merged over the kernel table) as the hints patterns
 * compile through, and with the rule patterns it compiles (`compileRulePattern`) going through
 * `keep` when given (`xenport watch` keeps compiled patterns between loads: a rule file changed in
 * one line compiles its unchanged patterns no more). Rule loading wraps the parsing of a port's
 * rule files in it.
 */
export function withRulePatterns<T>(
  hints: MacroHints | undefined,
  keep: PatternCompiler | undefined,
  load: () => T,
): T {
  const before = loading;
  loading = { hints, keep };
  try {
    return load();
  } finally {
    loading = before;
  }
}

/** Compile a rule's pattern in the load `withRulePatterns` runs: through its `keep`, if any. */
export function compileRulePattern(source: string): PatternResult {
  const compile = (): PatternResult => compilePattern(source);
  return loading.keep ? loading.keep(source, compile) : compile();
}

/** Compile a pattern, through the macro hints of the port being loaded (the kernel table by default). */
export function compilePattern(source: string, hints: MacroHints = loading.hints ?? defaultHints()): PatternResult {
  if (source.trim() === '') return { ok: false, offset: 0, message: 'empty pattern' };
  // Macros are shaped as in the input (same length, so error offsets stay valid).
  const rw = rewrite(source);
  const text = terminateSequences(rw.text.trim());
  const lead = rw.text.length - rw.text.trimStart().length;
  const statementLike = /[;}]$/.test(text);
  const order = statementLike ? ['statements', 'top', 'field'] : ['expression', 'statements', 'top'];
  let firstError: { errorAt: number; message: string } | undefined;
  for (const name of order) {
    for (const candidate of statementLike || name === 'expression' ? [text] : [text, text + ';']) {
      const r = tryContext(candidate, CONTEXTS[name], hints);
      if ('nodes' in r) {
        if (r.nodes.length === 1 && (r.nodes[0].mv || r.nodes[0].seq)) {
          return { ok: false, offset: 0, message: 'a pattern must have a concrete root, not only a metavariable' };
        }
        return { ok: true, pattern: finish(source, r.nodes) };
      }
      firstError ??= r;
    }
  }
  const e = firstError ?? { errorAt: 0, message: 'syntax error' };
  return { ok: false, offset: sourceOffset(rw, e.errorAt + lead), message: `${e.message} in pattern` };
}

/** The identifiers of pattern node `p` and its descendants (its part of `CompiledPattern.literals`). */
export function identifiersOf(p: PNode, out = new Set<string>()): Set<string> {
  if (p.text && IDENT_TYPES.has(p.type)) out.add(p.text);
  for (const c of p.children) identifiersOf(c, out);
  return out;
}

function finish(source: string, nodes: PNode[]): CompiledPattern {
  const metavars = new Set<string>();
  const literals = new Set<string>();
  const texts = new Set<string>();
  const walk = (p: PNode): void => {
    const name = p.mv ?? p.seq;
    if (name && name !== '_') metavars.add(name);
    if (p.text && TEXT_LEAVES.has(p.type)) texts.add(p.text);
    p.children.forEach(walk);
  };
  nodes.forEach(walk);
  for (const n of nodes) identifiersOf(n, literals);
  return { source, metavars: [...metavars], nodes, literals: [...literals], texts: [...texts] };
}

export { checkQuery } from './query';
