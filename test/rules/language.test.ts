/**
 * The rule language is defined once (src/rules/language/): the published schema and the tables of
 * docs/rules.md are generated from the definitions and must equal the committed files; the type
 * and name lists of the rest of the code follow the definitions; a selector that declares no need
 * runs on the whole tree.
 */
import * as fs from 'fs';
import * as path from 'path';
import { NEEDS_EVERYTHING } from '../../src/match/need';
import {
  KIND_KEYS,
  KIND_NAMES,
  KINDS,
  NAMED_KINDS,
  PLACEMENTS,
  SELECTORS,
  rulesSchemaText,
} from '../../src/rules/language';
import { portSchemaText } from '../../src/rules/language/schema';
import { rulesDocText } from '../../src/rules/language/docs';
import { ruleNeed } from '../../src/rules/language/need';
import type { SelectorDef } from '../../src/rules/language';
import { selectorModule } from '../../src/match/selectors';
import type { Selector, SelectorInput } from '../../src/match/selectors';
import type { CommentPlacement, NamedKind, RuleKind } from '../../src/rules/types';

/** A compile input whose pattern and query fail: the other selectors do not read it. */
const NO_INPUT: SelectorInput = {
  ruleId: 'r',
  pattern: () => ({ diagnostics: [] }),
  query: () => ({ diagnostics: [] }),
};

const repo = path.join(__dirname, '..', '..');
const read = (f: string) => fs.readFileSync(path.join(repo, f), 'utf8');

test('schema/rules.schema.json is the schema generated from the definitions (npm run generate)', () => {
  expect(read('schema/rules.schema.json')).toBe(rulesSchemaText());
});

test('the defaults of schema/port.schema.json are generated from the definitions (npm run generate)', () => {
  expect(read('schema/port.schema.json')).toBe(portSchemaText(read('schema/port.schema.json')));
});

test('the generated tables of docs/rules.md are up to date (npm run generate)', () => {
  const doc = read('docs/rules.md');
  expect(doc.match(/<!-- generated: [a-z-]+ -->/g)).toEqual([
    '<!-- generated: common-keys -->',
    '<!-- generated: selectors -->',
    '<!-- generated: kinds -->',
  ]);
  expect(doc).toBe(rulesDocText(doc));
});

test('one module per kind, with its edit builder and a distinct tie rank, in the order of the kind names', () => {
  expect(KINDS.map((k) => k.name)).toEqual([...KIND_NAMES]);
  for (const k of KINDS) expect(typeof k.build).toBe('function');
  expect(new Set(KINDS.map((k) => k.tieRank)).size).toBe(KINDS.length);
  // A key several kinds take is one definition: the same schema and doc text wherever it is taken.
  const collected = KIND_KEYS as Record<string, unknown>;
  for (const k of KINDS) for (const [key, d] of Object.entries(k.keys)) expect(collected[key]).toBe(d);
  expect(Object.keys(collected).sort()).toEqual([...new Set(KINDS.flatMap((k) => Object.keys(k.keys)))].sort());
  // The compiled type follows the definitions: a kind name is a RuleKind, a placement a CommentPlacement.
  const kind: RuleKind = KIND_NAMES[0];
  const placement: CommentPlacement = PLACEMENTS[0];
  expect([kind, placement]).toEqual(['replace', 'if0']);
  for (const k of KINDS) {
    expect(k.placements).toContain('none');
    expect(k.placements).toContain(k.defaultComment);
  }
});

test('every shipped selector declares what it needs; one that does not runs on the whole tree', () => {
  expect(SELECTORS.filter((s) => !s.need).map((s) => s.key)).toEqual([]);
  const bare: SelectorDef = {
    key: 'new-selector',
    value: { schema: {} },
    doc: '',
    owns: () => false,
    compile: () => ({ bound: [], diagnostics: [] }),
    find: () => [],
  };
  expect(ruleNeed(bare, { type: 'file', where: 'start' }, { functions: ['f'], structs: [] })).toBe(NEEDS_EVERYTHING);
  expect(NEEDS_EVERYTHING).toEqual({ words: { all: [], any: [] }, oneStatement: false });
});

test('every selector module names only kinds that exist, and is found by the dispatch from what it compiles', () => {
  for (const s of SELECTORS) for (const k of s.kinds ?? []) expect(KIND_NAMES).toContain(k);
  const compiled = SELECTORS.map(
    (s) =>
      s.compile(
        (s.named ? 'x' : s.key === 'items' ? [{ function: 'x' }] : s.key === 'file' ? 'end' : 'x') as never,
        NO_INPUT,
      ).select,
  );
  expect(compiled.map((sel, i) => sel && selectorModule(sel as Selector) === SELECTORS[i])).toEqual(
    SELECTORS.map((s) => (s.key === 'pattern' || s.key === 'query' ? undefined : true)),
  );
});

test('every selector module of src/match/selectors is in the registry (a module left out would be no selector)', () => {
  const dir = path.join(repo, 'src', 'match', 'selectors');
  const infrastructure = new Set(['index.ts', 'types.ts', 'value.ts', 'kind.ts']);
  const files = [
    ...fs.readdirSync(dir).map((f) => path.join(dir, f)),
    ...fs.readdirSync(path.join(dir, 'named')).map((f) => path.join(dir, 'named', f)),
  ].filter((f) => f.endsWith('.ts') && !infrastructure.has(path.basename(f)));
  expect(files.length).toBe(SELECTORS.length);
  for (const f of files) {
    const exported = Object.values(require(f) as Record<string, unknown>);
    expect([f, exported.some((e) => SELECTORS.includes(e as SelectorDef))]).toEqual([f, true]);
  }
});

test('the named kinds of the match stage are the named selectors', () => {
  // A NamedKind missing here, or one too many, is a type error.
  const all: Record<NamedKind, true> = {
    function: true,
    struct: true,
    enum: true,
    declaration: true,
    macro: true,
    call: true,
    field: true,
    label: true,
    signature: true,
  };
  expect([...NAMED_KINDS].sort()).toEqual(Object.keys(all).sort());
});
