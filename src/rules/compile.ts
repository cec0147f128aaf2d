/**
 * Compile one schema-valid rule (a YAML mapping) into its typed form, from the definitions of the
 * rule language (language/): the selector built by its definition, patterns, queries and templates
 * checked, the checks the schema cannot express (comment placements of the kind, ...), defaults
 * filled in by the kind, what the rule needs from a file derived, positions of every field recorded.
 */
import type { Node } from 'yaml';
import { diag } from '../diagnostics';
import type { Diagnostic, Location } from '../diagnostics';
import { nameList, parseExpect, parseScope } from './expect';
import { COMMON_KEYS, kindDef, SELECTOR_KEYS, selectorDef } from './language';
import type { KindDef, SelectorDef } from './language';
import type { RawKindKeys } from './language/kinds';
import { NO_DEFAULTS } from './language/defaults';
import type { Defaults } from './language/defaults';
import { STYLED_PLACEMENTS } from './language/keys';
import { ruleNeed } from './language/need';
import { compileTransforms } from './language/transform';
import type { RawOf } from './language/value';
import { checkPattern, checkRuleQuery, checkTemplate } from './templates';
import type { Located } from './templates';
import type { Expectation, Rule, RuleBase, Selector } from './types';
import { nodeAtPath, nodeLocation, pairOf } from './yaml';
import { parseTypeBinding } from '../match/types';
import type { TypeBinding } from '../match/types';
import type { YamlFile } from './yaml';

/** A rule as the schema shapes it (keys as written in YAML), typed from the definitions. */
type RawRule = RawOf<typeof COMMON_KEYS> & RawKindKeys & { id: string; kind: Rule['kind'] } & Record<string, unknown>;

/**
 * Compile rule number `index` of a rule file whose schema check passed; `defaults` (of the file and
 * its port) give the keys the rule does not.
 */
export function compileRule(
  y: YamlFile,
  index: number,
  own: RawRule,
  defaults: Defaults = NO_DEFAULTS,
): { rule?: Rule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const map = nodeAtPath(y, ['rules', String(index)]).node;
  const raw = { ...defaults.values, ...own } as RawRule;
  const fieldOrigins: Record<string, Location> = {};
  for (const k of Object.keys(raw)) {
    const pair = pairOf(map, k);
    fieldOrigins[k] = pair
      ? nodeLocation(y, (pair.value ?? pair.key) as Node)
      : (defaults.origins[k] ?? nodeLocation(y, map));
  }
  const located = (k: string): Located => ({ value: raw[k] as string, node: pairOf(map, k)!.value as Node });

  const expect = parseExpect(raw.expect);
  if ('error' in expect)
    diagnostics.push(diag('XP105', expect.error, { location: fieldOrigins.expect, ruleId: raw.id }));
  const selectorKey = SELECTOR_KEYS.find((k) => k in raw)!;
  const selector = selectorDef(selectorKey)!;
  const compiled = selector.compile(raw[selectorKey] as never, {
    ruleId: raw.id,
    pattern: () => checkPattern(y, located(selectorKey), raw.id),
    query: () => checkRuleQuery(y, located(selectorKey), raw.id),
  });
  diagnostics.push(...compiled.diagnostics);
  const unless = typeof raw.unless === 'string' ? checkPattern(y, located('unless'), raw.id) : undefined;
  if (unless) diagnostics.push(...unless.diagnostics);
  const types = typeBindings(raw, compiled.bound, fieldOrigins.types, diagnostics);
  const typed = [...compiled.bound, ...types.map((t) => t.name)];
  const transforms = compileTransforms(y, index, raw.transform, typed, raw.id);
  diagnostics.push(...transforms.diagnostics);
  const bound = [...typed, ...transforms.names];
  const kind = kindDef(raw.kind);
  for (const k of kind.templates ?? []) {
    if (typeof raw[k] === 'string') diagnostics.push(...checkTemplate(y, located(k), k, bound, selectorKey, raw.id));
  }
  const comment = raw.comment ?? kind.defaultComment;
  const scope = parseScope(raw.scope);
  for (const p of languageProblems(
    raw,
    own,
    kind,
    selector,
    comment,
    compiled.select,
    'error' in expect ? undefined : expect,
  )) {
    diagnostics.push(
      diag('XP105', p.message, { location: fieldOrigins[p.key] ?? nodeLocation(y, map), ruleId: raw.id }),
    );
  }
  if (diagnostics.length > 0 || !compiled.select || 'error' in expect) return { diagnostics };

  const base: RuleBase = {
    id: raw.id,
    kind: raw.kind,
    ...(raw.reason !== undefined ? { reason: raw.reason } : {}),
    comment,
    commentStyle: raw['comment-style'] ?? 'block',
    expect,
    scope,
    select: compiled.select,
    need: ruleNeed(selector, compiled.select, scope),
    origin: fieldOrigins.id ?? nodeLocation(y, map),
    fieldOrigins,
    order: 0,
    ...(types.length ? { types } : {}),
    ...(transforms.transforms.length ? { transforms: transforms.transforms } : {}),
    ...(unless?.pattern ? { unless: unless.pattern } : {}),
    ...(raw.overrides !== undefined ? { overrides: nameList(raw.overrides) } : {}),
    ...(raw.files !== undefined ? { files: nameList(raw.files) } : {}),
    ...(raw.swallowed === 'expected' ? { swallowed: 'expected' as const } : {}),
  };
  return { rule: { ...base, ...kind.compile(raw) } as Rule, diagnostics };
}

