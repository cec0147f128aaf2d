/**
 * The raw queries that run in JavaScript over the flat tree (./query-flat.ts) instead of through
 * tree-sitter: compiling a query natively costs about 1 ms per call plus the grammar analysis of
 * each pattern with children (2-10 ms for a sibling sequence such as `((a) . (b))`), far more than
 * matching it over a flat tree. `queryShape` reads a query source written in the subset below and
 * returns undefined for anything else (which tree-sitter keeps running):
 * - node patterns `(type child*)` of a named, concrete node type (not a supertype) or `(_)`, and
 *   anonymous string patterns `"else"`; children optionally under a field (`name: (...)`);
 * - anchors `.` between children, before the first (first named child) and after the last (last
 *   named child), and between the sibling patterns of a top-level group `((a) . (b))`;
 * - a top-level alternation of childless named node types `[(a) (b)] @c`;
 * - captures `@name` after a node pattern; predicates `#eq?`, `#match?`, `#any-of?` and their
 *   `not-` and `any-` forms, anywhere in the pattern (they belong to the whole pattern).
 * Not in it: quantifiers, negated fields, `#set!`/`#is?`, supertypes, captures of groups or inside
 * alternations, non-immediate sibling sequences at the top. The query is still compiled natively
 * when its rule is checked (tree-sitter's errors stay what they are); a cold port from the compiled
 * rule cache compiles none of the queries of this subset.
 */
import { cLanguage } from '../parse/parser';

/** A node pattern of the subset. */
export interface NodePattern {
  /** Named concrete node types it matches, or '_' for any named node but ERROR. */
  types: readonly string[] | '_';
  /** For a string pattern: the anonymous node's text (`types` is then empty). */
  literal?: string;
  /** The field its node must be held under by its parent. */
  field?: string;
  captures: string[];
  children: NodePattern[];
  /** `immediate[i]`: child i is the next named child after child i-1 (child 0: the first named child). */
  immediate: boolean[];
  /** The last child must be the last named child. */
  anchorLast: boolean;
  /**
   * An alternation below the top (`field: [(a ...) @x (b ...)] @c`): it matches where one of these
   * node patterns does (in this order), each with `captures` after its own on its node.
   */
  alternatives?: NodePattern[];
}

/** A predicate of a pattern, as node-tree-sitter runs it. */
export interface QueryPredicate {
  kind: 'eq' | 'match' | 'any-of';
  negated: boolean;
  /** `any-` forms: one node of the capture must pass (without, every node). */
  any: boolean;
  capture: string;
  /** `#eq?` / `#any-of?` strings; `#eq?` with two captures has `other` instead. */
  strings: string[];
  other?: string;
  regex?: RegExp;
}

/** One pattern: siblings at the top (one for most), each next one `immediate` after the one before. */
export interface PatternShape {
  roots: NodePattern[];
  predicates: QueryPredicate[];
}

/** A query source in the subset: its patterns, numbered as tree-sitter numbers them. */
export interface QueryShape {
  patterns: PatternShape[];
}

type Token = { k: '(' | ')' | '[' | ']' | '.' | ':' } | { k: 'id' | 'cap' | 'str' | 'pred'; v: string };

/**
 * Identifier characters of tree-sitter's query syntax (node types, fields, captures, predicates),
 * ASCII only: a query with other characters outside its strings is left to tree-sitter (and a
 * Unicode class would cost more to compile than the query saves).
 */
const IDENT = /[A-Za-z0-9_\-.?!]/;

