/**
 * Local proposals for the differences left after the structural rules: for each remaining hunk,
 * candidate rules from the finest (an expression rewrite, a block inserted next to a statement)
 * to the coarsest (the whole item replaced by a block carried over from the Xen file). Learning
 * keeps the first candidate that, run alone, changes the Linux file exactly toward the Xen file.
 */
import type { LinuxHunk } from './align';
import {
  anchorAt,
  commentLineText,
  commentQuery,
  enclosingStatements,
  inComment,
  statementPattern,
  statementsPattern,
} from './anchors';
import { itemsAround, itemsCandidate } from './items';
import { Proposal, slug } from './proposal';
import { coveringItems, itemsKeys } from './structural';
import { endsLine, functionItem, itemAt, startsLine, statementsCovering, Structure, TopItem } from './structure';

type Candidate = Proposal[];

const blank = (s: string): boolean => s.trim() === '';

/** Candidate rule sets for one hunk, finest first. */
export function candidates(
  s: Structure,
  h: LinuxHunk,
  xen: string[],
  tag: string,
  toXen: (l: number) => number,
): Candidate[] {
  const out: Candidate[] = [];
  const lines = s.text.split('\n');
  const where =
    h.a === h.b ? `Xen lines ${h.xa + 1}-${h.xb}` : `Linux lines ${h.a + 1}-${h.b} (Xen lines ${h.xa + 1}-${h.xb})`;
  const from = (what: string): string => `${what}: ${where}`;
  /** Text of function `fnName` matched by `pattern`, replaced by a block carried from the Xen file. */
  const replacedByBlock = (fnName: string, pattern: string, what: string): Proposal => ({
    rule: {
      id: `xen-${tag}`,
      kind: 'replace',
      comment: 'none',
      scope: { function: fnName },
      pattern,
      block: '@id',
      expect: 1,
    },
    file: 'blocks.yaml',
    from: from(what),
    hunks: [],
    general: false,
  });
  if (h.a === h.b) {
    const block = (keys: Record<string, unknown>, w: 'before' | 'after', what: string): Candidate => [
      {
        rule: { id: `xen-${tag}`, kind: 'insert', comment: 'none', where: w, ...keys, block: '@id', expect: 1 },
        file: 'blocks.yaml',
        from: from(`Xen-only lines ${w} ${what}`),
        hunks: [],
        general: false,
      },
    ];
    if (h.next !== undefined) {
      const a = anchorAt(s, h.next, 'start');
      if (a) out.push(block(a.keys, 'before', a.what));
    }
    if (h.prev !== undefined) {
      const a = anchorAt(s, h.prev, 'end');
      if (a) out.push(block(a.keys, 'after', a.what));
    }
    if (h.atStart) out.push(block({ file: 'start' }, 'before', 'the start of the file'));
    if (h.atEnd) out.push(block({ file: 'end' }, 'after', 'the end of the file'));
    // A comment the lines go into or next to, replaced whole.
    for (const l of [h.prev, h.next]) {
      const q = l === undefined || !inComment(s, l) ? undefined : commentQuery(s, l);
      if (q)
        out.push([
          {
            rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', ...q.keys, block: '@id', expect: 1 },
            file: 'blocks.yaml',
            from: from('a comment the Xen file extends'),
            hunks: [],
            general: false,
          },
        ]);
    }
    // The item the lines go into, replaced whole.
    for (const l of [h.prev, h.next]) {
      const around = l === undefined ? undefined : itemsAround(s, l, l);
      if (around)
        out.push(itemsCandidate(s, around, true, tag, from('Xen-only lines inside items the Xen file changes')));
    }
    return out;
  }
  // Blank Linux lines that became Xen lines: Xen text inserted there (the carry takes the blank lines).
  if (lines.slice(h.a, h.b).every(blank)) {
    const before = h.a > 0 ? h.a - 1 : undefined;
    const after = h.b < lines.length ? h.b : undefined;
    out.push(...candidates(s, { a: h.a, b: h.a, xa: h.xa, xb: h.xb, prev: before, next: after }, xen, tag, toXen));
  }
  const xlines = xen.slice(h.xa, h.xb);
  // One changed line: the smallest expression around the change.
  if (h.b - h.a === 1 && xlines.length === 1) {
    const c = expressionCandidate(s, h, xlines[0], tag);
    if (c) out.push([{ ...c, from: from(c.from) }]);
  }
  const fn = functionItem(s, h.a);
  if (fn?.name && functionItem(s, h.b - 1) === fn) {
    let ta = h.a;
    let tb = h.b;
    if (xlines.length === 0) {
      while (ta < tb && blank(lines[ta])) ta++;
      while (tb > ta && blank(lines[tb - 1])) tb--;
    }
    const stmts = ta < tb ? statementsCovering(s, fn.node, ta, tb) : undefined;
    // Statements with their comment above, all deleted.
    if (!stmts && xlines.length === 0) {
      let tc = ta;
      while (tc < tb && inComment(s, tc)) tc++;
      const run = tc > ta && tc < tb ? statementsCovering(s, fn.node, tc, tb) : undefined;
      if (run)
        out.push([
          {
            rule: {
              id: `${tag}-delete`,
              kind: 'delete',
              comment: 'none',
              scope: { function: fn.name },
              pattern: statementsPattern(s, run),
              'with-comment': true,
              expect: 1,
            },
            file: 'local.yaml',
            from: from(`statements and their comment the Xen file deletes in ${fn.name}`),
            hunks: [],
            general: false,
          },
        ]);
    }
    // Statements with their comment above, replaced by Xen's own: the comment deleted, the statements a block.
    if (!stmts && xlines.length > 0) {
      let tc = ta;
      while (tc < tb && inComment(s, tc)) tc++;
      const run = tc > ta && tc < tb ? statementsCovering(s, fn.node, tc, tb) : undefined;
      const q = run ? commentQuery(s, ta) : undefined;
      if (run && q && s.lineOf(q.node.start) === ta && s.lineOf(q.node.end - 1) === tc - 1) {
        out.push([
          {
            rule: {
              id: `${tag}-comment-delete`,
              kind: 'delete',
              comment: 'none',
              scope: { function: fn.name },
              ...q.keys,
              expect: 1,
            },
            file: 'local.yaml',
            from: from(`a comment the Xen file replaces in ${fn.name}`),
            hunks: [],
            general: false,
          },
          replacedByBlock(
            fn.name,
            statementsPattern(s, run),
            `statements of ${fn.name} the Xen file replaces with its own, with their comment`,
          ),
        ]);
      }
    }
    // A few changed lines inside statements that repeat elsewhere (`return ret;`): the statements
    // with the one before them, rewritten as a whole.
    if (!stmts && xlines.length > 0 && xlines.length <= 3 && h.b - h.a <= 6) {
      const c = contextRewrite(s, fn, h, xlines, xen, tag);
      if (c) out.push([{ ...c, from: from(c.from) }]);
    }
    if (stmts) {
      const pattern = statementsPattern(s, stmts);
      const scope = { function: fn.name };
      if (xlines.length === 0) {
        out.push([
          {
            rule: { id: `${tag}-delete`, kind: 'delete', comment: 'none', scope, pattern, expect: 1 },
            file: 'local.yaml',
            from: from(`statements the Xen file deletes in ${fn.name}`),
            hunks: [],
            general: false,
          },
        ]);
      } else {
        const indent = /^\s*/.exec(lines[h.a])?.[0] ?? '';
        if (
          xlines.length <= 3 &&
          xlines.every((l) => l.startsWith(indent) && !/^\s*(\/\*|\*|\/\/)/.test(l) && !blank(l))
        ) {
          const w = xlines.map((l) => l.slice(indent.length)).join('');
          out.push([
            {
              rule: {
                id: `${tag}-rewrite`,
                kind: 'replace',
                comment: 'none',
                scope,
                pattern,
                with: w.replace(/\n$/, ''),
                expect: 1,
              },
              file: 'local.yaml',
              from: from(`statements the Xen file rewrites in ${fn.name}`),
              hunks: [],
              general: false,
            },
          ]);
        }
        out.push([replacedByBlock(fn.name, pattern, `statements of ${fn.name} the Xen file replaces with its own`)]);
      }
      // The same with the statement before (or after) in the pattern, to tell this place from others.
      const kids = stmts[0].parent?.children.filter((c) => c.named && c.type !== 'comment') ?? [];
      const i = kids.indexOf(stmts[0]);
      const j = kids.indexOf(stmts[stmts.length - 1]);
      for (const run of [
        i > 0 ? kids.slice(i - 1, j + 1) : undefined,
        j >= 0 && j + 1 < kids.length ? kids.slice(i, j + 2) : undefined,
      ]) {
        if (!run) continue;
        const a = s.lineOf(run[0].start);
        const b = s.lineOf(run[run.length - 1].end - 1) + 1;
        if (!startsLine(s.text, s.lineStarts, { node: run[0], first: a }) || !endsLine(s.text, run[run.length - 1].end))
          continue;
        const between = s.text.slice(run[0].start, run[run.length - 1].end);
        if (/\/\*|\/\//.test(between.replace(s.text.slice(stmts[0].start, stmts[stmts.length - 1].end), ''))) continue;
        const xa = a === h.a ? h.xa : toXen(a - 1) + 1;
        const xb = b === h.b ? h.xb : toXen(b);
        if (xa <= 0 || xb < xa) continue;
        out.push([replacedByBlock(fn.name, between, `statements of ${fn.name} the Xen file replaces with its own`)]);
      }
    }
  }
  // The whole statements around the change, with their unchanged lines.
  if (fn?.name && functionItem(s, h.b - 1) === fn) {
    const stmts = statementsCovering(s, fn.node, h.a, h.b, true);
    if (stmts) {
      const a = s.lineOf(stmts[0].start);
      const b = s.lineOf(stmts[stmts.length - 1].end - 1) + 1;
      const xa = a === h.a ? h.xa : toXen(a - 1) + 1;
      const xb = b === h.b ? h.xb : toXen(b);
      if ((a < h.a || b > h.b) && xa > 0 && xb >= xa)
        out.push([
          replacedByBlock(fn.name, statementsPattern(s, stmts), `statements of ${fn.name} the Xen file changes`),
        ]);
    }
  }
  // A statement enclosing the change (an if around a changed return), as a block.
  if (fn?.name && functionItem(s, h.b - 1) === fn) {
    const stmts = statementsCovering(s, fn.node, h.a, h.b, true);
    for (const st of stmts?.length ? enclosingStatements(stmts[0]).slice(0, 3) : []) {
      const a = s.lineOf(st.start);
      const b = s.lineOf(st.end - 1) + 1;
      if (!startsLine(s.text, s.lineStarts, { node: st, first: a }) || !endsLine(s.text, st.end)) continue;
      if (a > h.a || b < h.b) continue;
      out.push([replacedByBlock(fn.name, statementPattern(s, st), `a statement of ${fn.name} the Xen file changes`)]);
    }
  }
  // A function header: the signature, up to its parameter list.
  if (fn?.name) {
    const body = fn.node.children.find((c) => c.field === 'body');
    const headLast = body ? s.lineOf(body.start) - 1 : -1;
    if (h.a >= fn.first && h.b - 1 <= headLast && xlines.length > 0) {
      const xa = fn.first === h.a ? h.xa : toXen(fn.first - 1) + 1;
      const xb = headLast === h.b - 1 ? h.xb : toXen(headLast + 1);
      if (xb >= xa && xa > 0)
        out.push([
          {
            rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', signature: fn.name, block: '@id', expect: 1 },
            file: 'blocks.yaml',
            from: from(`the signature of ${fn.name}, changed by the Xen file`),
            hunks: [],
            general: false,
          },
        ]);
    }
  }
  // Lines of one comment.
  if (lines.slice(h.a, h.b).every((_, k) => inComment(s, h.a + k))) {
    const c = commentCandidate(s, h, xlines, tag, from);
    if (c) out.push(c);
  }
  // A comment with blank lines around it, replaced whole.
  {
    let a = h.a;
    let b = h.b;
    while (a < b && blank(lines[a])) a++;
    while (b > a && blank(lines[b - 1])) b--;
    const q = a < b && lines.slice(a, b).every((_, k) => inComment(s, a + k)) ? commentQuery(s, a) : undefined;
    if (q && s.lineOf(q.node.start) === a && s.lineOf(q.node.end - 1) === b - 1 && xlines.every(blank)) {
      out.push([
        {
          rule: { id: `${tag}-delete`, kind: 'delete', comment: 'none', ...q.keys, expect: 1 },
          file: 'local.yaml',
          from: from('a comment the Xen file deletes'),
          hunks: [],
          general: false,
        },
      ]);
    }
    if (q && s.lineOf(q.node.start) === a && s.lineOf(q.node.end - 1) === b - 1) {
      out.push([
        {
          rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', ...q.keys, block: '@id', expect: 1 },
          file: 'blocks.yaml',
          from: from('a comment the Xen file replaces'),
          hunks: [],
          general: false,
        },
      ]);
    }
  }
  // Whole top-level items.
  let a = h.a;
  let b = h.b - 1;
  while (a <= b && blank(lines[a])) a++;
  while (b >= a && blank(lines[b])) b--;
  if (a <= b) {
    const items = coveringItems(s, a, b, true) ?? coveringItems(s, a, b, false);
    if (items) out.push(itemsCandidate(s, items, xlines.length > 0, tag, from(`items the Xen file replaces`)));
  }
  // The whole items inside a hunk that also changes items at its ends: deleted, the rest left to
  // the next round (Xen deleted functions next to one it changed).
  if (a <= b) {
    const inside = s.items.filter(
      (it) => it.node.type !== 'comment' && it.commentFirst >= h.a && it.last < h.b && it.kind && it.name,
    );
    const all = s.items.filter((it) => it.node.type !== 'comment' && it.last >= a && it.first <= b);
    if (inside.length && inside.length < all.length && xlines.length <= (h.b - h.a) / 2) {
      const withComment = inside.every((it) => it.commentFirst >= h.a);
      out.push([
        {
          rule: {
            id: `no-${tag}`,
            kind: 'delete',
            comment: 'none',
            ...itemsKeys(inside),
            ...(withComment && inside.some((it) => it.commentFirst < it.first) ? { 'with-comment': true } : {}),
            expect: inside.length,
          },
          file: 'deleted.yaml',
          from: from('items the Xen file deletes'),
          hunks: [],
          general: false,
        },
      ]);
    }
  }
  // The item(s) around the hunk, whole; then with one, two, three neighbours on each side (the
  // Xen file may have moved or merged the items: the coarsest rule that still reproduces it).
  for (let w = 0; w <= 3; w++) {
    const around = itemsAround(s, h.a, h.b - 1, w);
    if (around)
      out.push(
        itemsCandidate(
          s,
          around,
          true,
          tag,
          from(w ? `items the Xen file changes, with ${w} neighbours each side` : `items the Xen file changes`),
        ),
      );
  }
  return out;
}

/**
 * The statements around lines [h.a, h.b) of function `fn` (loosely: the first may start before),
 * with the statement before them, as a literal pattern whose `with` is the same text with those
 * lines replaced by the Xen lines. Undefined when a comment lies between them.
 */
function contextRewrite(
  s: Structure,
  fn: TopItem,
  h: LinuxHunk,
  xlines: string[],
  xen: string[],
  tag: string,
): Proposal | undefined {
  const run = statementsCovering(s, fn.node, h.a, h.b, true);
  if (!run) return undefined;
  const kids = run[0].parent?.children.filter((c) => c.named) ?? [];
  const i = kids.indexOf(run[0]);
  const prev = i > 0 ? kids[i - 1] : undefined;
  if (!prev || prev.type === 'comment') return undefined;
  const first = prev.start;
  const last = run[run.length - 1].end;
  const lastLine = s.lineOf(last - 1);
  if (
    s.lineOf(first) >= h.a ||
    lastLine < h.b - 1 ||
    !startsLine(s.text, s.lineStarts, { node: prev, first: s.lineOf(first) })
  )
    return undefined;
  const pattern = s.text.slice(first, last);
  if (/\/\*|\/\/|\$/.test(pattern) || xlines.some((l) => l.includes('$'))) return undefined;
  const a = s.lineStarts[h.a];
  const xs = xlines.join('');
  const tail = lastLine === h.b - 1 ? '' : s.text.slice(s.lineStarts[h.b], last);
  // Templates are indented like the match: later lines are written relative to its first.
  const indent = s.text.slice(s.lineStarts[s.lineOf(first)], first);
  // The lines before the change as the Xen file has them (another rule may have rewritten them,
  // which this one then overrides), when it has as many.
  const n = h.a - s.lineOf(first);
  const xenBefore = h.xa >= n ? xen.slice(h.xa - n, h.xa).join('') : '';
  const before = xenBefore.startsWith(indent) ? xenBefore.slice(indent.length) : s.text.slice(first, a);
  const full = before + (tail ? xs : xs.replace(/\n$/, '')) + tail;
  const rest = full.split('\n');
  if (!rest.slice(1).every((l) => l.startsWith(indent) || l.trim() === '')) return undefined;
  const replacement = [rest[0], ...rest.slice(1).map((l) => l.slice(indent.length))].join('\n');
  return {
    rule: {
      id: `${tag}-rewrite`,
      kind: 'replace',
      comment: 'none',
      scope: { function: fn.name },
      pattern,
      with: replacement,
      expect: 1,
    },
    file: 'local.yaml',
    from: `statements the Xen file rewrites in ${fn.name} (with the statement before them)`,
    hunks: [],
    general: false,
  };
}

/** A rewrite of the smallest expression or statement node covering the change on one line. */
function expressionCandidate(s: Structure, h: LinuxHunk, xl: string, tag: string): Proposal | undefined {
  const ls = s.lineStarts[h.a];
  const ll = s.text.slice(ls, s.text.indexOf('\n', ls) < 0 ? s.text.length : s.text.indexOf('\n', ls));
  const x = xl.replace(/\n$/, '');
  let p = 0;
  while (p < ll.length && p < x.length && ll[p] === x[p]) p++;
  let q = 0;
  while (q < ll.length - p && q < x.length - p && ll[ll.length - 1 - q] === x[x.length - 1 - q]) q++;
  const start = ls + p;
  const end = ls + ll.length - q;
  const fn = functionItem(s, h.a);
  const owner = fn ?? itemAt(s, h.a);
  if (!owner) return undefined;
  // Smallest named node covering [start, end) that is not a bare token on its own.
  let node = owner.node;
  for (let descended = true; descended;) {
    descended = false;
    for (const c of node.children) {
      if (c.start <= start && end <= c.end && c.end - c.start < node.end - node.start) {
        node = c;
        descended = true;
        break;
      }
    }
  }
  while (
    node.parent &&
    (!node.named ||
      node.end - node.start < 3 ||
      (node.type === 'identifier' && node.parent.type === 'call_expression')) &&
    node !== owner.node
  )
    node = node.parent;
  if (node === owner.node || s.lineOf(node.start) !== h.a || s.lineOf(node.end - 1) !== h.a) return undefined;
  if (/^(compound_statement|translation_unit)$/.test(node.type) || node.type.startsWith('preproc')) return undefined;
  const pattern = s.text.slice(node.start, node.end);
  const replacement = ll.slice(node.start - ls, p) + x.slice(p, x.length - q) + ll.slice(ll.length - q, node.end - ls);
  const scopeKeys = fn?.name
    ? { scope: { function: fn.name } }
    : owner.kind === 'struct'
      ? { scope: { struct: owner.name } }
      : undefined;
  if (!scopeKeys && !endsLine(s.text, node.end)) return undefined;
  return {
    rule: {
      id: `${tag}-rewrite`,
      kind: 'replace',
      comment: 'none',
      ...(scopeKeys ?? {}),
      pattern,
      with: replacement,
      expect: 1,
    },
    file: 'local.yaml',
    from: `expression the Xen file rewrites${fn?.name ? ` in ${fn.name}` : ''}`,
    hunks: [],
    general: false,
  };
}

/** Changed lines inside one comment: line by line, or a block for the first and deletions after. */
function commentCandidate(
  s: Structure,
  h: LinuxHunk,
  xlines: string[],
  tag: string,
  from: (w: string) => string,
): Candidate | undefined {
  const texts: string[] = [];
  for (let l = h.a; l < h.b; l++) {
    const t = commentLineText(s, l);
    if (!t) return undefined;
    texts.push(t);
  }
  if (xlines.length === texts.length) {
    return texts.map((t, k) => ({
      rule: {
        id: `${tag}-comment-${k + 1}`,
        kind: 'replace',
        comment: 'none',
        'comment-line': t,
        with: xlines[k].replace(/\n$/, ''),
        expect: 1,
      },
      file: 'local.yaml' as const,
      from: from('comment line the Xen file rewrites'),
      hunks: [],
      general: false,
    }));
  }
  const out: Candidate = [];
  if (xlines.length)
    out.push({
      rule: { id: `xen-${tag}`, kind: 'replace', comment: 'none', 'comment-line': texts[0], block: '@id', expect: 1 },
      file: 'blocks.yaml',
      from: from('comment lines the Xen file replaces'),
      hunks: [],
      general: false,
    });
  texts.slice(xlines.length ? 1 : 0).forEach((t, k) =>
    out.push({
      rule: { id: `${tag}-comment-${k + 1}`, kind: 'delete', comment: 'none', 'comment-line': t, expect: 1 },
      file: 'local.yaml',
      from: from('comment line the Xen file deletes'),
      hunks: [],
      general: false,
    }),
  );
  return out;
}

/** A short tag for a hunk: the item it is in, and its Linux line. */
export function hunkTag(s: Structure, line: number): string {
  const it = itemAt(s, Math.min(line, s.lineStarts.length - 1));
  return slug(`${it?.name ?? 'line'}-${line + 1}`, 40);
}
