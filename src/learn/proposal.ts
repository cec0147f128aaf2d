/**
 * A proposed rule: the YAML object a maintainer reads (keys in the order of docs/rules.md), the
 * rule file it goes to, what it was learned from, and the differences it accounts for.
 */

/** The rule files of a learned port, in the order port.yaml lists them. */
export const RULE_FILES = [
  'includes.yaml',
  'dead-code.yaml',
  'deleted.yaml',
  'api.yaml',
  'blocks.yaml',
  'local.yaml',
] as const;
/** One of the rule files of a learned port (or the adopt file). */
export type RuleFile = (typeof RULE_FILES)[number] | 'adopted.yaml';

/** A YAML rule object: `id` and `kind` first, then selector, scope, template, count. */
export type RuleYaml = Record<string, unknown> & { id: string; kind: string };

/** A rule proposed by learning. */
export interface Proposal {
  rule: RuleYaml;
  file: RuleFile;
  /** One line: what the rule was learned from (written as a comment above it). */
  from: string;
  /** Indexes of the hunks (of the current alignment) this rule accounts for. */
  hunks: number[];
  /** A general rule (metavariables or names over several places) rather than a local rewrite. */
  general: boolean;
}

/** Key order of a rule in YAML. */
const ORDER = [
  'id',
  'kind',
  'reason',
  'comment',
  'comment-style',
  'where',
  'scope',
  'function',
  'struct',
  'declaration',
  'macro',
  'call',
  'items',
  'include',
  'comment-line',
  'file',
  'pattern',
  'query',
  'with-comment',
  'blank-lines',
  'with',
  'block',
  'text',
  'add',
  'overrides',
  'expect',
];

/** The rule with its keys in the documented order. */
export function ordered(rule: RuleYaml): RuleYaml {
  const out: Record<string, unknown> = {};
  for (const k of ORDER) if (rule[k] !== undefined) out[k] = rule[k];
  for (const k of Object.keys(rule)) if (!(k in out) && rule[k] !== undefined) out[k] = rule[k];
  return out as RuleYaml;
}

/** A rule id or block name from free text: lower case, digits and dashes. */
export function slug(s: string, max = 48): string {
  const t = s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return /^[a-z0-9]/.test(t) ? t : `x${t}`;
}

/** Make ids unique over a list of proposals (`id`, `id-2`, `id-3`, ...), in order. */
export function uniqueIds(ps: Proposal[], taken: Set<string> = new Set()): void {
  for (const p of ps) {
    let id = p.rule.id;
    for (let n = 2; taken.has(id); n++) id = `${p.rule.id}-${n}`;
    p.rule.id = id;
    taken.add(id);
  }
}
