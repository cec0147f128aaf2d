/**
 * The literal prefilter: before a file is parsed, check the words each rule cannot match without
 * (`rule.need.words`, declared by its selector: every identifier a pattern spells out, one of a
 * named selector's names, a comment-line anchor's text). A file in which no rule's words occur is
 * never parsed. A rule that needs no word (a raw query) always passes.
 * Words are found as tokens: an identifier inside a longer identifier (`kfree` in `kfree_skb`,
 * `WRITE_ONCE` in a register name) does not count, as no pattern could match it there.
 */
import { escapeRegExp } from '../match/words';
import type { WordNeed } from '../match/words';
import type { Rule } from '../rules/types';

/** Characters that continue a C identifier (GCC also allows `$`); other characters end a token. */
const IDENT = /[A-Za-z0-9_$]/;

/** The regex source of `w` as a token: no identifier character may touch an identifier end of it. */
function tokenSource(w: string): string {
  const before = IDENT.test(w[0]) ? '(?<![A-Za-z0-9_$])' : '';
  const after = IDENT.test(w[w.length - 1]) ? '(?![A-Za-z0-9_$])' : '';
  return `${before}${escapeRegExp(w)}${after}`;
}

/** True when `w` occurs in `text` as a token (see `tokenSource`). */
function hasToken(text: string, w: string): boolean {
  const checkBefore = IDENT.test(w[0]);
  const checkAfter = IDENT.test(w[w.length - 1]);
  for (let at = text.indexOf(w); at >= 0; at = text.indexOf(w, at + 1)) {
    if (checkBefore && at > 0 && IDENT.test(text[at - 1])) continue;
    if (checkAfter && at + w.length < text.length && IDENT.test(text[at + w.length])) continue;
    return true;
  }
  return false;
}

/** A prefilter for a list of rules, built once and used on every file. */
export class Prefilter {
  private readonly needs: WordNeed[];
  /** One word per rule that it needs (its longest), searched for all rules in a single pass. */
  private readonly keys: Array<readonly string[]>;
  private readonly keyRegExp: RegExp | undefined;
  /** For each word, the longer words that contain it: finding one of them finds the word too. */
  private readonly containedIn = new Map<string, string[]>();
  private readonly always: boolean;

  constructor(readonly rules: readonly Rule[]) {
    this.needs = rules.map((r) => r.need.words);
    this.keys = this.needs.map((n) => (n.all.length ? [[...n.all].sort((a, b) => b.length - a.length)[0]] : n.any));
    this.always = this.keys.some((k) => k.length === 0);
    const words = [...new Set(this.keys.flat())].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
    this.keyRegExp = words.length ? new RegExp(words.map(tokenSource).join('|'), 'g') : undefined;
    for (const w of words)
      this.containedIn.set(
        w,
        words.filter((o) => o !== w && hasToken(o, w)),
      );
  }

  private has(found: Set<string>, word: string): boolean {
    return found.has(word) || (this.containedIn.get(word) ?? []).some((o) => found.has(o));
  }

  /** Indexes (into `rules`) of the rules that may match `text`. */
  candidates(text: string): number[] {
    const found = new Set<string>();
    if (this.keyRegExp) {
      const re = this.keyRegExp;
      re.lastIndex = 0;
      // Restart one character after each hit, so overlapping words are all seen; at one position
      // the regex takes the longest word, and shorter words there are found through containedIn.
      for (let m = re.exec(text); m; m = re.exec(text)) {
        found.add(m[0]);
        re.lastIndex = m.index + 1;
      }
    }
    if (found.size === 0 && !this.always) return [];
    const out: number[] = [];
    this.needs.forEach((n, i) => {
      const keys = this.keys[i];
      if (keys.length && !keys.some((k) => this.has(found, k))) return;
      if (n.all.length && !n.all.every((w) => this.has(found, w) || hasToken(text, w))) return;
      out.push(i);
    });
    return out;
  }
}
