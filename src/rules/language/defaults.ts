/**
 * `defaults:` of a rule file or of a port.yaml: values of some common keys (`comment`,
 * `comment-style`, `expect`, `files`) for every rule of the file (or of the rule files the
 * manifest lists) that does not give its own. A rule's own key wins over its file's default,
 * which wins over its port's. A defaulted value is checked like the rule's own, and its messages
 * point at the `defaults:` entry.
 */
import type { Location } from '../../diagnostics';
import { nodeAtPath, nodeLocation, pairOf } from '../yaml';
import type { YamlFile } from '../yaml';
import { COMMON_KEYS } from './keys';
import type { JsonSchema } from './value';

/** The keys a `defaults:` mapping may set. */
export const DEFAULTABLE = ['comment', 'comment-style', 'expect', 'files'] as const;

/** Default values with where each was written. */
export interface Defaults {
  values: Record<string, unknown>;
  origins: Record<string, Location>;
}

/** No defaults. */
export const NO_DEFAULTS: Defaults = { values: {}, origins: {} };

/** The schema of a `defaults:` mapping (in the rule-file schema and in port.yaml's). */
export function defaultsSchema(ref: (key: string) => JsonSchema): JsonSchema {
  return {
    description: `Values of ${DEFAULTABLE.join(', ')} for every rule that does not give its own (a rule's own key wins; a rule file's defaults win over its port's).`,
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: Object.fromEntries(DEFAULTABLE.map((k) => [k, ref(k)])),
  };
}

/** The schema of port.yaml's `defaults:` (port.yaml's schema has no definitions of rule keys). */
export function portDefaultsSchema(): JsonSchema {
  return defaultsSchema((k) => COMMON_KEYS[k as (typeof DEFAULTABLE)[number]].value.schema);
}

/** The `defaults:` of a checked YAML file (a rule file or a port.yaml), with positions. */
export function readDefaults(y: YamlFile): Defaults {
  const values = ((y.data as { defaults?: Record<string, unknown> } | null)?.defaults ?? {}) as Record<string, unknown>;
  const map = nodeAtPath(y, ['defaults']).node;
  const origins: Record<string, Location> = {};
  for (const k of Object.keys(values))
    origins[k] = nodeLocation(y, pairOf(map, k)?.value as Parameters<typeof nodeLocation>[1]);
  return { values, origins };
}

/** `inner` over `outer`: a rule file's defaults over its port's. */
export function layerDefaults(outer: Defaults, inner: Defaults): Defaults {
  return { values: { ...outer.values, ...inner.values }, origins: { ...outer.origins, ...inner.origins } };
}
