/**
 * Generates the published rule-file schema (schema/rules.schema.json) from the definitions of the
 * keys, selectors and kinds: one definition per key, "exactly one selector", the combinators of
 * each kind, one `<kind>Rule` per kind and the `rule` that dispatches on `kind`. The committed file
 * must equal `rulesSchema()` (test/rules/language.test.ts; `npm run generate` rewrites it).
 */
import { defaultsSchema, portDefaultsSchema } from './defaults';
import { COMMON_KEYS, KIND_KEYS } from './keys';
import { KINDS } from './kinds';
import type { KindDef } from './kinds';
import { SELECTORS } from './selectors';
import type { SelectorDef } from './selectors';
import type { JsonSchema } from './value';

const ref = (name: string): JsonSchema => ({ $ref: `#/definitions/${name}` });
const selectors = SELECTORS;
const kinds = KINDS;

/** The schema of `items:`: a list of one-entry mappings, each a named selector that items may use. */
function itemsSchema(): JsonSchema {
  return {
    description:
      'Named items of several kinds as one selection (e.g. the functions, initializers and module macros of one #if 0 region). Each entry names one kind: `{ function: name or [names] }`, `{ declaration: ... }`, ...; every name must be found.',
    type: 'array',
    minItems: 1,
    items: {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      description: 'One kind of named item and its name or names.',
      properties: Object.fromEntries(selectors.filter((s) => s.inItems).map((s) => [s.key, ref(s.key)])),
    },
  };
}

/** The selectors kind `k` takes, and those it names only to reject. */
function selectorsOf(k: KindDef): { allowed: string[]; refused: SelectorDef[] } {
  const allowed = selectors.filter((s) =>
    k.selectors ? k.selectors.includes(s.key) : !s.kinds || s.kinds.includes(k.name),
  );
  const refused = k.selectors ? [] : selectors.filter((s) => !allowed.includes(s));
  return { allowed: allowed.map((s) => s.key), refused };
}

/** Human list of the kinds a selector is for: `insert`, `insert and replace`. */
export function kindsText(s: SelectorDef): string {
  const ks = s.kinds ?? [];
  return ks.length <= 1 ? ks.join('') : `${ks.slice(0, -1).join(', ')} and ${ks[ks.length - 1]}`;
}

/** The schema of one kind's rules. */
function kindSchema(k: KindDef): JsonSchema {
  const { allowed, refused } = selectorsOf(k);
  const properties: JsonSchema = {};
  for (const key of Object.keys(COMMON_KEYS)) properties[key] = ref(key);
  for (const key of allowed) properties[key] = ref(key);
  for (const s of refused)
    properties[s.key] = { description: `Not allowed here: ${s.key} selects only for ${kindsText(s)} rules.`, not: {} };
  for (const key of Object.keys(k.keys)) properties[key] = ref(key);
  const allOf = [...(k.selectors ? [] : [ref('oneSelector')]), ...(k.combinators ?? []).map((c) => ref(c.name))];
  return {
    description: `A ${k.name} rule.`,
    type: 'object',
    required: ['id', 'kind', ...(k.required ?? [])],
    additionalProperties: false,
    properties,
    ...(allOf.length ? { allOf } : {}),
  };
}

/** The `rule` definition: every key any kind takes, and the kind's own schema by `kind`. */
function ruleSchema(): JsonSchema {
  const properties: JsonSchema = {};
  for (const key of [...Object.keys(COMMON_KEYS), ...selectors.map((s) => s.key), ...Object.keys(KIND_KEYS)])
    properties[key] = ref(key);
  return {
    description: 'One rule: an id, a kind, exactly one selector and the keys of its kind.',
    type: 'object',
    required: ['id', 'kind'],
    additionalProperties: false,
    properties,
    allOf: kinds.map((k) => ({
      if: { properties: { kind: { const: k.name } }, required: ['kind'] },
      then: ref(`${k.name}Rule`),
    })),
  };
}

/** The rule-file schema, generated. */
export function rulesSchema(): JsonSchema {
  const definitions: JsonSchema = {};
  for (const [key, d] of Object.entries({ ...COMMON_KEYS, ...KIND_KEYS })) definitions[key] = d.value.schema;
  for (const s of selectors) definitions[s.key] = s.key === 'items' ? itemsSchema() : s.value.schema;
  definitions.oneSelector = {
    description: 'Exactly one selector per rule.',
    oneOf: selectors.map((s) => ({ required: [s.key] })),
  };
  for (const k of kinds) for (const c of k.combinators ?? []) definitions[c.name] = c.schema;
  for (const k of kinds) definitions[`${k.name}Rule`] = kindSchema(k);
  definitions.rule = ruleSchema();
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'xenport rule file',
    description: 'A xenport rule file (see docs/rules.md).',
    type: 'object',
    additionalProperties: false,
    required: ['rules'],
    properties: {
      defaults: defaultsSchema(ref),
      rules: {
        description:
          'The rules of this file; they run sorted by id, and their order here only orders insertions of several rules of one kind at one place (docs/rules.md).',
        type: 'array',
        items: ref('rule'),
      },
    },
    definitions,
  };
}

/** The schema as the committed file spells it. */
export function rulesSchemaText(): string {
  return `${JSON.stringify(rulesSchema(), null, 2)}\n`;
}

/** port.yaml's schema (`portSchemaText`, written by hand) with its `defaults` generated. */
export function portSchemaText(portSchemaText: string): string {
  const schema = JSON.parse(portSchemaText) as { properties: JsonSchema };
  schema.properties.defaults = portDefaultsSchema();
  return `${JSON.stringify(schema, null, 2)}\n`;
}
