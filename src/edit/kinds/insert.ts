/**
 * `insert`: a template, a Xen-owned block, or only a reason comment, on its own lines before or
 * after the anchor (inline when the anchor does not own its lines).
 *
 * The module of the `insert` kind: its compiled rule type, its keys with their doc text and
 * defaults, its comment placements, tie rank, compile step and edit builder (registry: index.ts).
 */
import type { Match } from '../../match';
import { choice, custom, key, text as textValue } from '../../match/selectors/value';
import type { RuleBase } from '../rule';
import { keysIn, kindModule, optional } from './kind';
import type { KindProblem } from './kind';
import { BLOCK_KEY } from './keys';
import { endsLine, indentAt, lineStart, nextLineStart, startsLine } from '../layout';
import { withSite } from '../reason';
import { indentAll, substitute } from '../template';
import { Slot } from '../types';
import { blockPlaceholder, Built, built, edit, group } from './common';

/** Insert a template or block before or after the anchor. */
export interface InsertRule extends RuleBase {
  kind: 'insert';
  where: 'before' | 'after';
  text?: string;
  block?: string;
  /**
   * Insert `text` once into a Xen-owned block, after the first block line containing `afterLine`,
   * when the selector matches at least once (and the block does not hold the text yet).
   */
  intoBlock?: { block: string; afterLine: string };
}

const INSERT_KEYS = {
  where: key(
    choice('insert: before or after the anchor (default after).', ['before', 'after']),
    '`before` or `after` (default) the anchor',
  ),
  text: key(
    textValue('insert: the template to insert; metavariables bound by the selector are substituted.'),
    'the template to insert',
  ),
  block: BLOCK_KEY,
  'into-block': key(
    custom<{ block: string; 'after-line': string }>({
      description:
        'insert: put text once into a Xen-owned block (after the first block line containing after-line) when the selector matches at least once, e.g. a compatibility definition needed once the Linux code uses a new API. Nothing is inserted when the block already holds the text.',
      type: 'object',
      additionalProperties: false,
      required: ['block', 'after-line'],
      properties: {
        block: { $ref: '#/definitions/block' },
        'after-line': {
          description: 'Text of the block line after which the text goes.',
          type: 'string',
          minLength: 1,
        },
      },
    }),
    'put `text` once into a Xen-owned block (see "into-block")',
  ),
} as const;

/** The insertion offset and whether it is at a line boundary. */
function position(rule: InsertRule, m: Match, text: string): { at: number; lines: boolean } {
  if (rule.select.type === 'file') return { at: m.start, lines: true };
  if (rule.where === 'before')
    return startsLine(text, m.start) ? { at: lineStart(text, m.start), lines: true } : { at: m.start, lines: false };
  return endsLine(text, m.end) ? { at: nextLineStart(text, m.end), lines: true } : { at: m.end, lines: false };
}

/** Build the edits of an insert rule. */
export function buildInsert(rule: InsertRule, matches: Match[], text: string): Built {
  const out = built();
  const slot = rule.where === 'before' ? Slot.Before : Slot.After;
  // Insertions into a Xen-owned block are applied to the block text (src/blocks/amend.ts).
  if (rule.intoBlock) return out;
  for (const [i, m] of matches.entries()) {
    const from = out.edits.length;
    build(m);
    group(out, from, i);
  }
  return out;

  function build(m: Match): void {
    const { at, lines } = position(rule, m, text);
    // Continuation lines of a block comment carry their own ` * ` prefix: text goes in as written there.
    const inComment = rule.select.type === 'comment-line' && !/^\s*\/[*/]/.test(text.slice(m.start, m.end));
    const indent = lines && rule.select.type !== 'file' && !inComment ? indentAt(text, m.start) : '';
    // At the end of a file without a final newline, start a new line first.
    const lead = lines && at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
    let body = '';
    if (rule.text !== undefined) {
      const b = substitute(rule.text, m.captures, text);
      body = lines ? `${indentAll(b, indent)}\n` : b;
    }
    // The reason goes above the inserted text (or block), or at the end of inserted lines.
    let e = withSite(edit(rule, at, at, lead + body, slot), 'above', indent, lead.length);
    if (rule.block !== undefined) {
      out.edits.push(e);
      out.edits.push(edit(rule, at, at, blockPlaceholder(rule.block), slot, rule.block));
      return;
    }
    if (body.endsWith('\n')) e = withSite(e, 'end-of-line', '', lead.length + body.length - 1);
    out.edits.push(e);
  }
}

/** The `insert` kind. */
export const INSERT = kindModule<'insert', InsertRule, typeof INSERT_KEYS>({
  name: 'insert',
  doc: 'add a statement, field, comment or Xen-owned block next to an anchor',
  keys: INSERT_KEYS,
  templates: ['text'],
  combinators: [
    {
      name: 'insertContent',
      schema: {
        description: 'An insert rule has text, block or reason, and not both text and block.',
        anyOf: [{ required: ['text'] }, { required: ['block'] }, { required: ['reason'] }],
        not: { required: ['text', 'block'] },
      },
      explain: (failed, data) =>
        failed === 'anyOf'
          ? { message: 'an insert rule needs `text`, `block` or `reason`' }
          : failed === 'not'
            ? {
                key: keysIn(data, ['text', 'block'])[1],
                message: '`text` and `block` cannot be used together; give one of them',
              }
            : undefined,
    },
  ],
  placements: ['above', 'end-of-line', 'none'],
  defaultComment: 'above',
  defaults: { where: 'after' },
  tieRank: 0,
  check: (raw) => {
    const out: KindProblem[] = [];
    if (raw['into-block']) {
      // The text goes into a block's text, once: there is no anchor to put a comment or a side at.
      if (raw.text === undefined)
        out.push({
          key: 'into-block',
          message: "`into-block` inserts the rule's `text` into the block; this rule has no `text`",
        });
      for (const k of ['block', 'where'] as const)
        if (raw[k] !== undefined)
          out.push({
            key: k,
            message: `\`${k}\` has no effect with \`into-block\` (the text goes after the block line containing \`after-line\`)`,
          });
      if (raw.reason !== undefined && raw.comment !== 'none')
        out.push({
          key: 'comment',
          message: '`into-block` places no reason comment: give `comment: none` (the reason is documentation)',
        });
    } else if (raw.comment === 'end-of-line' && raw.text === undefined) {
      out.push({
        key: 'comment',
        message:
          '`comment: end-of-line` puts the reason at the end of the inserted `text`; this rule has no `text` (use `above` or `none`)',
      });
    }
    return out;
  },
  compile: (raw) => ({
    kind: 'insert',
    where: raw.where ?? 'after',
    ...optional('text', raw.text),
    ...optional('block', raw.block),
    ...(raw['into-block']
      ? { intoBlock: { block: raw['into-block'].block, afterLine: raw['into-block']['after-line'] } }
      : {}),
  }),
  blocksPlaced: (rule) => [rule.block],
  build: buildInsert,
});
