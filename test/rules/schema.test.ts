/**
 * The published schemas: valid draft-07 JSON Schema, a description on every field, and every key
 * that docs/rules.md documents present in them.
 */
import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv';

const repo = path.join(__dirname, '..', '..');
const load = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(repo, 'schema', name), 'utf8')) as Record<string, unknown>;
const rules = load('rules.schema.json');
const port = load('port.schema.json');
type S = {
  properties?: Record<string, S>;
  definitions?: Record<string, S>;
  $ref?: string;
  description?: string;
  items?: S;
  additionalProperties?: S | boolean;
};

function resolve(root: S, s: S): S {
  return s.$ref ? resolve(root, root.definitions![s.$ref.replace('#/definitions/', '')]) : s;
}

/** Every `properties` entry anywhere in the schema, as [where, resolved schema]. */
function fields(root: S): [string, S][] {
  const out: [string, S][] = [];
  const walk = (s: S, where: string) => {
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      out.push([`${where}.${k}`, resolve(root, v)]);
      walk(resolve(root, v), `${where}.${k}`);
    }
    // The entries of a mapping with free keys (`transform: { NEW: {...} }`).
    if (typeof s.additionalProperties === 'object') walk(resolve(root, s.additionalProperties), `${where}.*`);
  };
  walk(root, '');
  for (const [k, d] of Object.entries(root.definitions ?? {})) walk(d, `#${k}`);
  return out;
}

test.each([
  ['rules', rules],
  ['port', port],
])('%s schema is valid draft-07 and compiles strictly', (_n, schema) => {
  const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false });
  expect(ajv.validateSchema(schema)).toBe(true);
  expect(() => ajv.compile(schema)).not.toThrow();
  expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
});

test.each([
  ['rules', rules],
  ['port', port],
])('every field of the %s schema has a description', (_n, schema) => {
  const missing = fields(schema as S)
    .filter(([, s]) => !s.description)
    .map(([w]) => w);
  expect(missing).toEqual([]);
});

test('every object schema forbids unknown keys', () => {
  const loose: string[] = [];
  const walk = (s: unknown, where: string) => {
    if (!s || typeof s !== 'object') return;
    const o = s as Record<string, unknown>;
    // An `if` only tests a value; it describes no object.
    if (o.properties && o.additionalProperties !== false && !where.endsWith('/if')) loose.push(where);
    for (const [k, v] of Object.entries(o)) walk(v, `${where}/${k}`);
  };
  walk(rules, '#');
  walk(port, '#');
  expect(loose).toEqual([]);
});

test('every key documented in docs/rules.md is in the schemas', () => {
  const doc = fs.readFileSync(path.join(repo, 'docs', 'rules.md'), 'utf8');
  const keys = new Set<string>();
  // Rows of the generated kinds table name kinds, not keys.
  const kinds = ['replace', 'delete', 'disable', 'insert', 'includes', 'guard'];
  for (const m of doc.matchAll(/^\| `([a-z-]+)` \|/gm)) if (!kinds.includes(m[1])) keys.add(m[1]);
  for (const block of doc.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    for (const m of block[1].matchAll(/^\s*(?:- )?([a-z][a-z-]*):/gm)) keys.add(m[1]);
    for (const m of block[1].matchAll(/\{\s*([a-z]+):/g)) keys.add(m[1]);
  }
  for (const m of doc.matchAll(/`([a-z][a-z-]*): [^`]+`/g)) keys.add(m[1]);
  const known = new Set(
    fields(rules as S)
      .map(([w]) => w.split('.').pop()!)
      .concat(fields(port as S).map(([w]) => w.split('.').pop()!)),
  );
  expect(keys.size).toBeGreaterThan(25);
  expect([...keys].filter((k) => !known.has(k))).toEqual([]);
});

test('the kind enum and the enums of the documented values', () => {
  const d = (rules as { definitions: Record<string, { enum?: string[] }> }).definitions;
  expect(d.kind.enum).toEqual(['replace', 'delete', 'disable', 'insert', 'includes', 'guard']);
  expect(d.comment.enum).toEqual(['if0', 'inside', 'above', 'end-of-line', 'in-comment', 'none']);
  expect(d['comment-style'].enum).toEqual(['block', 'compact']);
  expect(d.where.enum).toEqual(['before', 'after']);
  expect(d['blank-lines'].enum).toEqual(['collapse', 'keep']);
  expect(d.file.enum).toEqual(['start', 'end']);
});
