/**
 * Small value conversions of the rule language: expect counts (`2`, `">=1"`, `"<=3"`, `"0..2"`),
 * scopes and name lists.
 */
import { nameList } from '../match/selectors/value';
import type { Expectation, Scope } from './types';

/** A name or a list of names, as a list (defined with the `names` value of the rule language). */
export { nameList };

/** The largest count `expect` accepts. */
export const MAX_EXPECT = 100000;

/** The default expectation: at least one match. */
export const DEFAULT_EXPECT: Expectation = { min: 1, max: Infinity, text: '>=1' };

/** Parse an `expect` value (already schema-checked); returns an error message when out of range. */
export function parseExpect(value: number | string | undefined): Expectation | { error: string } {
  if (value === undefined) return { ...DEFAULT_EXPECT };
  const text = String(value).trim();
  let min: number;
  let max: number;
  let m: RegExpMatchArray | null;
  if (typeof value === 'number') [min, max] = [value, value];
  else if ((m = /^>=\s*(\d+)$/.exec(text))) [min, max] = [Number(m[1]), Infinity];
  else if ((m = /^<=\s*(\d+)$/.exec(text))) [min, max] = [0, Number(m[1])];
  else if ((m = /^(\d+)\s*\.\.\s*(\d+)$/.exec(text))) [min, max] = [Number(m[1]), Number(m[2])];
  else if ((m = /^(\d+)$/.exec(text))) [min, max] = [Number(m[1]), Number(m[1])];
  else return { error: `\`expect\` must be N, ">=N", "<=N" or "N..M", not "${text}"` };
  if (
    !Number.isInteger(min) ||
    min < 0 ||
    min > MAX_EXPECT ||
    (max !== Infinity && (!Number.isInteger(max) || max > MAX_EXPECT))
  ) {
    return { error: `\`expect\` counts must be integers from 0 to ${MAX_EXPECT}, not "${text}"` };
  }
  if (min > max) return { error: `\`expect\` range "${text}" is empty: ${min} is more than ${max}` };
  return { min, max, text };
}

/** Convert a `scope` value (already schema-checked) to a Scope; absent means the whole file. */
export function parseScope(value: { function?: string | string[]; struct?: string | string[] } | undefined): Scope {
  return { functions: nameList(value?.function), structs: nameList(value?.struct) };
}
