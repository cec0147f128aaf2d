/**
 * A small JSON Schema builder whose values carry their TypeScript type: each key of the rule
 * language (a selector module here, a key of src/rules/language/keys.ts or of a kind module of
 * src/edit/kinds/) is declared once as a
 * `Value<T>`, the published schema is generated from the values (rules/language/schema.ts) and the
 * raw type of a rule is derived from them (`RawOf`), so the compiler reads typed values instead of
 * casting.
 */

/** A JSON Schema (draft-07) fragment. */
export type JsonSchema = Record<string, unknown>;

/** A value of the rule language: its schema, and (at the type level only) the type it parses to. */
export interface Value<T> {
  readonly schema: JsonSchema;
  /** Never set: carries `T` for `TypeOf`. */
  readonly _type?: T;
}

/** The type a value parses to. */
export type TypeOf<V> = V extends Value<infer T> ? T : never;

/** The raw (as written in YAML, schema-checked) form of a set of keys: each optional. */
export type RawOf<K extends { readonly [key: string]: { readonly value: Value<unknown> } }> = {
  -readonly [k in keyof K]?: TypeOf<K[k]['value']>;
};

/** A value described by a hand-written schema. */
export function custom<T>(schema: JsonSchema): Value<T> {
  return { schema };
}

/** A string; non-empty unless `minLength: 0`; optionally matching `pattern`. */
export function text(description: string, opts: { minLength?: 0 | 1; pattern?: string } = {}): Value<string> {
  return custom({
    description,
    type: 'string',
    ...((opts.minLength ?? 1) ? { minLength: 1 } : {}),
    ...(opts.pattern ? { pattern: opts.pattern } : {}),
  });
}

/** A `names` value (a name or a list of names; absent: none), as a list. */
export function nameList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** A non-empty string or a non-empty list of non-empty strings. */
export function names(description: string): Value<string | string[]> {
  return custom({
    description,
    type: ['string', 'array'],
    minLength: 1,
    minItems: 1,
    items: { type: 'string', minLength: 1 },
  });
}

/** One of a fixed set of strings. */
export function choice<const E extends string>(description: string, values: readonly E[]): Value<E> {
  return custom({ description, enum: [...values] });
}

/** true or false. */
export function flag(description: string): Value<boolean> {
  return custom({ description, type: 'boolean' });
}

/** A block name: a file blocks/<name>.<ext> of the port. */
export const BLOCK_NAME = '^[A-Za-z0-9_][A-Za-z0-9_.-]*$';

/** One key of the rule language that is not a selector: its value and the text of its row in docs/rules.md. */
export interface KeyDef<T = unknown> {
  readonly value: Value<T>;
  readonly doc: string;
  /** What its schema `pattern` means, in messages ("must be ..."); absent: the pattern is shown. */
  readonly patternText?: string;
}

/** A key: its value, its docs row (markdown) and what its pattern means. */
export function key<T>(value: Value<T>, doc: string, patternText?: string): KeyDef<T> {
  return patternText === undefined ? { value, doc } : { value, doc, patternText };
}
