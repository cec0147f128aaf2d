/**
 * Macro hints: which kernel macros take which shape, as data (the shipped table in
 * ./kernel-macros.ts, plus a port's own `macros:`). Checks a hint table written by hand (each
 * problem with the path of the offending value) and merges tables into the lookup form
 * ./shape.ts uses.
 */

/** The shapes a macro can take (see ./shape.ts for the rewrite of each). */
export const MACRO_SHAPES = [
  'annotation',
  'attribute',
  'iterator',
  'type-argument',
  'declarer',
  'statement',
  'type',
  'string',
  'member-group',
] as const;
/** One shape. */
export type MacroShape = (typeof MACRO_SHAPES)[number];

/** A hint table as written (port.yaml `macros:`, a hint file, or the shipped table). */
export interface MacroHintData {
  annotation?: string[];
  attribute?: string[];
  iterator?: string[];
  /** Macro name to the 0-based positions of its type arguments. */
  'type-argument'?: Record<string, number[]>;
  declarer?: string[];
  statement?: string[];
  type?: string[];
  /** Macros that stand for a string literal (`KERN_ERR "x"`). */
  string?: string[];
  /** Struct member groups (`struct_group(name, members...)`): reads as an anonymous struct member. */
  'member-group'?: string[];
  /**
   * Families classified by name: regular expressions matched against the whole name. A
   * `static-declarer` is a declarer only right after `static` or `extern`; a `top-statement` is a
   * statement macro only as a whole top-level item ending its line.
   */
  patterns?: Partial<Record<PatternShape, string[]>>;
}

/** The shapes a name pattern can give. */
export const PATTERN_SHAPES = ['iterator', 'declarer', 'static-declarer', 'statement', 'top-statement'] as const;
/** One of them. */
export type PatternShape = (typeof PATTERN_SHAPES)[number];

/** Hints ready for shaping. */
export interface MacroHints {
  /** The shape of each listed name (type arguments are kept apart: they combine with `declarer`). */
  shapes: Map<string, Exclude<MacroShape, 'type-argument'>>;
  typeArgs: Map<string, number[]>;
  /** Name patterns by shape, tried in the order of PATTERN_SHAPES when a name is not listed. */
  patterns: Array<{ shape: PatternShape; re: RegExp }>;
}

