/**
 * Compile one schema-valid rule (a YAML mapping) into its typed form: defaults filled in, the
 * selector built, patterns, queries and templates checked, positions of every field recorded.
 */
import type { Node } from 'yaml';
import { diag } from '../diagnostics';
import type { Diagnostic, Location } from '../diagnostics';
import { nameList, parseExpect, parseScope } from './expect';
import { SELECTOR_KEYS } from './schema-messages';
import { checkPattern, checkRuleQuery, checkTemplate } from './templates';
import type { Located } from './templates';
import type { CommentPlacement, NamedKind, Rule, RuleBase, Selector } from './types';
import { nodeAtPath, nodeLocation, pairOf } from './yaml';
import { parseTypeBinding } from '../match/types';
import type { TypeBinding } from '../match/types';
import type { YamlFile } from './yaml';

/** A rule as the schema shapes it (keys as written in YAML). */
type RawRule = Record<string, unknown> & { id: string; kind: Rule['kind'] };

const NAMED: readonly string[] = ['function', 'struct', 'declaration', 'macro', 'call', 'field', 'label', 'signature'];

/** Build the selector of a rule; the schema guarantees exactly one selector key. */
function buildSelector(raw: RawRule, key: string, y: YamlFile, node: (k: string) => Located, diagnostics: Diagnostic[]): { select?: Selector; bound: string[] } {
  const v = raw[key];
  if (key === 'pattern') {
    const r = checkPattern(y, node('pattern'), raw.id);
    diagnostics.push(...r.diagnostics);
    return { select: r.pattern && { type: 'pattern', pattern: r.pattern }, bound: r.pattern?.metavars ?? [] };
  }
  if (key === 'query') {
    const r = checkRuleQuery(y, node('query'), raw.id);
    diagnostics.push(...r.diagnostics);
    return { select: r.captures && { type: 'query', source: v as string }, bound: r.captures ?? [] };
  }
  if (NAMED.includes(key)) return { select: { type: 'named', kind: key as NamedKind, names: nameList(v as string | string[]) }, bound: [] };
  if (key === 'items') {
    const items = (v as Array<Record<string, string | string[]>>).map((entry) => {
      const [kind, names] = Object.entries(entry)[0];
      return { kind: kind as NamedKind, names: nameList(names) };
    });
    return { select: { type: 'items', items }, bound: [] };
  }
  if (key === 'include') return { select: { type: 'include', globs: nameList(v as string | string[]) }, bound: [] };
  if (key === 'comment-line') return { select: { type: 'comment-line', text: v as string }, bound: [] };
  return { select: { type: 'file', where: v as 'start' | 'end' }, bound: [] };
}

/** Compile rule number `index` of a rule file whose schema check passed. */
export function compileRule(y: YamlFile, index: number, raw: RawRule): { rule?: Rule; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const segs = ['rules', String(index)];
  const map = nodeAtPath(y, segs).node;
  const fieldOrigins: Record<string, Location> = {};
  for (const k of Object.keys(raw)) {
    const pair = pairOf(map, k);
    fieldOrigins[k] = nodeLocation(y, (pair?.value ?? pair?.key ?? map) as Node);
  }
  const located = (k: string): Located => ({ value: raw[k] as string, node: pairOf(map, k)!.value as Node });

  const expect = parseExpect(raw.expect as number | string | undefined);
  if ('error' in expect) diagnostics.push(diag('XP105', expect.error, { location: fieldOrigins.expect, ruleId: raw.id }));
  const selectorKey = SELECTOR_KEYS.find((k) => k in raw)!;
  const { select, bound: selected } = buildSelector(raw, selectorKey, y, located, diagnostics);
  const unless = typeof raw.unless === 'string' ? checkPattern(y, located('unless'), raw.id) : undefined;
  if (unless) diagnostics.push(...unless.diagnostics);
  const types = typeBindings(raw, selected, fieldOrigins.types, diagnostics);
  const bound = [...selected, ...types.map((t) => t.name)];
  for (const k of ['with', 'text', 'else-text']) {
    if (typeof raw[k] === 'string') diagnostics.push(...checkTemplate(y, located(k), k, bound, selectorKey, raw.id));
  }
  if (diagnostics.length > 0 || !select || 'error' in expect) return { diagnostics };

  const base: RuleBase = {
    id: raw.id,
    kind: raw.kind,
    ...(typeof raw.reason === 'string' ? { reason: raw.reason } : {}),
    comment: (raw.comment as CommentPlacement | undefined) ?? (raw.kind === 'disable' ? 'if0' : raw.kind === 'guard' ? 'none' : 'above'),
    commentStyle: (raw['comment-style'] as 'block' | 'compact' | undefined) ?? 'block',
    expect,
    scope: parseScope(raw.scope as Parameters<typeof parseScope>[0]),
    select,
    origin: fieldOrigins.id ?? nodeLocation(y, map),
    fieldOrigins,
    order: 0,
    ...(types.length ? { types } : {}),
    ...(unless?.pattern ? { unless: unless.pattern } : {}),
    ...(raw.overrides !== undefined ? { overrides: nameList(raw.overrides as string | string[]) } : {}),
    ...(raw.files !== undefined ? { files: nameList(raw.files as string | string[]) } : {}),
    ...(raw.swallowed === 'expected' ? { swallowed: 'expected' as const } : {}),
  };
  return { rule: withKindFields(base, raw), diagnostics };
}

