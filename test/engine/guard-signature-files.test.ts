/** guard kind, signature selector, files: globs and delete with-comment. */
import { codes, c, portWith } from '../core/helpers';
import { port } from '../../src/port';
import { ruleSet } from '../core/helpers';

const SRC = c`
  static int a(void)
  {
  \treturn 1;
  }

  /* b does things */
  static int b(void)
  {
  \treturn old();
  }

  static int d(int irq, void *dev)
  {
  \treturn 0;
  }
`;

describe('guard', () => {
  it('wraps from the first to the last match, with an #else template and the condition after #endif', () => {
    const r = portWith(SRC, c`
      rules:
        - id: g
          kind: guard
          condition: CONFIG_MSI
          function: [a, b]
          else-text: "static inline int b(void) { return 0; }"
        - id: ren
          kind: replace
          pattern: "old()"
          with: "new()"
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('#ifdef CONFIG_MSI\nstatic int a(void)\n');
    expect(r.output).toContain('\treturn new();\n}\n#else\nstatic inline int b(void) { return 0; }\n#endif /* CONFIG_MSI */\n\nstatic int d');
  });

  it('takes the comment above the first item; end-comment: false gives a bare #endif', () => {
    const r = portWith(SRC, 'rules:\n  - id: g\n    kind: guard\n    condition: CONFIG_X\n    function: b\n    end-comment: false\n');
    expect(r.output).toContain('\n#ifdef CONFIG_X\n/* b does things */\nstatic int b(void)\n{\n\treturn old();\n}\n#endif\n');
  });

  it('puts an #else block placeholder that blocks resolve', () => {
    const r = portWith(SRC, 'rules:\n  - id: g\n    kind: guard\n    condition: CONFIG_X\n    function: a\n    else-block: stubs\n', {
      blockFiles: new Map([['stubs', { text: 'static inline int a(void) { return 0; }\n', file: 'blocks/stubs.c' }]]),
    });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output.startsWith('#ifdef CONFIG_X\nstatic int a(void)\n{\n\treturn 1;\n}\n#else\nstatic inline int a(void) { return 0; }\n#endif /* CONFIG_X */\n')).toBe(true);
  });

  it('requires condition (schema)', () => {
    expect(() => portWith(SRC, 'rules:\n  - id: g\n    kind: guard\n    function: a\n')).toThrow(/XP105|condition/);
  });
});

describe('signature selector', () => {
  it('selects the header up to the body, for a signature change', () => {
    const r = portWith(SRC, c`
      rules:
        - id: sig
          kind: replace
          signature: d
          with: |
            static void d(int irq, void *dev,
            \t\t\t\tstruct cpu_user_regs *regs)
    `.replace(/\\t/g, '\t'));
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('static void d(int irq, void *dev,\n\t\t\t\tstruct cpu_user_regs *regs)\n{\n\treturn 0;\n}\n');
  });

  it('reports a missing function as drift', () => {
    const r = portWith(SRC, 'rules:\n  - id: sig\n    kind: replace\n    signature: dd\n    with: "void dd(void)"\n');
    expect(codes(r.diagnostics)).toEqual(['XP200']);
    expect(r.diagnostics[0].message).toMatch(/found 0/);
  });
});

describe('files:', () => {
  it('runs a rule only on inputs whose base name matches', () => {
    const rs = ruleSet('rules:\n  - id: only-h\n    kind: replace\n    pattern: "old()"\n    with: "new()"\n    files: "*.h"\n');
    expect(port({ text: SRC, file: 'dir/drv.c' }, rs).output).toBe(SRC);
    expect(port({ text: SRC, file: 'dir/drv.h' }, rs).output).toContain('return new();');
  });
});

describe('delete with-comment', () => {
  it('also deletes the comment directly above the item', () => {
    const r = portWith(SRC, 'rules:\n  - id: del\n    kind: delete\n    function: b\n    with-comment: true\n');
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('static int a(void)\n{\n\treturn 1;\n}\n\nstatic int d(int irq, void *dev)\n{\n\treturn 0;\n}\n');
  });
});
