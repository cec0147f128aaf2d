/**
 * Validation of port manifests and rule files against the published JSON Schemas
 * (schema/*.schema.json) with ajv, and translation of ajv errors into catalog diagnostics at the
 * position of the offending YAML key or value (XP103 unknown key, XP104 unknown kind, XP105 rest).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { ErrorObject, Options, ValidateFunction } from 'ajv';
import { diag } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { describeError, objectName } from './schema-messages';
import { keyLocation, pointerSegments, unquotedCHint, valueLocation } from './yaml';
import type { YamlFile } from './yaml';
import { fnv64 } from './fnv64';

// `require` rather than `import`: the schemas live outside src/ and must resolve the same way from
// src/rules (tests) and dist/rules (build).
const RULES_SCHEMA = require('../../schema/rules.schema.json') as Record<string, unknown>;
const PORT_SCHEMA = require('../../schema/port.schema.json') as Record<string, unknown>;

/** Which schema a document is checked against. */
export type SchemaName = 'rules' | 'port';

const validators = new Map<SchemaName, ValidateFunction>();

/** ajv's options for both schemas (also used by the build step that precompiles them). */
export const AJV_OPTIONS: Options = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictTypes: false,
  strictRequired: false,
};

/** Hash of a schema's text and ajv's version: names the precompiled validator that fits them. */
export function schemaHash(name: SchemaName): string {
  const ajvVersion = (require('ajv/package.json') as { version: string }).version;
  return fnv64(`${ajvVersion}\n${JSON.stringify(name === 'rules' ? RULES_SCHEMA : PORT_SCHEMA)}`);
}

/** Where `npm run build` writes the precompiled validator of `name`, from dist/rules or dist/cli (the bundle). */
export const validatorFile = (name: SchemaName): string => path.join(__dirname, '..', 'rules', `validate-${name}.js`);

/**
 * The validator `npm run build` precompiled (scripts/build/validators.js), if present. Loaded from its
 * own file with its own V8 code cache (bin/load-bundle.js), not from the CLI bundle: half a megabyte
 * of code that only a rule load without a compiled-rule cache hit runs, which every cold command
 * paid for in the bundle's load.
 */
function precompiled(name: SchemaName): (ValidateFunction & { schemaHash?: string }) | undefined {
  const file = validatorFile(name);
  if (!fs.existsSync(file)) return undefined; // running from the sources
  const { loadBundle } = require('../../bin/load-bundle') as {
    loadBundle(f: string, o: { fastGrowth: boolean }): { exports: ValidateFunction & { schemaHash?: string } };
  };
  try {
    return loadBundle(file, { fastGrowth: false }).exports;
  } catch {
    return undefined; // a damaged build: ajv compiles the schema instead
  }
}

/**
 * Compiling a schema with ajv takes a quarter of a second, more than a whole port: the build
 * compiles both into standalone code (dist/rules/validate-*.js). They are used when their hash
 * matches the schema; otherwise (tests from sources, a schema edited without a rebuild) ajv compiles
 * here. Nothing is written at run time: an install may be read-only.
 */
function compileValidator(name: SchemaName): ValidateFunction {
  const pre = precompiled(name);
  if (pre && pre.schemaHash === schemaHash(name)) return pre;
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return new Ajv(AJV_OPTIONS).compile(name === 'rules' ? RULES_SCHEMA : PORT_SCHEMA);
}

function validator(name: SchemaName): ValidateFunction {
  let v = validators.get(name);
  if (!v) validators.set(name, (v = compileValidator(name)));
  return v;
}

/** The raw JSON Schemas, for tests and tooling. */
export const SCHEMAS: Record<SchemaName, Record<string, unknown>> = { rules: RULES_SCHEMA, port: PORT_SCHEMA };

/** Errors that only explain why a branch of oneOf/anyOf/not/if failed; the parent error says it better. */
function isBranchNoise(e: ErrorObject): boolean {
  return (
    e.keyword === 'if' || /\/(oneOf|anyOf)\/\d+\/required$/.test(e.schemaPath) || /\/not\/required$/.test(e.schemaPath)
  );
}

