/**
 * The selectors of the rule language, each declared once: its key and value, its schema
 * description and docs line, the kinds that take it, how it compiles into a `Selector` (and the
 * metavariables it binds), and what a match of it needs from the tree (need.ts). A selector
 * without `need` runs on the whole tree.
 */
import type { Diagnostic } from '../../diagnostics';
import type { PNode } from '../../match/pattern';
import type { BodyNeed } from '../../match/need';
import type { WordNeed } from '../../match/words';
import { nameList } from '../expect';
import { checkPattern, checkRuleQuery } from '../templates';
import type { Located } from '../templates';
import type { NamedKind, RuleKind, Selector } from '../types';
import type { YamlFile } from '../yaml';
import { choice, custom, names, text } from './value';
import type { Value } from './value';

/** What compiling a selector reads: the YAML file, the rule's id, and its located string values. */
export interface SelectorInput {
  y: YamlFile;
  ruleId: string;
  located(key: string): Located;
}

/** A compiled selector with the metavariables it binds, or the errors that stopped it. */
export interface CompiledSelector {
  select?: Selector;
  bound: string[];
  diagnostics: Diagnostic[];
}

/** What a selector's matches need, before the rule's scope is taken into account (need.ts). */
export interface SelectorNeed {
  words: WordNeed;
  /** A match lies inside one top-level item. */
  oneItem: boolean;
  /** A match lies inside one statement and holds no statement. */
  oneStatement: boolean;
  /** What a function body must show to be needed; undefined: every body. */
  body?: BodyNeed;
}

/** One selector of the rule language. */
export interface SelectorDef<V = unknown, S extends Selector = Selector> {
  readonly key: string;
  readonly value: Value<V>;
  /** The selector's row in the docs/rules.md table (markdown). */
  readonly doc: string;
  /** The kinds that take it; absent: every kind. */
  readonly kinds?: readonly RuleKind[];
  /** True when a `scope:` cannot apply to it (a file anchor lies in no function). */
  readonly noScope?: boolean;
  /** A selector of named items (`function:`, `struct:`, ...). */
  readonly named?: boolean;
  /** Named selectors that `items:` entries may use. */
  readonly inItems?: boolean;
  compile(value: V, at: SelectorInput): CompiledSelector;
  need?(select: S): SelectorNeed;
}

const NO_WORDS: WordNeed = { all: [], any: [] };

function def<V, S extends Selector>(d: SelectorDef<V, S>): SelectorDef<V, S> {
  return d;
}

/** True when some node of the pattern below its root is a statement. */
function spansStatements(p: PNode, root = true): boolean {
  return (!root && p.type.endsWith('_statement')) || p.children.some((c) => spansStatements(c, false));
}

/** Named kinds that only exist at top level (their matches never need a body). */
const TOP_LEVEL_ONLY: readonly NamedKind[] = ['declaration', 'call'];

/** What a named selector of `kind` over `names` needs from a function body. */
export function namedBodyNeed(kind: NamedKind, list: readonly string[], need: BodyNeed): void {
  if (TOP_LEVEL_ONLY.includes(kind)) return;
  // A function (or its signature) or a struct is matched as a whole item, from its name, without
  // its body: only a definition nested in a body needs that body.
  if (kind === 'function' || kind === 'signature') need.defs.push(...list.map((name) => ({ kind: 'function' as const, name })));
  else if (kind === 'struct') need.defs.push(...list.map((name) => ({ kind: 'struct' as const, name })));
  else need.words.push({ all: [], any: list });
}

/** A selector of named items of one kind. */
function named(kind: NamedKind, description: string, doc: string, inItems = true) {
  return def<string | string[], Extract<Selector, { type: 'named' }>>({
    key: kind,
    value: names(description),
    doc,
    named: true,
    inItems,
    compile: (v) => ({ select: { type: 'named', kind, names: nameList(v) }, bound: [], diagnostics: [] }),
    need: (s) => {
      const body: BodyNeed = { words: [], defs: [], scopes: [] };
      namedBodyNeed(s.kind, s.names, body);
      return { words: { all: [], any: s.names }, oneItem: true, oneStatement: false, body };
    },
  });
}