/** Tokens of `source`, or undefined for a character outside the subset (quantifiers, `!field`...). */
function tokenize(source: string): Token[] | undefined {
  const out: Token[] = [];
  let i = 0;
  const ident = (): string => {
    const from = i;
    while (i < source.length && IDENT.test(source[i])) i++;
    return source.slice(from, i);
  };
  while (i < source.length) {
    const c = source[i];
    if (/\s/.test(c)) i++;
    else if (c === ';') while (i < source.length && source[i] !== '\n') i++;
    else if ('()[].:'.includes(c)) {
      out.push({ k: c as '(' });
      i++;
    } else if (c === '@' || c === '#') {
      i++;
      const v = ident();
      if (!v) return undefined;
      out.push({ k: c === '@' ? 'cap' : 'pred', v });
    } else if (c === '"') {
      let v = '';
      for (i++; ; i++) {
        if (i >= source.length || source[i] === '\n') return undefined;
        if (source[i] === '"') break;
        if (source[i] === '\\') {
          i++;
          const e = source[i];
          if (e === undefined) return undefined;
          v += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === '0' ? '\0' : e;
        } else v += source[i];
      }
      i++;
      out.push({ k: 'str', v });
    } else if (/[A-Za-z_-]/.test(c)) out.push({ k: 'id', v: ident() });
    else return undefined;
  }
  return out;
}

/** Named concrete node types of the C grammar (supertypes left out: they match their subtypes). */
let concrete: Set<string> | undefined;
function concreteTypes(): Set<string> {
  if (!concrete) {
    const info = (
      cLanguage() as unknown as { nodeTypeInfo?: Array<{ type: string; named: boolean; subtypes?: unknown }> }
    ).nodeTypeInfo;
    concrete = new Set((info ?? []).filter((t) => t.named && !t.subtypes).map((t) => t.type));
  }
  return concrete;
}

/** Thrown inside the parser for anything outside the subset. */
class Outside extends Error {}

/** Recursive-descent reader of the subset over `tokens`. */
class Reader {
  private at = 0;
  predicates: QueryPredicate[] = [];
  constructor(private readonly tokens: Token[]) {}

  done(): boolean {
    return this.at >= this.tokens.length;
  }
  private peek(ahead = 0): Token | undefined {
    return this.tokens[this.at + ahead];
  }
  private next(): Token {
    const t = this.tokens[this.at++];
    if (!t) throw new Outside();
    return t;
  }
  private captures(): string[] {
    const out: string[] = [];
    for (let t = this.peek(); t?.k === 'cap'; t = this.peek()) out.push((this.next() as { v: string }).v);
    return out;
  }

  /** A top-level pattern: its sibling roots. */
  pattern(): NodePattern[] {
    const t = this.peek();
    if (t?.k === '(' && ['(', '[', 'str', 'pred'].includes(this.peek(1)?.k ?? '')) {
      this.next();
      const { items, immediate, anchorLast } = this.sequence(true);
      if (this.captures().length) throw new Outside();
      if (!items.length || immediate[0] || anchorLast) throw new Outside();
      if (immediate.slice(1).some((x) => !x)) throw new Outside();
      if (items.length > 1 && items.some((p) => p.literal !== undefined)) throw new Outside();
      return items;
    }
    return [this.element(true)];
  }

  /** Elements and anchors up to the closing `)`: `immediate[i]` is an anchor before element i. */
  private sequence(top = false): { items: NodePattern[]; immediate: boolean[]; anchorLast: boolean } {
    const items: NodePattern[] = [];
    const immediate: boolean[] = [];
    let anchor = false;
    for (;;) {
      const t = this.peek();
      if (!t) throw new Outside();
      if (t.k === ')') {
        this.next();
        return { items, immediate, anchorLast: anchor };
      }
      if (t.k === '.') {
        if (anchor) throw new Outside();
        this.next();
        anchor = true;
        continue;
      }
      if (t.k === '(' && this.peek(1)?.k === 'pred') {
        this.next();
        this.predicate();
        continue;
      }
      let field: string | undefined;
      if (t.k === 'id' && this.peek(1)?.k === ':') {
        if (top) throw new Outside();
        field = t.v;
        this.next();
        this.next();
      }
      const e = this.element(top);
      if (field !== undefined) e.field = field;
      if (anchor && (e.literal !== undefined || e.alternatives)) throw new Outside();
      items.push(e);
      immediate.push(anchor);
      anchor = false;
    }
  }

