/**
 * Amendments of Xen-owned blocks: `insert` rules with `into-block` add a line to a block's text
 * (carried over from the existing Xen file or read from a block file) once their selector matches,
 * e.g. a compatibility definition that the Linux code needs from a given version on. The text is a
 * template: each match gives its expansion (metavariables and transforms substituted by the
 * caller), each distinct expansion goes in once, indented like the anchor line (the first line of
 * the statement or macro holding it). An amendment the rules already made when the existing Xen
 * file was generated must still be in the carried block: if a maintainer deleted or changed it,
 * that is reported (XP300) and the block is kept as the Xen file has it, never silently amended
 * again (a second, conflicting line).
 */
import { Diagnostic, diag, quote } from '../diagnostics';
import { indentAll } from '../edit/template';
import type { Rule } from '../rules/types';

/** One amendment: the rule, and the expansion of its text for each match (none: it did not match). */
export interface Amendment {
  rule: Rule;
  texts: string[];
}

/** Index of the first line of `lines` containing `afterLine`, or -1. */
function anchorIndex(lines: readonly string[], afterLine: string): number {
  return lines.findIndex((l) => l.includes(afterLine));
}

/** Indentation of the logical line holding line `at`: a macro's continuation lines take its first line's. */
function anchorIndent(lines: readonly string[], at: number): string {
  let i = at;
  while (i > 0 && /\\\r?\n$/.test(lines[i - 1])) i--;
  return /^[ \t]*/.exec(lines[i] ?? '')![0];
}

/**
 * The line(s) an expansion adds under an anchor indented `indent` (its last line ended; further
 * trailing newlines kept as written, as in an insert), and the form looked for in a block (without
 * leading newlines).
 */
function added(expansion: string, indent: string): { add: string; needle: string } {
  const add = `${indentAll(expansion, indent)}\n`;
  return { add, needle: add.replace(/^\n+/, '') };
}

/**
 * The distinct expansions of an amendment that applies (an into-block insert whose selector matched), in match order.
 */
function expansions(a: Amendment): string[] {
  return a.rule.kind === 'insert' && a.rule.intoBlock ? [...new Set(a.texts)] : [];
}

/**
 * Apply the amendments to `texts` (block name to text) in rule order (where the rules are written,
 * never their ids); returns diagnostics. Amendments after one line go in that order, below it.
 * `keep` holds texts not to add again (see `checkCarriedAmendments`).
 */
export function amendBlocks(
  texts: Map<string, string>,
  amendments: Amendment[],
  keep: ReadonlySet<string> = new Set(),
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // The text each block has gained so far, as [start, end) ranges: a later amendment after the
  // same line goes below what earlier ones put there.
  const gained = new Map<string, Array<[number, number]>>();
  for (const a of [...amendments].sort((x, y) => x.rule.order - y.rule.order)) {
    const { rule } = a;
    const all = expansions(a);
    if (!all.length || rule.kind !== 'insert' || !rule.intoBlock) continue;
    const { block, afterLine } = rule.intoBlock;
    const text = texts.get(block);
    if (text === undefined) {
      out.push(
        diag('XP111', `into-block: block '${block}' has no text to insert into`, {
          ruleId: rule.id,
          location: rule.origin,
        }),
      );
      continue;
    }
    const lines = text.split(/(?<=\n)/);
    const at = anchorIndex(lines, afterLine);
    const indent = at < 0 ? '' : anchorIndent(lines, at);
    const wanted = all.map((e) => added(e, indent));
    if (wanted.every(({ needle }) => text.includes(needle) || keep.has(needle))) continue;
    if (at < 0) {
      out.push(
        diag('XP205', `into-block: no line of block '${block}' contains ${quote(afterLine)}`, {
          ruleId: rule.id,
          location: rule.origin,
        }),
      );
      continue;
    }
    // Expansions keep the order of their matches: a missing one goes after the expansion of the
    // previous match found below the anchor, the first one right after the anchor line.
    const from = lines.slice(0, at + 1).join('').length;
    let cur = text;
    const ranges = gained.get(block) ?? [];
    let insertAt = from;
    for (let r = ranges.find((x) => x[0] === insertAt); r; r = ranges.find((x) => x[0] === insertAt)) insertAt = r[1];
    for (const { add, needle } of wanted) {
      const found = cur.indexOf(needle, from);
      if (found >= 0) insertAt = Math.max(insertAt, found + needle.length);
      else if (!cur.includes(needle) && !keep.has(needle)) {
        cur = cur.slice(0, insertAt) + add + cur.slice(insertAt);
        for (const r of ranges) if (r[0] >= insertAt) ((r[0] += add.length), (r[1] += add.length));
        ranges.push([insertAt, insertAt + add.length]);
        insertAt += add.length;
      }
    }
    gained.set(block, ranges);
    texts.set(block, cur);
  }
  return out;
}

/** What `checkCarriedAmendments` found: XP300s, and the amendments not to make again. */
export interface AmendmentCheck {
  diagnostics: Diagnostic[];
  keep: Set<string>;
}

/**
 * Check that every amendment made when the existing Xen file was generated (`atBase`: the
 * amendments of the rules run on the base Linux file) is in the block carried over from that file.
 * A missing one is a hand edit (the line was deleted or changed): XP300 at the block's anchor line
 * (a warning with `drop`), and the amendment is kept out of the new port, in any block (a file
 * split may move it), so that the maintainer's version stays the only one.
 */
export function checkCarriedAmendments(
  carried: ReadonlyMap<string, string>,
  atBase: Amendment[],
  xen: { text: string; file: string },
  drop: boolean,
): AmendmentCheck {
  const diagnostics: Diagnostic[] = [];
  const keep = new Set<string>();
  for (const a of atBase) {
    const { rule } = a;
    if (rule.kind !== 'insert' || !rule.intoBlock) continue;
    const text = carried.get(rule.intoBlock.block);
    if (text === undefined) continue;
    const lines = text.split(/(?<=\n)/);
    const at = anchorIndex(lines, rule.intoBlock.afterLine);
    for (const e of expansions(a)) {
      const { add, needle } = added(e, at < 0 ? '' : anchorIndent(lines, at));
      if (text.includes(needle) || keep.has(needle)) continue;
      keep.add(needle);
      const shown = quote(needle.replace(/\n$/, ''));
      diagnostics.push(
        diag(
          'XP300',
          `block '${rule.intoBlock.block}' lacks the line(s) ${shown} that rule '${rule.id}' put there (deleted or changed by hand?); the block is kept as the Xen file has it, not amended again`,
          {
            location: {
              file: xen.file,
              line: anchorLine(xen.text, text, rule.intoBlock.afterLine) + add.length - needle.length,
              col: 1,
            },
            ruleId: rule.id,
            ...(drop ? { severity: 'warning' as const } : {}),
          },
        ),
      );
    }
  }
  return { diagnostics, keep };
}

/**
 * 1-based line of the Xen file after the block's anchor line (where the amendment went), else the block's first line.
 */
function anchorLine(xen: string, block: string, afterLine: string): number {
  const start = xen.indexOf(block);
  if (start < 0) return 1;
  const lineOf = (offset: number): number => xen.slice(0, offset).split('\n').length;
  const inBlock = block.split('\n').findIndex((l) => l.includes(afterLine));
  return lineOf(start) + (inBlock < 0 ? 0 : inBlock + 1);
}
