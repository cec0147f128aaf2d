/**
 * Selectors for Linux text found by position: the node that starts or ends on a line (an item by
 * name, a field, a statement as a pattern, a comment line, an include), as the YAML keys of a rule.
 */
import { childByField, declaratorName, includePath } from '../match';
import type { FNode } from '../match';
import { escapeRegExp } from '../match/words';
import { endsLine, functionItem, startsLine, Structure, TopItem } from './structure';

/** A selector and scope as YAML keys, and a short description for comments. */
export interface Anchor {
  keys: Record<string, unknown>;
  what: string;
}

const BODIED = new Set(['if_statement', 'for_statement', 'while_statement', 'switch_statement']);

/** A pattern for a statement: its text, with the body of a long if/for/while/switch as `$BODY`. */
export function statementPattern(s: Structure, n: FNode): string {
  const text = s.text.slice(n.start, n.end);
  if (!BODIED.has(n.type) || text.split('\n').length <= 2) return text;
  if (n.type === 'if_statement' && childByField(n, 'alternative')) return text;
  const body = childByField(n, 'body') ?? childByField(n, 'consequence');
  if (!body) return text;
  return `${s.text.slice(n.start, body.start)}$BODY`;
}

/** The patterns of a run of statements, joined as one multi-statement pattern. */
export function statementsPattern(s: Structure, ns: FNode[]): string {
  if (ns.length === 1) return statementPattern(s, ns[0]);
  return s.text.slice(ns[0].start, ns[ns.length - 1].end);
}

/** A comment-line selector text for line `l`, if the trimmed line is long enough and unique among comments. */
export function commentLineText(s: Structure, l: number): string | undefined {
  const line = s.text.slice(s.lineStarts[l], (s.lineStarts[l + 1] ?? s.text.length + 1) - 1);
  const t = line.replace(/^[\s/*]+/, '').replace(/[\s*/]+$/, '');
  if (t.length < 8) return undefined;
  let count = 0;
  for (const c of s.src.tree ? comments(s) : []) {
    for (let at = s.text.indexOf(t, c.start); at >= 0 && at + t.length <= c.end; at = s.text.indexOf(t, at + 1))
      count++;
  }
  return count === 1 ? t : undefined;
}

function comments(s: Structure): FNode[] {
  const cached = (s as Structure & { _comments?: FNode[] })._comments;
  if (cached) return cached;
  const out: FNode[] = [];
  const stack: FNode[] = s.items.map((i) => i.node);
  while (stack.length) {
    const n = stack.pop() as FNode;
    if (n.type === 'comment') out.push(n);
    else stack.push(...n.children);
  }
  (s as Structure & { _comments?: FNode[] })._comments = out;
  return out;
}

/** True when line `l` lies inside a comment node. */
export function inComment(s: Structure, l: number): boolean {
  const o = s.lineStarts[l];
  return (
    comments(s).some((c) => c.start <= o && o < c.end) ||
    comments(s).some((c) => s.lineOf(c.start) === l && s.text.slice(o, c.start).trim() === '')
  );
}