/** The `types:` bindings of a rule; each must name a metavariable the selector binds and bind a new one. */
function typeBindings(raw: RawRule, bound: readonly string[], at: Location | undefined, diagnostics: Diagnostic[]): TypeBinding[] {
  const out: TypeBinding[] = [];
  for (const [name, value] of Object.entries((raw.types as Record<string, string> | undefined) ?? {})) {
    const tb = parseTypeBinding(name, value);
    if (!tb) diagnostics.push(diag('XP105', `types.${name}: write "$X" or "*$X" with a metavariable of the selector`, { location: at, ruleId: raw.id }));
    else if (!bound.includes(tb.of)) diagnostics.push(diag('XP107', `types.${name} uses $${tb.of}, which the selector does not bind`, { location: at, ruleId: raw.id }));
    else if (bound.includes(name)) diagnostics.push(diag('XP105', `types.${name}: $${name} is already bound by the selector`, { location: at, ruleId: raw.id }));
    else out.push(tb);
  }
  return out;
}

/** Add the fields specific to the rule's kind, with their defaults. */
function withKindFields(base: RuleBase, raw: RawRule): Rule {
  const str = (k: string) => (typeof raw[k] === 'string' ? { [k]: raw[k] as string } : {});
  switch (raw.kind) {
    case 'replace':
      return { ...base, kind: 'replace', ...str('with'), ...str('block') };
    case 'delete':
      return { ...base, kind: 'delete', blankLines: (raw['blank-lines'] as 'collapse' | 'keep' | undefined) ?? 'collapse', withComment: (raw['with-comment'] as boolean | undefined) ?? false };
    case 'disable':
      return { ...base, kind: 'disable', withComment: (raw['with-comment'] as boolean | undefined) ?? true };
    case 'insert':
      return {
        ...base,
        kind: 'insert',
        where: (raw.where as 'before' | 'after' | undefined) ?? 'after',
        ...str('text'),
        ...str('block'),
        ...(raw['into-block'] ? { intoBlock: { block: (raw['into-block'] as Record<string, string>).block, afterLine: (raw['into-block'] as Record<string, string>)['after-line'] } } : {}),
      };
    case 'includes':
      return { ...base, kind: 'includes', add: [...(raw.add as string[])] };
    case 'guard':
      return {
        ...base,
        kind: 'guard',
        condition: raw.condition as string,
        withComment: (raw['with-comment'] as boolean | undefined) ?? true,
        endComment: (raw['end-comment'] as boolean | undefined) ?? true,
        ...(typeof raw['else-block'] === 'string' ? { elseBlock: raw['else-block'] } : {}),
        ...(typeof raw['else-text'] === 'string' ? { elseText: raw['else-text'] } : {}),
      };
  }
}
