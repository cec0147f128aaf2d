/**
 * `transform:` (derived metavariables) in `with`, `text`, `else-text` and `into-block` text, the
 * errors `rules check` gives for them, and `into-block` text as an indented template
 * (docs/rules.md, "transform" and "into-block").
 */
import { changeCase } from '../../src/match';
import { parseRuleFile } from '../../src/rules';
import { codes, c, portWith } from '../core/helpers';

describe('case changes', () => {
  it.each([
    ['upper', 'aa64isar2', 'AA64ISAR2'],
    ['lower', 'ARM_SMMU', 'arm_smmu'],
    ['capitalize', 'smmu_dev', 'Smmu_dev'],
    ['snake', 'armSmmuDevice', 'arm_smmu_device'],
    ['snake', 'arm-smmu.v3', 'arm_smmu_v3'],
    ['camel', 'arm_smmu_device', 'armSmmuDevice'],
    ['pascal', 'arm_smmu_device', 'ArmSmmuDevice'],
    ['kebab', 'ArmSmmuDevice', 'arm-smmu-device'],
  ] as const)('%s of %s is %s', (kind, from, to) => {
    expect(changeCase(from, kind)).toBe(to);
  });
});

describe('transform in templates', () => {
  const C = 'void f(void)\n{\n\tsmmu_write_reg(dev, val);\n}\n';

  it('derives text in `with`: regex replace with a group, case, prefix and suffix', () => {
    const r = portWith(
      C,
      c`
      rules:
        - id: r
          kind: replace
          comment: none
          pattern: "$FN($D, $V)"
          transform:
            WHAT: { from: $FN, replace: '^smmu_(\\w+)_reg$', by: "$1", case: upper, prefix: "SMMU_", suffix: "_OP" }
          with: "xen_op($WHAT, $D, $V)"
    `,
    );
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('void f(void)\n{\n\txen_op(SMMU_WRITE_OP, dev, val);\n}\n');
  });

  it('chains transforms (in any order of writing) and replaces every match of the regex', () => {
    const r = portWith(
      C,
      c`
      rules:
        - id: r
          kind: replace
          comment: none
          pattern: "$FN($D, $V)"
          transform:
            MACRO: { from: $CAMEL, case: snake, prefix: "X_" }
            CAMEL: { from: $FN, replace: "_", by: "-", case: camel }
          with: "$MACRO($CAMEL)"
    `,
    );
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('void f(void)\n{\n\tX_smmu_write_reg(smmuWriteReg);\n}\n');
  });

  it('derives text in insert `text`, once per match', () => {
    const r = portWith(
      'void a(void)\n{\n}\nvoid b(void)\n{\n}\n',
      c`
      rules:
        - id: r
          kind: insert
          comment: none
          query: "(function_definition declarator: (function_declarator declarator: (identifier) @FN)) @target"
          transform:
            UP: { from: $FN, case: upper }
          text: "EXPORT_$UP($FN);"
    `,
    );
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('void a(void)\n{\n}\nEXPORT_A(a);\nvoid b(void)\n{\n}\nEXPORT_B(b);\n');
  });

  it('derives text in guard `else-text`', () => {
    const r = portWith(
      'static int smmu_ats_on(int x)\n{\n\treturn x;\n}\n',
      c`
      rules:
        - id: g
          kind: guard
          condition: CONFIG_ATS
          end-comment: false
          query: "(function_definition declarator: (function_declarator declarator: (identifier) @FN)) @target"
          transform:
            STUB: { from: $FN, suffix: "_stub" }
          else-text: "#define $FN $STUB"
    `,
    );
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(
      '#ifdef CONFIG_ATS\nstatic int smmu_ats_on(int x)\n{\n\treturn x;\n}\n#else\n#define smmu_ats_on smmu_ats_on_stub\n#endif\n',
    );
  });

  it('derives text from a `types:` binding', () => {
    const r = portWith(
      'struct smmu_dev { int x; };\nvoid f(struct smmu_dev *d)\n{\n\tkfree(d);\n}\n',
      c`
      rules:
        - id: r
          kind: replace
          comment: none
          pattern: "kfree($P)"
          types: { T: "*$P" }
          transform:
            FREE: { from: $T, replace: "^struct ", by: "free_" }
          with: "$FREE($P)"
    `,
    );
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tfree_smmu_dev(d);\n');
  });
});