/** A problem in a hint table: the path of the value (keys and indexes) and what is wrong. */
export interface HintProblem {
  path: Array<string | number>;
  message: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Iterator names need 7 characters: `for(;;` takes 6 and at least one is left for the name's tail. */
export const MIN_ITERATOR_NAME = 7;

const isStringList = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * Check a hint table written by hand. Returns the problems found (unknown keys, names that are
 * not C identifiers, bad positions or patterns, iterator names too short, a name given two
 * shapes); an empty list means `data` is a valid `MacroHintData`.
 */
export function checkHintData(data: unknown): HintProblem[] {
  const out: HintProblem[] = [];
  if (data === null || typeof data !== 'object' || Array.isArray(data))
    return [{ path: [], message: 'macro hints must be a mapping of shape to names' }];
  const seen = new Map<string, string>();
  const claim = (name: string, shape: string, path: Array<string | number>): void => {
    const before = seen.get(name);
    if (before && before !== shape && !(shape === 'type-argument' || before === 'type-argument'))
      out.push({ path, message: `'${name}' is hinted both as ${before} and as ${shape}` });
    else if (before === shape && shape !== 'type-argument')
      out.push({ path, message: `'${name}' is listed twice as ${shape}` });
    if (!before || before === 'type-argument') seen.set(name, shape);
  };
  for (const [key, value] of Object.entries(data as Record<string, unknown>)) {
    if (key === 'patterns') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        out.push({
          path: [key],
          message: `patterns must map shapes (${PATTERN_SHAPES.join(', ')}) to regular expressions`,
        });
        continue;
      }
      for (const [shape, list] of Object.entries(value as Record<string, unknown>)) {
        if (!(PATTERN_SHAPES as readonly string[]).includes(shape)) {
          out.push({ path: [key, shape], message: `unknown pattern shape '${shape}' (${PATTERN_SHAPES.join(', ')})` });
          continue;
        }
        if (!isStringList(list)) {
          out.push({ path: [key, shape], message: 'expected a list of regular expressions' });
          continue;
        }
        list.forEach((re, i) => {
          if (typeof re !== 'string')
            return out.push({ path: [key, shape, i], message: 'expected a regular expression' });
          try {
            new RegExp(re);
          } catch (e) {
            out.push({ path: [key, shape, i], message: `bad regular expression: ${(e as Error).message}` });
          }
        });
      }
      continue;
    }
    if (!(MACRO_SHAPES as readonly string[]).includes(key)) {
      out.push({ path: [key], message: `unknown macro shape '${key}' (${MACRO_SHAPES.join(', ')}, patterns)` });
      continue;
    }
    if (key === 'type-argument') {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        out.push({ path: [key], message: 'type-argument must map macro names to lists of argument positions' });
        continue;
      }
      for (const [name, positions] of Object.entries(value as Record<string, unknown>)) {
        if (!NAME.test(name)) {
          out.push({ path: [key, name], message: `'${name}' is not a C identifier` });
          continue;
        }
        if (!Array.isArray(positions) || positions.length === 0) {
          out.push({ path: [key, name], message: 'expected a non-empty list of 0-based argument positions' });
          continue;
        }
        positions.forEach((p, i) => {
          if (!Number.isInteger(p) || (p as number) < 0 || (p as number) > 31)
            out.push({ path: [key, name, i], message: 'an argument position is an integer from 0 to 31' });
        });
        claim(name, key, [key, name]);
      }
      continue;
    }
    if (!isStringList(value)) {
      out.push({ path: [key], message: `${key} must be a list of macro names` });
      continue;
    }
    value.forEach((name, i) => {
      if (typeof name !== 'string' || !NAME.test(name))
        return out.push({ path: [key, i], message: `${JSON.stringify(name)} is not a C identifier` });
      if (key === 'member-group' && name.length < 6)
        return out.push({
          path: [key, i],
          message: `member group '${name}' is too short to rewrite in place (at least 6 characters)`,
        });
      if (key === 'string' && name.length < 2)
        return out.push({
          path: [key, i],
          message: `string macro '${name}' is too short to rewrite in place (at least 2 characters)`,
        });
      if (key === 'iterator' && name.length < MIN_ITERATOR_NAME)
        return out.push({
          path: [key, i],
          message: `iterator '${name}' is too short to rewrite in place (at least ${MIN_ITERATOR_NAME} characters)`,
        });
      claim(name, key, [key, i]);
    });
  }
  return out;
}

/** Merge hint tables, later ones winning for a name they list (a port's hints over the shipped table). */
export function buildHints(...tables: MacroHintData[]): MacroHints {
  const h: MacroHints = { shapes: new Map(), typeArgs: new Map(), patterns: [] };
  for (const t of tables) {
    for (const shape of MACRO_SHAPES) {
      if (shape === 'type-argument') continue;
      for (const name of t[shape] ?? []) {
        h.shapes.set(name, shape);
        if (shape !== 'declarer') h.typeArgs.delete(name);
      }
    }
    for (const [name, positions] of Object.entries(t['type-argument'] ?? {})) {
      h.typeArgs.set(name, [...positions]);
      if (h.shapes.get(name) !== 'declarer') h.shapes.delete(name);
    }
    for (const shape of PATTERN_SHAPES)
      h.patterns.push(...(t.patterns?.[shape] ?? []).map((p) => ({ shape, re: new RegExp(p) })));
  }
  h.patterns.sort((a, b) => PATTERN_SHAPES.indexOf(a.shape) - PATTERN_SHAPES.indexOf(b.shape));
  return h;
}