/**
 * What the schema accepts but the language cannot do, so that nothing accepted is silently
 * ignored: a comment placement the kind does not make, a placement without a reason, a comment
 * style the placement does not use, a scope on a selector that no scope can hold, an `expect` that
 * lets a name selector miss names, and the kind's own checks.
 */
function languageProblems(
  raw: RawRule,
  own: RawRule,
  kind: KindDef,
  selector: SelectorDef,
  comment: Rule['comment'],
  select: Selector | undefined,
  expect: Expectation | undefined,
) {
  const out = [];
  if (!kind.placements.includes(comment)) {
    out.push({
      key: 'comment',
      message: `a ${kind.name} rule cannot place its reason \`${comment}\`; \`comment\` must be one of: ${kind.placements.join(', ')}`,
    });
  } else if (comment !== 'none' && raw.reason === undefined && own.comment !== undefined) {
    out.push({
      key: 'comment',
      message: `\`comment: ${comment}\` places the rule's reason, and this rule has no \`reason\``,
    });
  }
  if (raw['comment-style'] !== undefined && !STYLED_PLACEMENTS.includes(comment)) {
    out.push({
      key: 'comment-style',
      message: `\`comment-style\` lays out reasons placed ${STYLED_PLACEMENTS.map((p) => `\`${p}\``).join(', ')}, not \`${comment}\``,
    });
  }
  if (selector.noScope && raw.scope !== undefined)
    out.push({
      key: 'scope',
      message: `a \`${selector.key}\` selector matches outside any function or struct: \`scope\` cannot apply to it`,
    });
  const names = (select && selector.nameGroups?.(select))?.reduce((n, g) => n + g.names.length, 0) ?? 0;
  if (names && expect && raw.expect !== undefined && expect.min < names) {
    out.push({
      key: 'expect',
      message: `every name of a ${selector.key} selector must be found (${names} name(s)); \`expect\` "${expect.text}" allows fewer matches: give at least ${names}, or list fewer names`,
    });
  }
  out.push(...(kind.check?.({ ...raw, comment }) ?? []));
  return out;
}

/** The `types:` bindings of a rule; each must name a metavariable the selector binds and bind a new one. */
function typeBindings(
  raw: RawRule,
  bound: readonly string[],
  at: Location | undefined,
  diagnostics: Diagnostic[],
): TypeBinding[] {
  const out: TypeBinding[] = [];
  for (const [name, value] of Object.entries(raw.types ?? {})) {
    const tb = parseTypeBinding(name, value);
    if (!tb)
      diagnostics.push(
        diag('XP105', `types.${name}: write "$X" or "*$X" with a metavariable of the selector`, {
          location: at,
          ruleId: raw.id,
        }),
      );
    else if (!bound.includes(tb.of))
      diagnostics.push(
        diag('XP107', `types.${name} uses $${tb.of}, which the selector does not bind`, {
          location: at,
          ruleId: raw.id,
        }),
      );
    else if (bound.includes(name))
      diagnostics.push(
        diag('XP105', `types.${name}: $${name} is already bound by the selector`, { location: at, ruleId: raw.id }),
      );
    else out.push(tb);
  }
  return out;
}
