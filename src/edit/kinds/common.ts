/**
 * Pieces shared by the rule-kind builders: block placeholders, the statement that holds a match,
 * the comments above an item (the reason comments are placed by ../reason.ts).
 */
import { Diagnostic, LineIndex, Location } from '../../diagnostics';
import type { FNode, Match } from '../../match';
import type { Rule } from '.';
import { PlannedEdit, Region, Slot } from '../types';
import { endsLine, startsLine } from '../layout';

/** What a builder returns for one rule. */
export interface Built {
  edits: PlannedEdit[];
  regions: Region[];
  diagnostics: Diagnostic[];
}

/** An empty result to fill. */
export function built(): Built {
  return { edits: [], regions: [], diagnostics: [] };
}

/** The placeholder line standing for a Xen-owned block until blocks are resolved. */
export function blockPlaceholder(name: string): string {
  return `\u0000XENPORT-BLOCK ${name}\u0000\n`;
}

/** An edit of `rule`. */
export function edit(rule: Rule, start: number, end: number, text: string, slot: Slot, block?: string): PlannedEdit {
  return { start, end, text, ruleId: rule.id, order: rule.order, slot, ...(block ? { block } : {}) };
}

let lastIndex: { text: string; index: LineIndex } | undefined;

/** A rule named in a message: its id and where it is written. */
export function ruleRef(rules: ReadonlyMap<string, Rule>, id: string): string {
  const r = rules.get(id);
  return r ? `'${id}' (${r.origin.file}:${r.origin.line})` : `'${id}'`;
}

/** The location of an offset of the input, for diagnostics (the line index is kept for the last text). */
export function where(file: string, text: string, off: number): Location {
  if (lastIndex?.text !== text) lastIndex = { text, index: new LineIndex(text) };
  return { file, ...lastIndex.index.position(off) };
}

const STATEMENTISH = /(_statement|^declaration|^field_declaration|^preproc_\w+)$/;

/** The innermost statement-like node around the match that starts its own line. */
export function holdingStatement(m: Match, text: string): FNode | undefined {
  for (let n: FNode | null = m.nodes[0] ?? null; n; n = n.parent) {
    if ((STATEMENTISH.test(n.type) || n.type === 'function_definition') && startsLine(text, n.start)) return n;
  }
  return undefined;
}

/** A comment that ends on the line right above `n` (only blanks and one newline between). */
export function commentAbove(n: FNode, text: string): FNode | undefined {
  const prev = n.parent?.children[n.index - 1];
  if (!prev || prev.type !== 'comment') return undefined;
  return /^[ \t\r]*\n[ \t]*$/.test(text.slice(prev.end, n.start)) ? prev : undefined;
}

/** Where an item starts once the comments stacked right above it are taken with it. */
export function startWithComments(n: FNode, text: string): number {
  let start = n.start;
  for (let c = commentAbove(n, text); c; c = commentAbove(c, text)) start = c.start;
  return start;
}

/** Mark the edits of `built` from index `from` on as one group (one match or region of the rule). */
export function group(built: Built, from: number, id: number): void {
  for (let i = from; i < built.edits.length; i++) built.edits[i].group = id;
}

/** True when `[start, end)` covers whole lines (so a block can replace it). */
export function coversLines(text: string, start: number, end: number): boolean {
  return startsLine(text, start) && endsLine(text, end);
}
