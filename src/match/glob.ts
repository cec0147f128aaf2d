/**
 * Glob matching in linear-times-pattern time (issue 10): `*` matches within a path segment, `**`
 * across segments, `?` one character other than `/`; everything else is literal. Globs used to be
 * compiled to regular expressions, where a glob with many `*` backtracks exponentially on a name
 * that does not match; here the glob is simulated as a set of states, so matching a name of n
 * characters against a glob of m tokens costs at most n * m steps, whatever the glob.
 */

type Token = { t: 'lit'; c: string } | { t: 'one' } | { t: 'star' } | { t: 'any' };

/** A compiled glob. */
export interface Glob {
  /** Whether `name` matches the whole glob. */
  test(name: string): boolean;
}

function tokenize(glob: string): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (out[out.length - 1]?.t !== 'any') out.push({ t: 'any' });
    } else if (c === '*') {
      const last = out[out.length - 1]?.t;
      if (last !== 'star' && last !== 'any') out.push({ t: 'star' });
    } else if (c === '?') out.push({ t: 'one' });
    else out.push({ t: 'lit', c });
  }
  return out;
}

/** Compile `glob` once; `test` then runs in O(name length * glob length). */
export function compileGlob(glob: string): Glob {
  const toks = tokenize(glob);
  const m = toks.length;
  /** Add state `i` and the states reachable from it without reading (a star matching nothing). */
  const close = (set: Uint8Array, i: number): void => {
    for (let k = i; k <= m && !set[k]; k++) {
      set[k] = 1;
      if (k === m || (toks[k].t !== 'star' && toks[k].t !== 'any')) break;
    }
  };
  return {
    test(name: string): boolean {
      let cur = new Uint8Array(m + 1);
      close(cur, 0);
      for (const ch of name) {
        const next = new Uint8Array(m + 1);
        let alive = false;
        for (let i = 0; i < m; i++) {
          if (!cur[i]) continue;
          const tok = toks[i];
          if (tok.t === 'lit' ? tok.c === ch : tok.t === 'one' ? ch !== '/' : false)
            (close(next, i + 1), (alive = true));
          else if ((tok.t === 'star' && ch !== '/') || tok.t === 'any') (close(next, i), (alive = true));
        }
        if (!alive) return false;
        cur = next;
      }
      return cur[m] === 1;
    },
  };
}

/** Compiled globs by their text: rules are matched file after file with the same globs. */
const compiled = new Map<string, Glob>();

/**
 * Whether a rule with `files:` globs `files` (none: every file) applies to `file`: one of them
 * takes its base name.
 */
export function appliesTo(files: readonly string[] | undefined, file: string): boolean {
  if (!files) return true;
  const base = file.replace(/^.*[\\/]/, '');
  return files.some((g) => {
    let glob = compiled.get(g);
    if (!glob) compiled.set(g, (glob = compileGlob(g)));
    return glob.test(base);
  });
}