/** A selector for a top-level item: by name (`function: f`), else a query on its first line. */
export function itemSelector(it: TopItem, s?: Structure): Anchor | undefined {
  if (it.kind && it.name) return { keys: { [it.kind]: it.name }, what: `${it.kind} ${it.name}` };
  if (!s || it.node.type === 'comment' || it.node.type.startsWith('preproc_if')) return undefined;
  const first = s.text
    .slice(
      it.node.start,
      s.text.indexOf('\n', it.node.start) < 0
        ? it.node.end
        : Math.min(it.node.end, s.text.indexOf('\n', it.node.start)),
    )
    .trim();
  if (first.length < 6) return undefined;
  const re = `^${escapeRegExp(first)}`;
  const lit = re.replace(/\\/g, '\\\\').replace(/"/g, '\\"');
  return {
    keys: { query: `((${it.node.type}) @target (#match? @target "${lit}"))` },
    what: `the ${it.node.type.replace(/_/g, ' ')} "${first.slice(0, 40)}"`,
  };
}

/** The selector of the node that starts line `l` (or ends it, `at: 'end'`), if any. */
export function anchorAt(s: Structure, l: number, at: 'start' | 'end'): Anchor | undefined {
  const o = s.lineStarts[l];
  if (o === undefined) return undefined;
  // Comment lines: by their text.
  if (inComment(s, l)) {
    const t = commentLineText(s, l);
    return t ? { keys: { 'comment-line': t }, what: `comment line "${t.slice(0, 40)}"` } : undefined;
  }
  const top = s.items.find((it) => (at === 'start' ? it.first === l : it.last === l) && it.node.type !== 'comment');
  if (top) {
    if (at === 'start' && !startsLine(s.text, s.lineStarts, top)) return undefined;
    if (top.node.type === 'preproc_include') {
      const p = includePath(top.node, s.text);
      return p ? { keys: { include: p }, what: `#include ${p}` } : undefined;
    }
    return itemSelector(top, s);
  }
  const fn = functionItem(s, l);
  if (fn?.name) {
    const st = statementOn(s, fn.node, l, at);
    if (st?.type === 'labeled_statement') {
      const label = st.children.find((c) => c.field === 'label');
      if (label)
        return {
          keys: { scope: { function: fn.name }, label: s.text.slice(label.start, label.end) },
          what: `label ${s.text.slice(label.start, label.end)} in ${fn.name}`,
        };
    }
    if (st)
      return {
        keys: { scope: { function: fn.name }, pattern: statementPattern(s, st) },
        what: `a statement of ${fn.name}`,
      };
    return undefined;
  }
  const it = s.items.find(
    (x) => x.first <= l && l <= x.last && /struct_specifier|declaration|type_definition/.test(x.node.type),
  );
  if (it) {
    const f = fieldOn(s, it.node, l, at);
    if (f && it.kind === 'struct')
      return { keys: { scope: { struct: it.name }, field: f }, what: `field ${f} of struct ${it.name}` };
  }
  return undefined;
}

/** The outermost statement of function `fn` that starts (or ends) on line `l`. */
function statementOn(s: Structure, fn: FNode, l: number, at: 'start' | 'end'): FNode | undefined {
  const body = fn.children.find((c) => c.field === 'body');
  if (!body) return undefined;
  const stack = [...body.children];
  let best: FNode | undefined;
  while (stack.length) {
    const n = stack.pop() as FNode;
    if (!n.named || n.type === 'comment') continue;
    const isStmt = /_statement$|^declaration$/.test(n.type) && n.type !== 'compound_statement';
    const line = at === 'start' ? s.lineOf(n.start) : s.lineOf(n.end - 1);
    if (isStmt && line === l) {
      const ok = at === 'start' ? startsLine(s.text, s.lineStarts, { node: n, first: l }) : endsLine(s.text, n.end);
      if (ok && (!best || n.end - n.start > best.end - best.start)) best = n;
    }
    if (s.lineOf(n.start) <= l && s.lineOf(n.end - 1) >= l) stack.push(...n.children);
  }
  return best;
}

/** The field of a struct that starts (or ends) on line `l`. */
function fieldOn(s: Structure, n: FNode, l: number, at: 'start' | 'end'): string | undefined {
  const stack = [...n.children];
  while (stack.length) {
    const c = stack.pop() as FNode;
    if (c.type === 'field_declaration') {
      const line = at === 'start' ? s.lineOf(c.start) : s.lineOf(c.end - 1);
      if (line === l) {
        const d = c.children.find((k) => k.field === 'declarator');
        return declaratorName(d, s.text);
      }
    }
    stack.push(...c.children);
  }
  return undefined;
}

/** A query selecting the comment that holds line `l`, by a distinctive run of its text. */
export function commentQuery(s: Structure, l: number): { keys: Record<string, unknown>; node: FNode } | undefined {
  const o = s.lineStarts[l];
  const c = comments(s).find((k) => k.start <= o + (s.text.slice(o).search(/\S/) ?? 0) && o < k.end);
  if (!c) return undefined;
  const first = s.lineOf(c.start);
  const last = s.lineOf(c.end - 1);
  for (let k = first; k <= last; k++) {
    const t = commentLineText(s, k);
    const run = t?.match(/[A-Za-z0-9 _,:-]{8,}/g)?.sort((a, b) => b.length - a.length)[0];
    if (run) return { keys: { query: `((comment) @target (#match? @target "${run.trim()}"))` }, node: c };
  }
  return undefined;
}

/** Statements enclosing `n` inside its function, innermost first (compound blocks skipped). */
export function enclosingStatements(n: FNode): FNode[] {
  const out: FNode[] = [];
  for (let p = n.parent; p && p.type !== 'function_definition'; p = p.parent) {
    if (/_statement$/.test(p.type) && p.type !== 'compound_statement' && p.type !== 'expression_statement') out.push(p);
  }
  return out;
}
