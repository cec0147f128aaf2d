/**
 * A static check of the regular expressions in `#match?` / `#not-match?` query predicates (issue 10).
 * node-tree-sitter runs them with JavaScript's backtracking RegExp on the text of every captured
 * node (up to the whole file), where it cannot be interrupted; so a regex that can backtrack
 * catastrophically is refused when the rule is loaded, in the manner of safe-regex (star height):
 * no repeated group that itself holds a repetition (`(a+)+`) or an alternation (`(a|ab)*`), no
 * back-reference, and at most MAX_UNBOUNDED unbounded repetitions in all (`.*x.*y.*z` is
 * polynomial, n^k). Every regex of the shipped rules has none; the check is deliberately simple.
 */

/** Most unbounded repetitions (`*`, `+`, `{n,}`) in one predicate regex. */
export const MAX_UNBOUNDED = 4;

/** The predicate regexes of a query source, unescaped, with their offsets in the source. */
export function predicateRegexes(query: string): Array<{ regex: string; offset: number }> {
  const out: Array<{ regex: string; offset: number }> = [];
  for (const m of query.matchAll(/#(?:not-)?match\?\s+@[\w.-]+\s+"((?:[^"\\]|\\.)*)"/g)) {
    const regex = m[1].replace(/\\(.)/g, (_s, c: string) => (c === 'n' ? '\n' : c === 't' ? '\t' : c));
    out.push({ regex, offset: (m.index ?? 0) + m[0].indexOf('"') });
  }
  return out;
}

interface Group {
  repeats: boolean;
  alternates: boolean;
}

/** Why `regex` can backtrack catastrophically, or undefined when it passes the check. */
export function unsafeRegex(regex: string): string | undefined {
  const stack: Group[] = [{ repeats: false, alternates: false }];
  let unbounded = 0;
  for (let i = 0; i < regex.length; i++) {
    const c = regex[i];
    let closed: Group | undefined;
    if (c === '\\') {
      if (/[1-9k]/.test(regex[i + 1] ?? '')) return 'it uses a back-reference';
      i++;
    } else if (c === '[') {
      for (i++; i < regex.length && regex[i] !== ']'; i++) if (regex[i] === '\\') i++;
    } else if (c === '(') {
      stack.push({ repeats: false, alternates: false });
    } else if (c === ')') {
      closed = stack.length > 1 ? stack.pop() : undefined;
      // What a group holds, its enclosing group holds too.
      const outer = stack[stack.length - 1];
      if (closed) ((outer.repeats ||= closed.repeats), (outer.alternates ||= closed.alternates));
    } else if (c === '|') {
      stack[stack.length - 1].alternates = true;
    }
    // A quantifier after this atom?
    const q = /^(?:[*+]|\{\d+,\d*\}|\?)/.exec(regex.slice(i + 1));
    if (!q) continue;
    i += q[0].length;
    if (regex[i + 1] === '?') i++;
    if (q[0] === '?') continue;
    if (!/^\{\d+,\d+\}$/.test(q[0])) unbounded++;
    if (closed?.repeats) return `a repeated group holds a repetition (nested quantifiers) near offset ${i}`;
    if (closed?.alternates) return `a repeated group holds an alternation near offset ${i}`;
    stack[stack.length - 1].repeats = true;
  }
  if (unbounded > MAX_UNBOUNDED) return `it has ${unbounded} unbounded repetitions (at most ${MAX_UNBOUNDED})`;
  return undefined;
}
