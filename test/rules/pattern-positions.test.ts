/**
 * XP106 and XP110 positions inside YAML scalars of every style. The matcher is mocked so that a
 * pattern fails exactly at `@@` and a query fails at `!!` (or lacks @target), independent of the
 * real C grammar.
 */
import { parseRuleFile } from '../../src/rules';
import { codesAt, oneRule } from './helpers';

jest.mock('../../src/match/pattern', () => {
  const compilePattern = (source: string) => {
    const at = source.indexOf('@@');
    if (at >= 0) return { ok: false, offset: at, message: 'unexpected token' };
    return {
      ok: true,
      pattern: { source, metavars: [...source.matchAll(/\$(?:\$\$)?([A-Z][A-Z0-9_]*)/g)].map((m) => m[1]) },
    };
  };
  return {
    compilePattern,
    // Rule files compile their patterns through the load's context (no memo here): the same.
    compileRulePattern: compilePattern,
    checkQuery: (source: string) => {
      const at = source.indexOf('!!');
      if (at >= 0) return { ok: false, offset: at, message: 'bad node type' };
      return { ok: true, captures: [...source.matchAll(/@([A-Za-z_]\w*)/g)].map((m) => m[1]) };
    },
  };
});

function errs(...lines: string[]): string[] {
  return codesAt(parseRuleFile(oneRule('id: a', 'kind: delete', ...lines), 'r.yaml').diagnostics);
}

describe('XP106 pattern does not parse', () => {
  test('plain scalar: start + offset', () => {
    expect(errs('pattern: x = @@;')).toEqual(['XP106@4:18']);
  });
  test('double-quoted: +1 for the quote, escapes counted in the source', () => {
    expect(errs('pattern: "x = @@;"')).toEqual(['XP106@4:19']);
    expect(errs('pattern: "a\\tb @@"')).toEqual(['XP106@4:20']);
  });
  test("single-quoted with a doubled ''", () => {
    expect(errs("pattern: 'c = ''x''; @@'")).toEqual(['XP106@4:26']);
  });
  test('literal block scalar: line by line', () => {
    expect(errs('pattern: |', '  a = 1;', '  b = @@;')).toEqual(['XP106@6:11']);
  });
  test('folded block scalar', () => {
    expect(errs('pattern: >-', '  a = 1;', '  b = @@;')).toEqual(['XP106@6:11']);
  });
  test('multi-line plain scalar', () => {
    expect(errs('pattern: a = 1;', '  b = @@;')).toEqual(['XP106@5:11']);
  });
  test('offset 0 is the first character of the pattern', () => {
    expect(errs('pattern: "@@"')).toEqual(['XP106@4:15']);
  });
});

describe('XP110 invalid query', () => {
  test('at the failing character of the query', () => {
    expect(errs('query: "(foo !!) @target"')).toEqual(['XP110@4:18']);
  });
  test('a query without @target, at the query', () => {
    expect(errs('query: "(identifier) @name"')).toEqual(['XP110@4:13']);
  });
});