/** Keys a schema object allows, leaving out those it declares only to forbid (`not: {}`). */
function allowedKeys(schema: unknown): string[] {
  const props = (schema as { properties?: Record<string, { not?: unknown }> }).properties ?? {};
  return Object.keys(props).filter((k) => props[k].not === undefined);
}

function unknownKey(y: YamlFile, e: ErrorObject, segs: string[]): Diagnostic {
  const key = String((e.params as { additionalProperty: string }).additionalProperty);
  const kind = (e.data as { kind?: unknown }).kind;
  const where =
    segs.length === 2 &&
    segs[0] === 'rules' &&
    typeof kind === 'string' &&
    !e.schemaPath.startsWith('#/definitions/rule/')
      ? ` in a ${kind} rule`
      : ` in ${objectName(segs)}`;
  return diag('XP103', `unknown key \`${key}\`${where}; allowed keys: ${allowedKeys(e.parentSchema).join(', ')}`, {
    location: keyLocation(y, segs, key),
  });
}

/** The id of the rule an error is in, when it has a string id. */
function ruleIdOf(data: unknown, segs: string[]): string | undefined {
  if (segs[0] !== 'rules' || segs.length < 2) return undefined;
  const rules = (data as { rules?: unknown[] } | null)?.rules;
  const id = Array.isArray(rules) ? (rules[Number(segs[1])] as { id?: unknown } | null)?.id : undefined;
  return typeof id === 'string' ? id : undefined;
}

/** Result of validation: diagnostics, and for rule files the indexes of rules that failed. */
export interface SchemaCheck {
  diagnostics: Diagnostic[];
  badRules: Set<number>;
}

/** Validate a parsed YAML file against a schema and map every error to its YAML position. */
export function checkSchema(y: YamlFile, name: SchemaName): SchemaCheck {
  const validate = validator(name);
  const badRules = new Set<number>();
  if (validate(y.data)) return { diagnostics: [], badRules };
  const unknown = new Map<string, { d: Diagnostic; general: boolean }>();
  const rest: Diagnostic[] = [];
  for (const e of validate.errors ?? []) {
    if (isBranchNoise(e)) continue;
    const segs = pointerSegments(e.instancePath);
    if (name === 'rules' && segs[0] === 'rules' && segs.length >= 2) badRules.add(Number(segs[1]));
    const ruleId = ruleIdOf(y.data, segs);
    if (e.keyword === 'additionalProperties') {
      const d = unknownKey(y, e, segs);
      if (ruleId) d.ruleId = ruleId;
      const k = `${e.instancePath}/${(e.params as { additionalProperty: string }).additionalProperty}`;
      const general = e.schemaPath.startsWith('#/definitions/rule/');
      if (!unknown.has(k) || unknown.get(k)!.general) unknown.set(k, { d, general });
      continue;
    }
    const described = describeError(e, segs);
    const location =
      described.at === 'key'
        ? keyLocation(y, segs, described.key!)
        : described.at === 'own-key'
          ? keyLocation(y, segs.slice(0, -1), segs[segs.length - 1])
          : valueLocation(y, segs);
    const hint = unquotedCHint(y.text, location.line);
    rest.push(
      diag(described.code, `${described.message}${hint ? `; ${hint}` : ''}`, {
        location,
        ...(ruleId ? { ruleId } : {}),
      }),
    );
  }
  return { diagnostics: dedupe([...[...unknown.values()].map((u) => u.d), ...rest]), badRules };
}

/** Drop repeated diagnostics (the same value checked by the base rule schema and its kind's). */
function dedupe(ds: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of ds) {
    const k = `${d.code}|${d.location?.line}|${d.location?.col}|${d.message}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(d);
  }
  return out.sort(
    (a, b) => (a.location?.line ?? 0) - (b.location?.line ?? 0) || (a.location?.col ?? 0) - (b.location?.col ?? 0),
  );
}