describe('transform errors (rules check)', () => {
  /** The errors of a rule file whose one rule has this `transform:` (and uses $NEW). */
  const errors = (transform: string, extra = '') => {
    const yaml = `rules:\n  - id: r\n    kind: replace\n    comment: none\n    pattern: "f($A)"\n${extra}    transform:\n${transform}    with: "g($NEW)"\n`;
    return parseRuleFile(yaml, 'r.yaml')
      .diagnostics.filter((d) => d.severity === 'error')
      .map((d) => `${d.location?.line}:${d.location?.col} ${d.code} ${d.message}`);
  };

  it('an unknown metavariable in `from` is XP107 at the value', () => {
    expect(errors('      NEW: { from: $B, case: upper }\n')).toEqual([
      '7:20 XP107 transform NEW: `from` names $B, which nothing binds (the rule binds $A, $NEW)',
    ]);
  });

  it('a cycle between transforms is XP105', () => {
    const e = errors('      NEW: { from: $OTHER, case: upper }\n      OTHER: { from: $NEW, case: lower }\n');
    expect(e).toEqual([
      '7:20 XP105 transforms $NEW, $OTHER are computed from each other in a cycle; one of them must come from a metavariable of the selector',
    ]);
  });

  it('a regex that does not compile is XP105 at the regex', () => {
    const e = errors('      NEW: { from: $A, replace: "(a", by: "b" }\n');
    expect(e).toHaveLength(1);
    expect(e[0]).toMatch(/^7:33 XP105 transform NEW: `replace` is not a valid regular expression: Unterminated group$/);
  });

  it('a regex that can backtrack catastrophically is XP105 (the #match? check of regex-safety.ts)', () => {
    const e = errors('      NEW: { from: $A, replace: "(a+)+$", by: "b" }\n');
    expect(e).toEqual([
      '7:33 XP105 transform NEW: the regex "(a+)+$" can backtrack catastrophically: a repeated group holds a repetition (nested quantifiers) near offset 4',
    ]);
  });

  it('`by` using a group the regex does not have is XP105', () => {
    expect(errors('      NEW: { from: $A, replace: "^x(y)", by: "$2" }\n')).toEqual([
      '7:46 XP105 transform NEW: `by` uses $2, and the regex has 1 group(s)',
    ]);
  });

  it('a name the selector already binds is XP105', () => {
    expect(errors('      A: { from: $A, case: upper }\n')).toContain(
      '7:7 XP105 transform A: $A is already bound by the selector or `types`; give the derived text a new name',
    );
  });

  it('the schema refuses unknown keys, a `replace` without `by`, a lower-case name and an unknown case', () => {
    expect(errors('      NEW: { from: $A, trim: true }\n').join('\n')).toMatch(/XP103.*trim/);
    expect(errors('      NEW: { from: $A, replace: "x" }\n').join('\n')).toMatch(/XP105/);
    expect(errors('      new: { from: $A }\n').join('\n')).toMatch(/XP105/);
    expect(errors('      NEW: { from: $A, case: title }\n').join('\n')).toMatch(
      /XP105 .*must be one of: upper, lower, capitalize, camel, pascal, snake, kebab/,
    );
  });

  it('a template using a derived name is not XP107, and one using an undeclared name is', () => {
    expect(errors('      NEW: { from: $A, case: upper }\n')).toEqual([]);
    const yaml = 'rules:\n  - id: r\n    kind: replace\n    comment: none\n    pattern: "f($A)"\n    with: "g($NEW)"\n';
    expect(parseRuleFile(yaml, 'r.yaml').diagnostics.map((d) => d.code)).toEqual(['XP107']);
  });
});

describe('into-block text is a template, indented like its anchor', () => {
  const rules = (text: string, afterLine: string) => c`
    rules:
      - id: blk
        kind: insert
        comment: none
        where: after
        function: f
        block: regs
      - id: reg
        kind: insert
        comment: none
        pattern: "use_reg($R)"
        transform:
          UP: { from: $R, case: upper }
        into-block: { block: regs, after-line: "${afterLine}" }
        text: ${text}
  `;
  const blockFiles = new Map([
    ['regs', { text: 'static void regs(void)\n{\n\t/* regs */\n}\n#define ONE(x) \\\n\tx\n', file: 'blocks/regs.c' }],
  ]);
  const C = 'void f(void)\n{\n\tuse_reg(b);\n\tuse_reg(a);\n\tuse_reg(b);\n}\n';

  it("expands each distinct match once, in match order, with the anchor line's indentation", () => {
    const r = portWith(C, rules('"SAVE($UP, $R);"', '/* regs */'), { blockFiles });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(
      `${C}static void regs(void)\n{\n\t/* regs */\n\tSAVE(B, b);\n\tSAVE(A, a);\n}\n#define ONE(x) \\\n\tx\n`,
    );
  });

  it("indents every line of a multi-line text; a macro continuation anchor takes the macro's first line's indentation", () => {
    const r = portWith(C, rules('"SAVE($R);\\nLOG($R);"', '/* regs */'), { blockFiles });
    expect(r.output).toContain('\t/* regs */\n\tSAVE(b);\n\tLOG(b);\n\tSAVE(a);\n\tLOG(a);\n}\n');
    const m = portWith(C, rules('"#define HAS_$UP 1"', '\\tx'), { blockFiles });
    expect(codes(m.diagnostics)).toEqual([]);
    expect(m.output.endsWith('#define ONE(x) \\\n\tx\n#define HAS_B 1\n#define HAS_A 1\n')).toBe(true);
  });

  it('keeps trailing newlines as written, as an insert does: a second one leaves a blank line', () => {
    expect(portWith(C, rules('"SAVE($R);\\n"', '/* regs */'), { blockFiles }).output).toContain(
      '\t/* regs */\n\tSAVE(b);\n\tSAVE(a);\n}\n',
    );
    expect(portWith(C, rules('"SAVE($R);\\n\\n"', '/* regs */'), { blockFiles }).output).toContain(
      '\t/* regs */\n\tSAVE(b);\n\n\tSAVE(a);\n\n}\n',
    );
  });

  it('adds nothing for a match whose expansion the block already holds', () => {
    const has = new Map([
      ['regs', { text: 'static void regs(void)\n{\n\t/* regs */\n\tSAVE(A, a);\n}\n', file: 'blocks/regs.c' }],
    ]);
    const r = portWith(C, rules('"SAVE($UP, $R);"', '/* regs */'), { blockFiles: has });
    expect(r.output.match(/SAVE\(A, a\)/g)).toHaveLength(1);
    expect(r.output).toContain('\t/* regs */\n\tSAVE(B, b);\n\tSAVE(A, a);\n}\n');
  });
});
