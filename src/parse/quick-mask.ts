/**
 * The masked text of a file (annotations and attributes blanked) without shaping the file: a scan
 * chooses the segments to parse on the masked text, then shapes only those (./shape.ts
 * `shapeSpans`). It is the masked text `shapeMacros` gives, or undefined when that cannot be told
 * this cheaply: shaping leaves an annotation as it is when an earlier macro use rewrote it as part
 * of a whole (a statement macro read as a comment, a type argument read as one identifier), so an
 * annotation inside the argument list of a macro that may do so sends the file to whole-file
 * shaping.
 */
import { CODE, codeMap } from './code-map';
import type { MacroHints } from './hints';
import { patternsMatching, shapeMacros, shapeSpans } from './shape';
import type { TextSpan } from './shape';
import { argList, isIdent, isSpace } from './shape-text';

/** Per hint table: a search for its annotation and attribute names as whole identifiers. */
const annotationSearch = new WeakMap<MacroHints, RegExp | null>();

function searchFor(hints: MacroHints): RegExp | null {
  let re = annotationSearch.get(hints);
  if (re === undefined) {
    const names = [...hints.shapes].filter(([, s]) => s === 'annotation' || s === 'attribute').map(([n]) => n);
    names.sort((a, b) => b.length - a.length);
    re = names.length ? new RegExp(`(?<![A-Za-z0-9_])(?:${names.join('|')})(?![A-Za-z0-9_])`, 'g') : null;
    annotationSearch.set(hints, re);
  }
  return re;
}

/**
 * True when a use of `name` with arguments may rewrite them as a whole (cover them): a statement,
 * type or string macro, a macro with type arguments, or a name whose pattern makes it a statement
 * (at brace depth 0 only for a top-level statement).
 */
function mayCover(hints: MacroHints, name: string, topLevel: boolean): boolean {
  const shape = hints.shapes.get(name);
  if (shape === 'statement' || shape === 'type' || shape === 'string' || hints.typeArgs.has(name)) return true;
  if (shape) return false;
  return patternsMatching(hints, name).some(
    (p) => p.shape === 'statement' || (topLevel && p.shape === 'top-statement'),
  );
}

/**
 * Whether some of the annotation uses at `uses` (ascending offsets) sits inside the argument list
 * of a use that may cover it (`mayCover`): one pass over the code brackets up to the last use.
 */
function mayBeCovered(text: string, kind: Uint8Array, hints: MacroHints, uses: readonly number[]): boolean {
  // Per open bracket: whether it opens the arguments of a use that may cover them.
  const covering: boolean[] = [];
  let open = 0;
  let braces = 0;
  // The next occurrence of each bracket (brackets are few: jumping from one to the next is
  // quicker than reading every character).
  const at = [...BRACKETS].map((b) => text.indexOf(b));
  for (let k = 0; k < at.length; k++) if (at[k] < 0) at[k] = text.length;
  for (const use of uses) {
    for (;;) {
      let k = 0;
      for (let j = 1; j < at.length; j++) if (at[j] < at[k]) k = j;
      const i = at[k];
      if (i > use) break;
      const n = text.indexOf(BRACKETS[k], i + 1);
      at[k] = n < 0 ? text.length : n;
      if (kind[i] !== CODE) continue;
      if (k === 0) {
        const may = mayCover(hints, callee(text, kind, i), braces === 0);
        covering.push(may);
        if (may) open++;
      } else if (k === 2 || k === 4) {
        covering.push(false);
        if (k === 4) braces++;
      } else {
        if (covering.pop()) open--;
        if (k === 5 && braces > 0) braces--;
      }
    }
    if (open > 0) return true;
  }
  return false;
}

/** The brackets `mayBeCovered` follows, openers at even indexes. */
const BRACKETS = '()[]{}';

/** The identifier right before the `(` at `at` (blanks and non-code between), or ''. */
function callee(text: string, kind: Uint8Array, at: number): string {
  let e = at - 1;
  while (e >= 0 && (kind[e] !== CODE || isSpace(text.charCodeAt(e)))) e--;
  let s = e;
  while (s >= 0 && isIdent(text.charCodeAt(s))) s--;
  return s < e ? text.slice(s + 1, e + 1) : '';
}

/**
 * The masked text of `text` (`kind` is its code map) as `shapeMacros(text, hints).masked`, or
 * undefined when an annotation may sit in a use shaping rewrites as a whole.
 */
export function quickMask(text: string, hints: MacroHints, kind: Uint8Array): string | undefined {
  const re = searchFor(hints);
  if (!re) return text;
  const uses: number[] = [];
  const names: string[] = [];
  for (const m of text.matchAll(re))
    if (kind[m.index] === CODE) {
      uses.push(m.index);
      names.push(m[0]);
    }
  if (!uses.length) return text;
  if (mayBeCovered(text, kind, hints, uses)) return undefined;
  // Blank each use in order, as shaping does: an attribute with its arguments, found past what
  // earlier uses blanked (blanked characters count as blanks, as in the shaped text).
  const parts: string[] = [];
  let done = 0;
  let blankEnd = 0;
  const nextCode = (i: number): number => {
    while (i < text.length && (kind[i] !== CODE || i < blankEnd || isSpace(text.charCodeAt(i)))) i++;
    return i;
  };
  uses.forEach((s, k) => {
    const end = s + names[k].length;
    let e = end;
    if (hints.shapes.get(names[k]) === 'attribute') {
      const open = nextCode(end);
      const args = text.charCodeAt(open) === 40 ? argList(text, kind, open) : undefined;
      if (args) e = args.close + 1;
    }
    const a = Math.max(s, done);
    if (e > a) {
      parts.push(text.slice(done, a), text.slice(a, e).replace(/[^\r\n]/g, ' '));
      done = e;
    }
    blankEnd = Math.max(blankEnd, e);
  });
  parts.push(text.slice(done));
  return parts.join('');
}

/**
 * Mask `text`, let `choose` pick the parts to parse from the masked text (undefined: the whole
 * text), and shape those parts only: the masked and shaped texts and the parts chosen. The shaped
 * text is that of `shapeMacros` inside the parts (and the masked text around them).
 */
export function maskThenShape(
  text: string,
  hints: MacroHints,
  choose: (masked: string) => readonly TextSpan[] | undefined,
): { masked: string; shaped: string; parts: readonly TextSpan[] | undefined } {
  const kind = codeMap(text);
  const masked = quickMask(text, hints, kind);
  if (masked === undefined) {
    const whole = shapeMacros(text, hints, kind);
    return { ...whole, parts: choose(whole.masked) };
  }
  const parts = choose(masked);
  const shaped = parts ? shapeSpans(text, masked, parts, hints, kind) : shapeMacros(text, hints, kind).shaped;
  return { masked, shaped, parts };
}
