/** `comment-line:`: the line of a comment that contains a text. */
import type { Match } from '../select';
import { countBelow } from '../../sorted';
import { occurrences } from '../words';
import { selector } from './types';
import { text } from './value';

/** The `comment-line:` selector. */
export const COMMENT_LINE = selector<string, { type: 'comment-line'; text: string }>({
  key: 'comment-line',
  value: text(
    'Selector (insert, replace): the line of a comment that contains this text; a replace rule replaces the whole line with its template (a copyright line, a file name).',
  ),
  doc: 'the line of a comment that contains this text: an anchor for `insert`; `replace` replaces the whole line by `with`',
  kinds: ['insert', 'replace'],
  owns: (sel) => sel.type === 'comment-line',
  compile: (v) => ({ select: { type: 'comment-line', text: v }, bound: [], diagnostics: [] }),
  find: (ctx, sel) => {
    const { text } = ctx.src;
    const out: Match[] = [];
    // Where the text occurs, found once (searching from each comment's start went on to the end
    // of the file from every comment without it); each comment reads the first at or after a point.
    const occ = occurrences(text, sel.text);
    const firstFrom = (from: number): number => {
      const i = countBelow(occ, from);
      return i < occ.length ? occ[i] : -1;
    };
    for (const c of ctx.flat.byType.get('comment') ?? []) {
      let at = firstFrom(c.start);
      while (at >= 0 && at + sel.text.length <= c.end) {
        const ls = text.lastIndexOf('\n', at - 1) + 1;
        const nl = text.indexOf('\n', at);
        const le = nl < 0 ? text.length : nl;
        out.push({ start: ls, end: le, nodes: [], captures: new Map() });
        // Past this line (a text that starts with a newline ends its line where it starts).
        at = firstFrom(Math.max(le, at + 1));
      }
    }
    return out;
  },
  need: (s) => {
    const words = { all: [s.text], any: [] };
    return { words, oneItem: false, oneStatement: false, body: { words: [words], defs: [], scopes: [] } };
  },
});
