/**
 * The `transform:` key of the rule language, defined once: its schema and docs line, and how it
 * compiles. A transform derives a new metavariable from the text another one matched, by a regex
 * replace, a case change, a prefix and a suffix (ast-grep's `transform`, Coccinelle's script
 * rules for the common cases), usable in `with`, `text`, `else-text` and `into-block` text.
 * Compiling checks what the schema cannot: `from` must be bound (XP107), the new name must be new
 * and transforms may not depend on each other in a cycle (XP105), the regex must compile, pass the
 * backtracking check of src/match/regex-safety.ts and have the groups `by` uses (XP105); each
 * error points at the value in the YAML. Evaluation is src/match/transform.ts.
 */
import type { Node } from 'yaml';
import { diag, quote } from '../../diagnostics';
import type { Diagnostic } from '../../diagnostics';
import { unsafeRegex } from '../../match/regex-safety';
import { TRANSFORM_CASES } from '../../match/transform';
import type { Transform, TransformCase } from '../../match/transform';
import { keyLocation, nodeAtPath, nodeLocation } from '../yaml';
import type { YamlFile } from '../yaml';
import { custom } from './value';
import type { Value } from './value';

/** One transform as written. */
export interface RawTransform {
  from: string;
  replace?: string;
  by?: string;
  case?: TransformCase;
  prefix?: string;
  suffix?: string;
}

const METAVAR_NAME = '^[A-Z_][A-Z0-9_]*$';
const FROM = /^\s*\$(?:\$\$)?([A-Z_][A-Z0-9_]*)\s*$/;

/** The value of `transform:`: new metavariable names to their derivation. */
export const TRANSFORM_VALUE: Value<Record<string, RawTransform>> = custom({
  description:
    'Derived metavariables: `NEW: { from: $X, replace: REGEX, by: TEXT, case: upper, prefix: TEXT, suffix: TEXT }` binds $NEW to the text $X matched, with every match of the regex replaced by `by` ($1-$9: its groups), then the case changed, then the prefix and suffix added (in that order). Usable in with, text, else-text and into-block text. `from` may name another transform (no cycles).',
  type: 'object',
  minProperties: 1,
  propertyNames: { pattern: METAVAR_NAME },
  additionalProperties: {
    type: 'object',
    additionalProperties: false,
    required: ['from'],
    properties: {
      from: {
        description:
          'The metavariable the text is taken from: $X (bound by the selector, `types` or another transform).',
        type: 'string',
        pattern: '^\\s*\\$(\\$\\$)?[A-Z_][A-Z0-9_]*\\s*$',
      },
      replace: {
        description:
          'A JavaScript regular expression; every match in the text is replaced by `by` (checked for catastrophic backtracking).',
        type: 'string',
        minLength: 1,
      },
      by: {
        description: 'What each match of `replace` becomes: $1-$9 are its groups, $$ is a dollar sign.',
        type: 'string',
      },
      case: {
        description:
          'Case change after the replace: upper, lower, capitalize (first letter), camel, pascal, snake, kebab (words split at _ - . blanks and lower-to-upper changes).',
        enum: [...TRANSFORM_CASES],
      },
      prefix: { description: 'Text put before the result.', type: 'string' },
      suffix: { description: 'Text put after the result.', type: 'string' },
    },
    dependencies: { replace: ['by'], by: ['replace'] },
  },
});

/** Its line in the docs/rules.md table of common keys. */
export const TRANSFORM_DOC =
  '`{ NEW: { from: $X, replace: REGEX, by: TEXT, case: upper, prefix: TEXT, suffix: TEXT } }`: `$NEW` is text derived from what `$X` matched, for `with`, `text`, `else-text` and `into-block` (see "transform")';

/** The compiled transforms of a rule, in evaluation order, and the names they bind. */
export interface CompiledTransforms {
  transforms: Transform[];
  /** The names declared (also when some fail to compile: templates using them are not also XP107). */
  names: string[];
  diagnostics: Diagnostic[];
}