  /** A node, string or alternation pattern with its captures. */
  private element(top: boolean): NodePattern {
    const t = this.next();
    let p: NodePattern;
    if (t.k === 'str') p = { types: [], literal: t.v, captures: [], children: [], immediate: [], anchorLast: false };
    else if (t.k === '[' && !top) {
      const alternatives: NodePattern[] = [];
      while (this.peek()?.k !== ']') {
        const alt = this.element(false);
        if (alt.literal !== undefined || alt.alternatives) throw new Outside();
        alternatives.push(alt);
      }
      this.next();
      if (!alternatives.length) throw new Outside();
      p = { types: [], captures: [], children: [], immediate: [], anchorLast: false, alternatives };
    } else if (t.k === '[') {
      const types: string[] = [];
      while (this.peek()?.k !== ']') {
        const alt = this.element(false);
        if (alt.literal !== undefined || alt.types === '_' || alt.children.length || alt.captures.length)
          throw new Outside();
        types.push(...alt.types);
      }
      this.next();
      if (new Set(types).size !== types.length) throw new Outside();
      p = { types, captures: [], children: [], immediate: [], anchorLast: false };
    } else if (t.k === '(') {
      const type = this.next();
      if (type.k !== 'id' || this.peek()?.k === ':') throw new Outside();
      if (type.v !== '_' && !concreteTypes().has(type.v)) throw new Outside();
      const { items, immediate, anchorLast } = this.sequence();
      if (anchorLast && (!items.length || items[items.length - 1].alternatives)) throw new Outside();
      p = { types: type.v === '_' ? '_' : [type.v], captures: [], children: items, immediate, anchorLast };
    } else throw new Outside();
    p.captures = this.captures();
    return p;
  }

  /** A predicate `(#name args)`, after its `(`. */
  private predicate(): void {
    const name = (this.next() as { v: string }).v;
    const args: Array<{ cap?: string; str?: string }> = [];
    for (let t = this.next(); t.k !== ')'; t = this.next()) {
      if (t.k === 'cap') args.push({ cap: t.v });
      else if (t.k === 'str' || t.k === 'id') args.push({ str: t.v });
      else throw new Outside();
    }
    const op = /^(any-)?(not-)?(eq|match)\?$/.exec(name) ?? /^()(not-)?(any-of)\?$/.exec(name);
    if (!op || !args[0]?.cap) throw new Outside();
    const kind = op[3] as QueryPredicate['kind'];
    const rest = args.slice(1);
    const pred: QueryPredicate = { kind, negated: !!op[2], any: !!op[1], capture: args[0].cap, strings: [] };
    if (kind === 'any-of') {
      if (rest.some((a) => a.str === undefined)) throw new Outside();
      pred.strings = rest.map((a) => a.str as string);
    } else {
      if (rest.length !== 1) throw new Outside();
      if (kind === 'eq' && rest[0].cap !== undefined) pred.other = rest[0].cap;
      else if (rest[0].str === undefined) throw new Outside();
      else if (kind === 'match') {
        try {
          pred.regex = new RegExp(rest[0].str);
        } catch {
          throw new Outside();
        }
      } else pred.strings = [rest[0].str];
    }
    this.predicates.push(pred);
  }
}

/** Parsed shapes by source (undefined: outside the subset). */
const shapes = new Map<string, QueryShape | undefined>();

/** The shape of query `source` when it is in the subset this module reads (see the header), else undefined. */
export function queryShape(source: string): QueryShape | undefined {
  if (shapes.has(source)) return shapes.get(source);
  let shape: QueryShape | undefined;
  const tokens = tokenize(source);
  if (tokens) {
    try {
      const patterns: PatternShape[] = [];
      const r = new Reader(tokens);
      while (!r.done()) {
        r.predicates = [];
        const roots = r.pattern();
        patterns.push({ roots, predicates: r.predicates });
      }
      const named = (p: PatternShape): string[] =>
        p.roots.flatMap(function caps(n: NodePattern): string[] {
          return [...n.captures, ...(n.alternatives ?? []).flatMap(caps), ...n.children.flatMap(caps)];
        });
      // Every predicate names a capture of its own pattern (tree-sitter refuses others).
      if (
        patterns.length &&
        patterns.every((p) =>
          p.predicates.every((q) => [q.capture, q.other ?? q.capture].every((c) => named(p).includes(c))),
        )
      )
        shape = { patterns };
    } catch (e) {
      if (!(e instanceof Outside)) throw e;
    }
  }
  shapes.set(source, shape);
  return shape;
}