/** Every selector, in the order the docs list them. */
export const SELECTORS: readonly SelectorDef[] = [
  def<string, Extract<Selector, { type: 'pattern' }>>({
    key: 'pattern',
    value: text('Selector: a C fragment (expression, statement(s), declaration, field or top-level item) with metavariables $X, $$$X, $_, $$$, matched structurally.'),
    doc: 'a C fragment matched structurally (see Patterns)',
    compile: (_v, at) => {
      const r = checkPattern(at.y, at.located('pattern'), at.ruleId);
      return { select: r.pattern && { type: 'pattern', pattern: r.pattern }, bound: r.pattern?.metavars ?? [], diagnostics: r.diagnostics };
    },
    need: ({ pattern }) => {
      const words = { all: pattern.literals, any: [] };
      const one = pattern.nodes.length === 1;
      // A pattern without identifiers (`return 0;`) can be in any body.
      return { words, oneItem: one, oneStatement: one && !spansStatements(pattern.nodes[0]), body: pattern.literals.length ? { words: [words], defs: [], scopes: [] } : undefined };
    },
  }),
  def<string, Extract<Selector, { type: 'query' }>>({
    key: 'query',
    value: text('Selector: a raw tree-sitter query; the @target capture is the match, other captures @X are metavariables $X.'),
    doc: 'a raw tree-sitter query; the `@target` capture is the match, other captures `@X` are metavariables `$X`',
    compile: (v, at) => {
      const r = checkRuleQuery(at.y, at.located('query'), at.ruleId);
      return { select: r.captures && { type: 'query', source: v }, bound: r.captures ?? [], diagnostics: r.diagnostics };
    },
    // A query has no words we can rely on; the bodies holding its captures are found by running it.
    need: (s) => ({ words: NO_WORDS, oneItem: false, oneStatement: false, body: { words: [], defs: [], scopes: [], query: s.source } }),
  }),
  named('function', 'Selector: function definitions by name (a name or a list; every name must be found).', 'function definitions by name (a name or a list; every name must be found)'),
  named('struct', 'Selector: struct definitions by tag name (the definition including its ;).', 'struct definitions by tag name (the definition including its `;`)'),
  named('declaration', 'Selector: top-level declarations by declarator name.', 'top-level declarations by declarator name, e.g. a `static const struct ... ops = {...};`'),
  named('macro', 'Selector: #define lines by macro name.', '`#define` lines by macro name'),
  named('call', 'Selector: top-level macro statements by macro name (module_exit(...);, MODULE_LICENSE(...);).', 'top-level macro statements by macro name: `module_exit(...);`, `MODULE_LICENSE(...);`'),
  named('field', 'Selector: struct fields by name (use with scope: { struct: ... }).', 'struct fields by name (use with `scope: { struct: ... }`)'),
  named('label', 'Selector: labelled statements by label name (the label and its statement).', 'labelled statements by label name (the label and its statement)'),
  named(
    'signature',
    'Selector: the header of function definitions by name (return type, name and parameters, up to the body), to change a signature with replace.',
    "a function's header by name, from its first token to the end of its parameter list (see \"signature\")",
    false,
  ),
  def<Array<Record<string, string | string[]>>, Extract<Selector, { type: 'items' }>>({
    key: 'items',
    value: custom({}), // its schema names the other selectors: built in schema.ts
    doc: 'named items of several kinds as one selection: a list of `{ function: ... }`, `{ declaration: ... }`, `{ call: ... }`, ... entries (e.g. functions, an initializer and module macros wrapped in one `#if 0` region)',
    compile: (v) => {
      const items = v.map((entry) => {
        const [kind, list] = Object.entries(entry)[0];
        return { kind: kind as NamedKind, names: nameList(list) };
      });
      return { select: { type: 'items', items }, bound: [], diagnostics: [] };
    },
    need: (s) => {
      const body: BodyNeed = { words: [], defs: [], scopes: [] };
      for (const i of s.items) namedBodyNeed(i.kind, i.names, body);
      return { words: NO_WORDS, oneItem: false, oneStatement: false, body };
    },
  }),
  def<string | string[], Extract<Selector, { type: 'include' }>>({
    key: 'include',
    value: names('Selector: #include lines by path glob (linux/*, asm/pgalloc.h); * does not cross /, ** does.'),
    doc: '`#include` lines by path glob: `linux/*`, `asm/pgalloc.h` (`*` does not cross `/`, `**` does)',
    compile: (v) => ({ select: { type: 'include', globs: nameList(v) }, bound: [], diagnostics: [] }),
    need: () => {
      const words = { all: ['#include'], any: [] };
      return { words, oneItem: false, oneStatement: false, body: { words: [words], defs: [], scopes: [] } };
    },
  }),
  def<string, Extract<Selector, { type: 'comment-line' }>>({
    key: 'comment-line',
    value: text('Selector (insert, replace): the line of a comment that contains this text; a replace rule replaces the whole line with its template (a copyright line, a file name).'),
    doc: 'the line of a comment that contains this text: an anchor for `insert`; `replace` replaces the whole line by `with`',
    kinds: ['insert', 'replace'],
    compile: (v) => ({ select: { type: 'comment-line', text: v }, bound: [], diagnostics: [] }),
    need: (s) => {
      const words = { all: [s.text], any: [] };
      return { words, oneItem: false, oneStatement: false, body: { words: [words], defs: [], scopes: [] } };
    },
  }),
  def<'start' | 'end', Extract<Selector, { type: 'file' }>>({
    key: 'file',
    value: choice('Selector (insert only): the start or the end of the file.', ['start', 'end']),
    doc: '`start` or `end` of the file, an anchor',
    kinds: ['insert'],
    noScope: true,
    compile: (v) => ({ select: { type: 'file', where: v }, bound: [], diagnostics: [] }),
    // A file anchor needs no body and no word.
    need: () => ({ words: NO_WORDS, oneItem: false, oneStatement: false, body: { words: [], defs: [], scopes: [] } }),
  }),
];

/** The selector keys, in the order the docs list them. */
export const SELECTOR_KEYS: readonly string[] = SELECTORS.map((s) => s.key);

/** The named kinds (`function:`, `struct:`, ...). */
export const NAMED_KINDS: readonly string[] = SELECTORS.filter((s) => s.named).map((s) => s.key);

/** The definition of selector `key`. */
export function selectorDef(key: string): SelectorDef | undefined {
  return SELECTORS.find((s) => s.key === key);
}