/** Number of capture groups of a regex. */
function groupCount(re: RegExp): number {
  return (new RegExp(`${re.source}|`).exec('')?.length ?? 1) - 1;
}

/**
 * Compile the `transform:` of rule number `index` of `y`: `bound` are the metavariables of the
 * selector and of `types`.
 */
export function compileTransforms(
  y: YamlFile,
  index: number,
  raw: Record<string, RawTransform> | undefined,
  bound: readonly string[],
  ruleId: string,
): CompiledTransforms {
  const out: CompiledTransforms = { transforms: [], names: [], diagnostics: [] };
  if (!raw) return out;
  out.names = Object.keys(raw).filter((n) => !bound.includes(n));
  const at = (...segs: string[]) => {
    const { node } = nodeAtPath(y, ['rules', String(index), 'transform', ...segs]);
    return nodeLocation(y, node as Node | null);
  };
  const error = (code: 'XP105' | 'XP107', message: string, ...segs: string[]) =>
    out.diagnostics.push(diag(code, message, { location: at(...segs), ruleId }));
  const defs = new Map<string, Transform>();
  for (const [name, t] of Object.entries(raw)) {
    if (bound.includes(name)) {
      out.diagnostics.push(
        diag(
          'XP105',
          `transform ${name}: $${name} is already bound by the selector or \`types\`; give the derived text a new name`,
          { location: keyLocation(y, ['rules', String(index), 'transform'], name), ruleId },
        ),
      );
      continue;
    }
    const from = FROM.exec(t.from)?.[1] ?? '';
    const def: Transform = {
      name,
      from,
      ...(t.case ? { case: t.case } : {}),
      ...(t.prefix !== undefined ? { prefix: t.prefix } : {}),
      ...(t.suffix !== undefined ? { suffix: t.suffix } : {}),
    };
    if (!bound.includes(from) && !(from in raw)) {
      const binds = bound.length
        ? `the rule binds ${[...bound, ...Object.keys(raw)].map((b) => `$${b}`).join(', ')}`
        : 'the selector binds no metavariables';
      error('XP107', `transform ${name}: \`from\` names $${from}, which nothing binds (${binds})`, name, 'from');
      continue;
    }
    if (t.replace !== undefined) {
      let regex: RegExp;
      try {
        regex = new RegExp(t.replace, 'g');
      } catch (e) {
        error(
          'XP105',
          `transform ${name}: \`replace\` is not a valid regular expression: ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/g?: /s, '')}`,
          name,
          'replace',
        );
        continue;
      }
      const why = unsafeRegex(t.replace);
      if (why) {
        error(
          'XP105',
          `transform ${name}: the regex ${quote(t.replace)} can backtrack catastrophically: ${why}`,
          name,
          'replace',
        );
        continue;
      }
      const groups = groupCount(regex);
      const used = [...(t.by ?? '').matchAll(/\$(\$|[1-9])/g)]
        .map((m) => m[1])
        .filter((g) => g !== '$')
        .map(Number);
      const missing = used.find((g) => g > groups);
      if (missing !== undefined) {
        error('XP105', `transform ${name}: \`by\` uses $${missing}, and the regex has ${groups} group(s)`, name, 'by');
        continue;
      }
      def.replace = { regex, by: t.by ?? '' };
    }
    defs.set(name, def);
  }
  if (out.diagnostics.length) return out;
  // Order: each transform after the one it is computed from; what is left over is a cycle.
  const done = new Set(bound);
  while (out.transforms.length < defs.size) {
    const next = [...defs.values()].filter((d) => !done.has(d.name) && done.has(d.from));
    if (next.length === 0) {
      const cycle = [...defs.values()].filter((d) => !done.has(d.name)).map((d) => d.name);
      error(
        'XP105',
        `transforms ${cycle.map((n) => `$${n}`).join(', ')} are computed from each other in a cycle; one of them must come from a metavariable of the selector`,
        cycle[0],
        'from',
      );
      return out;
    }
    for (const d of next) {
      out.transforms.push(d);
      done.add(d.name);
    }
  }
  return out;
}
