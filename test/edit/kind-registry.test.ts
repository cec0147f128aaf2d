/**
 * The registry of rule kinds (src/edit/kinds/index.ts): what the dispatch reads from each kind's
 * module beyond its edits: the blocks a rule places (a port's split derives blocks from these) and
 * the tie order of kinds at one place.
 */
import { blocksPlaced, KIND_MODULES, KIND_TIE_ORDER } from '../../src/edit/kinds';
import type { Rule } from '../../src/edit/kinds';

const rule = (fields: Record<string, unknown>): Rule => fields as unknown as Rule;

test('the blocks a rule places come from its kind module: block of replace and insert, else-block of guard', () => {
  expect(blocksPlaced(rule({ kind: 'replace', block: 'a' }))).toEqual(['a']);
  expect(blocksPlaced(rule({ kind: 'replace', with: 'x' }))).toEqual([]);
  // into-block amends a block the port already has: it places none.
  expect(blocksPlaced(rule({ kind: 'insert', block: 'b', intoBlock: { block: 'c', afterLine: 'x' } }))).toEqual(['b']);
  expect(blocksPlaced(rule({ kind: 'guard', condition: 'C', elseBlock: 'd', elseText: 'e' }))).toEqual(['d']);
  for (const kind of ['delete', 'disable', 'includes']) expect(blocksPlaced(rule({ kind, block: 'z' }))).toEqual([]);
});

test('the tie order of kinds at one place follows the modules’ ranks', () => {
  expect(KIND_TIE_ORDER).toEqual(['insert', 'includes', 'guard', 'disable', 'delete', 'replace']);
  const ranks = KIND_TIE_ORDER.map((name) => KIND_MODULES.find((m) => m.name === name)!.tieRank);
  expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
});
