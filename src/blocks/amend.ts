/**
 * Amendments of Xen-owned blocks: `insert` rules with `into-block` add a line to a block's text
 * (carried over from the existing Xen file or read from a block file) once their selector matches,
 * e.g. a compatibility definition that the Linux code needs from a given version on.
 */
import { Diagnostic, diag } from '../diagnostics';
import type { Rule } from '../rules/types';

/** One amendment: the rule, how many times its selector matched. */
export interface Amendment {
  rule: Rule;
  matches: number;
}

/** Apply the amendments to `texts` (block name to text) in rule order; returns diagnostics. */
export function amendBlocks(texts: Map<string, string>, amendments: Amendment[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { rule, matches } of amendments) {
    if (rule.kind !== 'insert' || !rule.intoBlock || matches === 0) continue;
    const { block, afterLine } = rule.intoBlock;
    const text = texts.get(block);
    const add = `${(rule.text ?? '').replace(/\n$/, '')}\n`;
    if (text === undefined) {
      out.push(diag('XP111', `into-block: block '${block}' has no text to insert into`, { ruleId: rule.id, location: rule.origin }));
      continue;
    }
    if (text.includes(add.replace(/^\n+/, ''))) continue;
    const lines = text.split(/(?<=\n)/);
    const at = lines.findIndex((l) => l.includes(afterLine));
    if (at < 0) {
      out.push(diag('XP205', `into-block: no line of block '${block}' contains ${JSON.stringify(afterLine)}`, { ruleId: rule.id, location: rule.origin }));
      continue;
    }
    lines.splice(at + 1, 0, add);
    texts.set(block, lines.join(''));
  }
  return out;
}
