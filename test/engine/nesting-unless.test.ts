/** edit/nest and `unless:`: nested rewrites compose, deletions swallow inner edits, unless vetoes matches. */
import { codes, c, portWith } from '../core/helpers';

describe('nested rewrites', () => {
  const rules = c`
    rules:
      - id: outer
        kind: replace
        pattern: "add($A, $B)"
        with: "$A + $B"
      - id: inner
        kind: replace
        pattern: "now()"
        with: "NOW()"
  `;

  it('applies an edit inside a metavariable to the copy', () => {
    const r = portWith('void f(void)\n{\n\tt = add(now(), 5);\n\tu = now();\n}\n', rules);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('void f(void)\n{\n\tt = NOW() + 5;\n\tu = NOW();\n}\n');
  });

  it('nests several levels deep (rules of different ids; one rule inside itself: the outermost wins)', () => {
    const three = `${rules}  - id: middle\n    kind: replace\n    pattern: "twice($X)"\n    with: "2 * $X"\n`;
    const r = portWith('void f(void)\n{\n\tt = add(twice(now()), now());\n}\n', three);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tt = 2 * NOW() + NOW();\n');
  });

  it('still reports an overlap that is not inside a metavariable', () => {
    const r = portWith('void f(void)\n{\n\tt = add(1, 2);\n}\n', c`
      rules:
        - id: a
          kind: replace
          pattern: "add($A, $B)"
          with: "$A + $B"
        - id: b
          kind: replace
          pattern: "t = add(1, 2)"
          with: "t = 3"
    `);
    expect(codes(r.diagnostics)).toEqual(['XP201']);
  });
});

describe('deletions swallow inner edits', () => {
  it('drops an edit inside a deleted function with an info, not an overlap error', () => {
    const r = portWith('int keep(void)\n{\n\treturn old();\n}\n\nint gone(void)\n{\n\treturn old();\n}\n', c`
      rules:
        - id: del
          kind: delete
          function: gone
        - id: ren
          kind: replace
          pattern: "old()"
          with: "new()"
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(codes(r.diagnostics, 'info')).toEqual(['XP202']);
    expect(r.output).toBe('int keep(void)\n{\n\treturn new();\n}\n');
  });
});

describe('unless:', () => {
  it('leaves matches that the unless pattern also matches', () => {
    const r = portWith('void f(void)\n{\n\tW(*p, 1);\n\tW(q, 2);\n}\n', c`
      rules:
        - id: w
          kind: replace
          pattern: "W($X, $V)"
          unless: "W(*$_, $_)"
          with: "w(&$X, $V)"
          expect: 1
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tW(*p, 1);\n\tw(&q, 2);\n');
  });

  it('reports an unless pattern that does not parse (XP106)', () => {
    expect(() => portWith('int x;\n', 'rules:\n  - id: w\n    kind: delete\n    pattern: "f($X);"\n    unless: "f(("\n')).toThrow(/XP106/);
  });
});
