/**
 * Rule-file fuzzing: real rule files mutated as text (the byte mutations of ./mutate) or as YAML
 * values (a value replaced by one of the wrong type, a huge number or string, deep nesting; a key
 * removed or added; a rule copied thousands of times). Property: loading never throws; a rule
 * file that loads without errors ports the seed Linux file without throwing, deterministically.
 */
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import { formatDiagnostic, hasErrors } from '../../src/diagnostics';
import { port } from '../../src/port';
import { loadRuleSet, parseRuleFile } from '../../src/rules';
import type { RuleSet } from '../../src/rules/types';
import { applyMutations, Mutation, mutationsArb } from './mutate';
import { PropertyFailure, decodeLenient } from './properties';
import type { RuleSeed, Seed } from './seeds';

/** A change to a YAML document, by the index of a node in document order. */
export type ValueMutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add-key'; at: number; key: string; value: unknown }
  | { op: 'copy-rule'; at: number; times: number; renumber: boolean };

const WEIRD: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 53 + 1,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  '',
  ' ',
  '\t',
  '\u0000',
  'x'.repeat(100_000),
  [],
  {},
  [[[[]]]],
  { a: { b: { c: {} } } },
  [null],
  ['*', '**'],
  '0..99999999999999999999',
  '>=99999999999',
  '<=-1',
  '5..2',
  '99999999999999999999',
  '1e400',
  '-0',
  '0x10',
  '$X',
  '$$$',
  '$$$X $$$X',
  '$_',
  '(((',
  '@target',
  '(call_expression) @target',
  '((',
  '#include',
  '#if 0',
  '*/',
  '/*',
  'replace',
  'delete',
  'disable',
  'insert',
  'includes',
  'guard',
  'start',
  'end',
  'before',
  'after',
  'none',
  'in-comment',
  'if (dev_is_pci($D)) $BODY',
  'return $E;',
  'linux/*',
  '../../../../etc/passwd',
  'a\nb\nc',
  '\u202e',
  '\ud800',
];

/** Every node of the document's data, as [parent collection, key or index] pairs, in document order. */
function slots(doc: ReturnType<typeof parseDocument>): Array<{ parent: unknown; key: unknown }> {
  const out: Array<{ parent: unknown; key: unknown }> = [];
  const walk = (node: unknown): void => {
    if (isMap(node))
      for (const p of node.items)
        (out.push({ parent: node, key: isScalar(p.key) ? p.key.value : p.key }), walk(p.value));
    else if (isSeq(node)) node.items.forEach((v, i) => (out.push({ parent: node, key: i }), walk(v)));
  };
  walk(doc.contents);
  return out;
}

/** Apply value mutations to YAML text; YAML that does not parse is returned unchanged. */
export function applyValueMutations(text: string, ms: readonly ValueMutation[]): string {
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length) return text;
  for (const m of ms) {
    const all = slots(doc);
    if (all.length === 0) break;
    const s = all[m.at % all.length];
    const coll = s.parent as {
      set(k: unknown, v: unknown): void;
      delete(k: unknown): boolean;
      get(k: unknown): unknown;
      add(v: unknown): void;
    };
    if (m.op === 'set') coll.set(s.key, doc.createNode(m.value));
    else if (m.op === 'delete') coll.delete(s.key);
    else if (m.op === 'add-key' && isMap(coll.get(s.key)))
      (coll.get(s.key) as typeof coll).set(m.key, doc.createNode(m.value));
    else if (m.op === 'copy-rule') {
      const rules = doc.get('rules');
      if (!isSeq(rules) || rules.items.length === 0) continue;
      const rule = rules.items[m.at % rules.items.length];
      for (let i = 0; i < m.times; i++) {
        const copy = doc.createNode((rule as { toJSON(): unknown }).toJSON()) as { set(k: string, v: unknown): void };
        if (m.renumber && isMap(copy)) copy.set('id', `copy-${i}`);
        rules.add(copy);
      }
    }
  }
  return doc.toString({ lineWidth: 0 });
}

/** Arbitrary for value mutations; `maxCopies` bounds the "huge counts" case. */
export function valueMutationsArb(maxCopies: number): fc.Arbitrary<ValueMutation[]> {
  const at = fc.nat();
  const value = fc.oneof(fc.constantFrom(...WEIRD), fc.jsonValue({ maxDepth: 3 }), fc.string());
  return fc.array(
    fc.oneof(
      { weight: 4, arbitrary: fc.record({ op: fc.constant('set' as const), at, value }) },
      { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at }) },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('add-key' as const),
          at,
          key: fc.constantFrom('id', 'kind', 'expect', 'scope', 'with', 'text', 'blocks', 'pattern', 'junk'),
          value,
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          op: fc.constant('copy-rule' as const),
          at,
          times: fc.integer({ min: 1, max: maxCopies }),
          renumber: fc.boolean(),
        }),
      },
    ),
    { minLength: 1, maxLength: 3 },
  );
}

/** Port `seed` with the rules of one rule-file text, if they load; checks the properties. */
export function checkRuleText(seed: Seed, file: string, text: string): string {
  let parsed: ReturnType<typeof parseRuleFile>;
  try {
    parsed = parseRuleFile(text, file);
  } catch (e) {
    throw new PropertyFailure(`parseRuleFile threw: ${(e as Error).stack ?? String(e)}`);
  }
  if (hasErrors(parsed.diagnostics)) return parsed.diagnostics.find((d) => d.severity === 'error')?.code ?? 'error';
  if (parsed.rules.length === 0) return 'no-rules';
  const rules = [...parsed.rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  rules.forEach((r, i) => (r.order = i));
  const ruleSet: RuleSet = { name: 'fuzz', dir: '.', rules, blockDirs: [], files: [file] };
  const input = { text: decodeLenient(seed.bytes), file: seed.file };
  let out: string[];
  try {
    out = [0, 1].map(() => {
      const r = port(input, ruleSet, { blockFiles: seed.blockFiles });
      return `${r.output}\u0000${r.diagnostics.map(formatDiagnostic).join('\n')}`;
    });
  } catch (e) {
    throw new PropertyFailure(`port() threw with mutated rules: ${(e as Error).stack ?? String(e)}`);
  }
  if (out[0] !== out[1]) throw new PropertyFailure('port() with mutated rules is not deterministic');
  return 'loaded';
}

/** Write a port folder (manifest text + rule files) to `dir` and load it; loading must not throw. */
export function checkManifestText(
  dir: string,
  manifest: string,
  ruleFiles: ReadonlyArray<{ name: string; text: string }>,
): string {
  for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f), { recursive: true, force: true });
  fs.writeFileSync(path.join(dir, 'port.yaml'), manifest);
  for (const r of ruleFiles) fs.writeFileSync(path.join(dir, path.basename(r.name)), r.text);
  try {
    const r = loadRuleSet(dir);
    return r.diagnostics.find((d) => d.severity === 'error')?.code ?? 'loaded';
  } catch (e) {
    throw new PropertyFailure(`loadRuleSet threw: ${(e as Error).stack ?? String(e)}`);
  }
}

/** Text-level mutation of a rule seed. */
export function mutateRuleText(seed: RuleSeed, ms: readonly Mutation[]): string {
  return decodeLenient(applyMutations(Buffer.from(seed.text, 'utf8').toString('latin1'), ms));
}

export { mutationsArb };
