/**
 * Checks of the C-bearing strings of a rule: patterns must parse (XP106), queries must compile and
 * capture @target (XP110), and templates may only use metavariables their selector binds (XP107).
 * Every error points at the character inside the YAML scalar.
 */
import type { Node } from 'yaml';
import { diag } from '../diagnostics';
import type { Diagnostic } from '../diagnostics';
import { checkQuery, compileRulePattern } from '../match/pattern';
import type { CompiledPattern } from '../match/pattern';
import { scalarSourceOffset } from './scalar';
import { locationAt } from './yaml';
import type { YamlFile } from './yaml';

/** A string value of a rule together with its YAML node, for positions. */
export interface Located {
  value: string;
  node: Node;
}

/** Location of character `offset` of a located string. */
function at(y: YamlFile, s: Located, offset: number) {
  return locationAt(y, scalarSourceOffset(y.text, s.node, offset));
}

/**
 * A `$` that does not start a metavariable (`$X`, `$$$ARGS`, `$_`: upper case, digits, `_`): a
 * lowercase `$dev` or a `$1` would otherwise be matched as literal C text and never match.
 */
export function malformedMetavar(text: string): { offset: number; text: string; hint: string } | undefined {
  for (const m of text.matchAll(/\$(?:\$\$)?([A-Za-z0-9_]*)/g)) {
    const name = m[1];
    if (/^[A-Z_][A-Z0-9_]*$/.test(name) || (name === '' && m[0] === '$$$')) continue;
    const hint =
      /[a-z]/.test(name) && /^[A-Za-z_]/.test(name)
        ? `metavariable names are upper case: write ${m[0].replace(name, name.toUpperCase())}`
        : 'a metavariable is $ followed by an upper-case name ($X, $$$ARGS, $_)';
    return { offset: m.index ?? 0, text: m[0], hint };
  }
  return undefined;
}

/** Deepest bracket nesting accepted in a pattern or query: real ones stay under 20; 5,000 overflowed the stack. */
export const MAX_PATTERN_DEPTH = 256;

/**
 * Offset of the first bracket nested deeper than MAX_PATTERN_DEPTH, if any (string literals included: a bound, not a
 * parse).
 */
function tooDeep(text: string): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(' || c === '[' || c === '{') {
      if (++depth > MAX_PATTERN_DEPTH) return i;
    } else if (c === ')' || c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Compile a pattern; XP106 at the failing character when it does not parse, XP105 for a malformed metavariable. */
export function checkPattern(
  y: YamlFile,
  s: Located,
  ruleId: string,
): { pattern?: CompiledPattern; diagnostics: Diagnostic[] } {
  const deep = tooDeep(s.value);
  if (deep !== undefined)
    return {
      diagnostics: [
        diag('XP106', `pattern nests brackets more than ${MAX_PATTERN_DEPTH} deep`, {
          location: at(y, s, deep),
          ruleId,
        }),
      ],
    };
  const bad = malformedMetavar(s.value);
  if (bad)
    return {
      diagnostics: [
        diag(
          'XP105',
          `'${bad.text}' in the pattern is not a metavariable (it would match the text '${bad.text}' literally); ${bad.hint}`,
          { location: at(y, s, bad.offset), ruleId },
        ),
      ],
    };
  const r = compileRulePattern(s.value);
  if (r.ok) return { pattern: r.pattern, diagnostics: [] };
  const offset = Math.max(0, Math.min(r.offset, s.value.length));
  return {
    diagnostics: [diag('XP106', `pattern does not parse as C: ${r.message}`, { location: at(y, s, offset), ruleId })],
  };
}

/** Check a query; returns the metavariables it binds (captures other than target), or XP110. */
export function checkRuleQuery(
  y: YamlFile,
  s: Located,
  ruleId: string,
): { captures?: string[]; diagnostics: Diagnostic[] } {
  const deep = tooDeep(s.value);
  if (deep !== undefined)
    return {
      diagnostics: [
        diag('XP110', `query nests brackets more than ${MAX_PATTERN_DEPTH} deep`, { location: at(y, s, deep), ruleId }),
      ],
    };
  const r = checkQuery(s.value);
  if (!r.ok) {
    const offset = Math.max(0, Math.min(r.offset, s.value.length));
    return {
      diagnostics: [diag('XP110', `invalid tree-sitter query: ${r.message}`, { location: at(y, s, offset), ruleId })],
    };
  }
  if (!r.captures.includes('target')) {
    return {
      diagnostics: [
        diag('XP110', 'the query has no @target capture; capture the node the rule selects as @target', {
          location: at(y, s, 0),
          ruleId,
        }),
      ],
    };
  }
  return { captures: [...new Set(r.captures.filter((c) => c !== 'target'))], diagnostics: [] };
}

/** Metavariable uses in a template: `$X` or `$$$X`, with the offset of their first `$`. */
export function templateMetavars(template: string): { name: string; offset: number; text: string }[] {
  return [...template.matchAll(/\$(?:\$\$)?([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => ({
    name: m[1],
    offset: m.index ?? 0,
    text: m[0],
  }));
}

/** XP107 for every metavariable the template uses that the selector does not bind. */
export function checkTemplate(
  y: YamlFile,
  s: Located,
  key: string,
  bound: readonly string[],
  selectorKey: string,
  ruleId: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const mv of templateMetavars(s.value)) {
    if (bound.includes(mv.name)) continue;
    const binds = bound.length ? `it binds ${bound.map((b) => `$${b}`).join(', ')}` : 'it binds no metavariables';
    const lower = /[a-z]/.test(mv.name)
      ? `; metavariable names are upper case: ${mv.text.replace(mv.name, mv.name.toUpperCase())}`
      : '';
    out.push(
      diag('XP107', `\`${key}\` uses ${mv.text}, which the ${selectorKey} selector does not bind (${binds})${lower}`, {
        location: at(y, s, mv.offset),
        ruleId,
      }),
    );
  }
  return out;
}
