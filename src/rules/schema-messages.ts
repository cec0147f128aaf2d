/**
 * Human messages for ajv errors: what went wrong in rule-language terms (not JSON Schema terms),
 * and whether the message belongs at a value or at a particular key.
 */
import type { ErrorObject } from 'ajv';
import { quote } from '../diagnostics';
import type { Code } from '../diagnostics';
import { keysIn } from '../edit/kinds/kind';
import { COMMON_KEYS, KIND_KEYS, KIND_NAMES, KINDS, kindsText, SELECTOR_KEYS, selectorDef } from './language';
import type { KeyDef } from './language/keys';

/**
 * A described error: code, message, and where it goes: at the value, at `key` of the object at the
 * error's path, or at the key naming the value itself (`own-key`).
 */
export interface Described {
  code: Code;
  message: string;
  at: 'value' | 'key' | 'own-key';
  key?: string;
}

/** Human name of the object at a path: `rule 2`, `the rule file`, `scope`. */
export function objectName(segs: readonly string[]): string {
  if (segs.length === 0) return 'the top level';
  if (segs.length === 2 && segs[0] === 'rules') return `rule ${Number(segs[1]) + 1}`;
  return `\`${fieldName(segs)}\``;
}

/** Name of the object at a path, by its id when it is a rule that has one. */
function ruleName(data: unknown, segs: readonly string[]): string {
  const id = (data as { id?: unknown } | null)?.id;
  return segs.length === 2 && segs[0] === 'rules' && typeof id === 'string' ? `rule \`${id}\`` : objectName(segs);
}

/** Name of a field inside a rule or manifest: `scope.function[1]`, `expect`. */
export function fieldName(segs: readonly string[]): string {
  const inner = segs[0] === 'rules' && segs.length >= 2 ? segs.slice(2) : segs;
  if (inner.length === 0) return segs.length ? `rule ${Number(segs[1]) + 1}` : 'the document';
  return inner.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

function typeText(t: string | string[]): string {
  const names: Record<string, string> = {
    string: 'a string',
    array: 'a list',
    object: 'a mapping',
    integer: 'an integer',
    boolean: 'true or false',
    number: 'a number',
  };
  return (Array.isArray(t) ? t : [t]).map((x) => names[x] ?? x).join(' or ');
}

function valueText(v: unknown): string {
  if (v === null) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  return typeof v === 'string' ? quote(v) : JSON.stringify(v);
}

const KEYS: Readonly<Record<string, KeyDef>> = { ...COMMON_KEYS, ...KIND_KEYS };

/** What the pattern of key `k` means, from its definition (common key or kind key). */
function patternText(k: string): string | undefined {
  return Object.hasOwn(KEYS, k) ? KEYS[k].patternText : undefined;
}

/** Errors of the combinators in the rule schema: selectors, and each kind's (explained by its module). */
function describeCombinator(e: ErrorObject): Described | undefined {
  const p = e.schemaPath;
  if (p.endsWith('/oneSelector/oneOf')) {
    const sel = keysIn(e.data, SELECTOR_KEYS);
    if (sel.length === 0)
      return {
        code: 'XP105',
        at: 'value',
        message: `the rule has no selector; give exactly one of: ${SELECTOR_KEYS.join(', ')}`,
      };
    return {
      code: 'XP105',
      at: 'key',
      key: sel[1],
      message: `the rule has ${sel.length} selectors (${sel.join(', ')}); give exactly one`,
    };
  }
  const failed = /\/([A-Za-z]+)\/(oneOf|anyOf|not)$/.exec(p);
  const combinator = failed && KINDS.flatMap((k) => k.combinators ?? []).find((c) => c.name === failed[1]);
  const explained = combinator ? combinator.explain(failed[2], e.data) : undefined;
  if (explained)
    return explained.key !== undefined
      ? { code: 'XP105', at: 'key', key: explained.key, message: explained.message }
      : { code: 'XP105', at: 'value', message: explained.message };
  return undefined;
}

/** Describe one ajv error (not additionalProperties, which the caller handles). */
export function describeError(e: ErrorObject, segs: readonly string[]): Described {
  const combinator = describeCombinator(e);
  if (combinator) return combinator;
  const name = fieldName(segs);
  const inRule = segs[0] === 'rules' && segs.length >= 2;
  const last = segs[segs.length - 1];
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'enum':
      if (inRule && segs.length === 3 && last === 'kind') {
        return {
          code: 'XP104',
          at: 'value',
          message: `unknown rule kind ${valueText(e.data)}; kinds are: ${KIND_NAMES.join(', ')}`,
        };
      }
      return {
        code: 'XP105',
        at: 'value',
        message: `\`${name}\` must be one of: ${(params.allowedValues as string[]).join(', ')} (got ${valueText(e.data)})`,
      };
    case 'not': {
      const s = selectorDef(last);
      return {
        code: 'XP105',
        at: 'own-key',
        message: s ? `selector \`${last}\` is for ${kindsText(s)} rules only` : `\`${last}\` is not allowed here`,
      };
    }
    case 'required':
      return {
        code: 'XP105',
        at: 'value',
        message: `${ruleName(e.data, segs)} is missing the required key \`${String(params.missingProperty)}\``,
      };
    case 'type':
      return {
        code: 'XP105',
        at: 'value',
        message: `\`${name}\` must be ${typeText(params.type as string | string[])}, not ${valueText(e.data)}`,
      };
    case 'pattern':
      return {
        code: 'XP105',
        at: 'value',
        message: `\`${name}\` must be ${patternText(last) ?? `match ${String(params.pattern)}`} (got ${valueText(e.data)})`,
      };
    case 'minimum':
    case 'maximum':
      return {
        code: 'XP105',
        at: 'value',
        message: `\`${name}\` must be between 0 and 100000 (got ${valueText(e.data)})`,
      };
    case 'minLength':
    case 'minItems':
    case 'minProperties':
      return { code: 'XP105', at: 'value', message: `\`${name}\` must not be empty` };
    default:
      return { code: 'XP105', at: 'value', message: `\`${name}\` ${e.message ?? 'is invalid'}` };
  }
}
