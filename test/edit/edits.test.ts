/** Edit stage: overlaps name both rules, touching edits are fine, order is deterministic. */
import { codes, c, portWith, ruleSet } from '../core/helpers';
import { port } from '../../src/port';

const SRC = c`
  static int f(void)
  {
  \ta(1);
  \tb(2);
  \treturn 0;
  }
`;

describe('edits', () => {
  it('reports overlapping edits naming both rules and their rule-file lines', () => {
    const r = portWith(
      SRC,
      c`
      rules:
        - id: one
          kind: replace
          pattern: "a($X)"
          with: "x($X)"
          comment: none
        - id: two
          kind: replace
          pattern: "a(1); b(2);"
          with: "c();"
          comment: none
    `,
    );
    expect(codes(r.diagnostics)).toEqual(['XP201']);
    expect(r.diagnostics.find((d) => d.code === 'XP201')?.message).toBe(
      "rules 'one' (rules.yaml:2) and 'two' (rules.yaml:7) edit overlapping text",
    );
  });

  it('accepts touching edits and orders insertions at one place deterministically', () => {
    const yaml = c`
      rules:
        - id: a-first
          kind: insert
          pattern: "a(1);"
          text: "after_a();"
          comment: none
        - id: b-second
          kind: insert
          where: before
          pattern: "b(2);"
          text: "before_b();"
          comment: none
        - id: c-third
          kind: replace
          pattern: "b(2)"
          with: "bb(2)"
          comment: none
    `;
    const r = portWith(SRC, yaml);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\ta(1);\n\tafter_a();\n\tbefore_b();\n\tbb(2);\n');
  });

  it('gives the same output whatever the order of the rules', () => {
    const rules = ruleSet(c`
      rules:
        - id: z
          kind: insert
          pattern: "a(1);"
          text: "z();"
          comment: none
        - id: y
          kind: insert
          pattern: "a(1);"
          text: "y();"
          comment: none
    `);
    const a = port({ text: SRC, file: 'in.c' }, rules).output;
    const reversed = { ...rules, rules: [...rules.rules].reverse() };
    expect(port({ text: SRC, file: 'in.c' }, reversed).output).toBe(a);
    // Two insertions of one kind at one place: the rule written first comes first, not the smaller id.
    expect(a).toContain('\ta(1);\n\tz();\n\ty();\n');
  });
});
