/**
 * `replace`: the match becomes a template (metavariables substituted) or a Xen-owned block. A
 * template of several lines replacing the unbraced body of if/else/for/while gets kernel braces.
 *
 * The module of the `replace` kind: its compiled rule type, its keys with their doc text and
 * defaults, its comment placements, tie rank, compile step and edit builder (registry: index.ts).
 */
import { diag } from '../../diagnostics';
import type { FNode, Match } from '../../match';
import { key, text as textValue } from '../../match/selectors/value';
import type { RuleBase } from '../rule';
import { keysIn, kindModule, optional } from './kind';
import { BLOCK_KEY } from './keys';
import { indentAt, nextLineStart, lineStart } from '../layout';
import { reasonAtMatch, withSite } from '../reason';
import { indentAll, indentRest, substitute } from '../template';
import { Slot } from '../types';
import { blockPlaceholder, Built, built, coversLines, edit, group, where } from './common';

/** Replace the selected text with a template (metavariables substituted) or a Xen-owned block. */
export interface ReplaceRule extends RuleBase {
  kind: 'replace';
  with?: string;
  block?: string;
}

const REPLACE_KEYS = {
  with: key(
    textValue('replace: the template replacing the match; metavariables bound by the selector are substituted.', {
      minLength: 0,
    }),
    'the template replacing the match',
  ),
  block: BLOCK_KEY,
} as const;

const BRACELESS_PARENTS = new Set(['if_statement', 'else_clause', 'for_statement', 'while_statement', 'do_statement']);

/** The unbraced body statement the match is, if any: returns the token it follows. */
function unbracedBody(m: Match): { parent: FNode; prev: FNode } | undefined {
  if (m.nodes.length !== 1) return undefined;
  const n = m.nodes[0];
  const p = n.parent;
  if (!p || !BRACELESS_PARENTS.has(p.type) || n.type === 'compound_statement' || n.field === 'condition')
    return undefined;
  if (!n.type.endsWith('_statement')) return undefined;
  const prev = p.children[n.index - 1];
  return prev ? { parent: p, prev } : undefined;
}

/** True when `n` is or contains an ERROR node or a MISSING token. */
function hasSyntaxError(n: FNode): boolean {
  const stack = [n];
  for (let x = stack.pop(); x; x = stack.pop()) {
    if (x.error || x.missing || x.folded?.hasError) return true;
    stack.push(...x.children);
  }
  return false;
}

/** Build the edits of a replace rule. */
export function buildReplace(rule: ReplaceRule, matches: Match[], text: string, file: string): Built {
  const out = built();
  matches.forEach((m, i) => {
    const from = out.edits.length;
    buildOne(rule, m, text, file, out);
    group(out, from, i);
  });
  return out;
}

/** Add the edits of one match of a replace rule to `out`. */
function buildOne(rule: ReplaceRule, m: Match, text: string, file: string, out: Built): void {
  if (rule.block !== undefined) {
    if (!coversLines(text, m.start, m.end)) {
      out.diagnostics.push(
        diag('XP205', `a block replaces whole lines; this match does not cover whole lines`, {
          location: where(file, text, m.start),
          ruleId: rule.id,
        }),
      );
      return;
    }
    // The block stands for the whole text: edits of other rules inside it are dropped, as in a deletion.
    out.edits.push(
      Object.assign(
        edit(
          rule,
          lineStart(text, m.start),
          nextLineStart(text, m.end),
          blockPlaceholder(rule.block),
          Slot.After,
          rule.block,
        ),
        { drops: true },
      ),
    );
    const r = reasonAtMatch(rule, m, text, file);
    out.edits.push(...r.edits);
    out.diagnostics.push(...r.diagnostics);
    return;
  }
  // Braces for several template statements, not for a multi-line text copied through a metavariable.
  const braced = (rule.with ?? '').replace(/\n$/, '').includes('\n') ? unbracedBody(m) : undefined;
  if (braced) {
    const body = substitute(rule.with ?? '', m.captures, text);
    const outer = indentAt(text, braced.parent.type === 'else_clause' ? braced.parent.start : braced.parent.start);
    const inner = `${outer}\t`;

    // A `//` comment between the header and the body would swallow the brace (found by fuzzing):
    // the brace then goes right after the header, and the comments follow it on the same line.
    const kids = braced.parent.children;
    let h = m.nodes[0].index - 1;
    while (h > 0 && kids[h].type === 'comment') h--;
    if (hasSyntaxError(kids[h])) {
      // Where the header ends is a guess of the parser's: a brace after it may land in a comment.
      out.diagnostics.push(
        diag(
          'XP205',
          `the header of this ${braced.parent.type.replace(/_statement|_clause/, '')} does not parse; braces cannot be placed safely`,
          { location: where(file, text, kids[h].start), ruleId: rule.id },
        ),
      );
      return;
    }
    const lineComment = kids.slice(h + 1, m.nodes[0].index).some((c) => text.startsWith('//', c.start));
    const from = lineComment ? kids[h].end : braced.prev.end;
    const kept = lineComment ? text.slice(kids[h].end, braced.prev.end) : '';
    // The reason placed above goes inside the new braces, above the template's first line.
    const open = ` {${kept}\n`;
    out.edits.push(
      withSite(
        edit(rule, from, m.end, `${open}${indentAll(body, inner)}\n${outer}}`, Slot.After),
        'above',
        inner,
        open.length,
      ),
    );
    // The other placements go where they go for any replacement (the line's end, the comment above).
    const r = reasonAtMatch(rule, m, text, file, false);
    out.edits.push(...r.edits);
    out.diagnostics.push(...r.diagnostics);
    return;
  }
  const indent = indentAt(text, m.start);
  // Template lines take the indentation of the match; text copied through metavariables keeps its own.
  const withText = (rule.with ?? '').endsWith('\n') ? (rule.with ?? '').slice(0, -1) : (rule.with ?? '');
  out.edits.push(
    Object.assign(edit(rule, m.start, m.end, substitute(indentRest(withText, indent), m.captures, text), Slot.After), {
      template: { body: withText, indent, captures: m.captures },
    }),
  );
  const r = reasonAtMatch(rule, m, text, file);
  out.edits.push(...r.edits);
  out.diagnostics.push(...r.diagnostics);
}

/** The `replace` kind. */
export const REPLACE = kindModule<'replace', ReplaceRule, typeof REPLACE_KEYS>({
  name: 'replace',
  doc: 'change an expression, statement, declaration, field or signature: the match becomes `with` (a template) or a `block`',
  keys: REPLACE_KEYS,
  templates: ['with'],
  combinators: [
    {
      name: 'replacement',
      schema: {
        description: 'A replace rule has exactly one of with and block.',
        oneOf: [{ required: ['with'] }, { required: ['block'] }],
      },
      explain: (failed, data) => {
        if (failed !== 'oneOf') return undefined;
        const both = keysIn(data, ['with', 'block']);
        return both.length === 0
          ? { message: 'a replace rule needs `with` (a template) or `block` (a Xen-owned block)' }
          : { key: both[1], message: '`with` and `block` cannot be used together; give one of them' };
      },
    },
  ],
  placements: ['above', 'end-of-line', 'in-comment', 'none'],
  defaultComment: 'above',
  tieRank: 5,
  compile: (raw) => ({ kind: 'replace', ...optional('with', raw.with), ...optional('block', raw.block) }),
  blocksPlaced: (rule) => [rule.block],
  build: buildReplace,
});
