/** Edit layout details the SMMUv3 port relies on: copied text keeps its indentation, braces only for
 * several template statements, block replacements drop inner edits, specifier deletions take `;`,
 * deletions separated by blank lines join. */
import { codes, c, portWith } from '../core/helpers';

describe('edit layout', () => {
  it('text copied through a metavariable keeps its own indentation', () => {
    const r = portWith('void f(void)\n{\n\tif (a) {\n\t\tx();\n\t} else if (b) {\n\t\ty();\n\t}\n}\n', 'rules:\n  - id: r\n    kind: replace\n    pattern: "if (a) $A; else if (b) $B;"\n    with: "if (a) $A"\n');
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('void f(void)\n{\n\tif (a) {\n\t\tx();\n\t}\n}\n');
  });

  it('a one-statement template replacing an unbraced body gets no braces, even with multi-line captures', () => {
    const r = portWith('void f(void)\n{\n\tif (a)\n\t\tg(1,\n\t\t  2);\n}\n', 'rules:\n  - id: r\n    kind: replace\n    pattern: "g($$$A);"\n    with: "h($$$A);"\n');
    expect(r.output).toBe('void f(void)\n{\n\tif (a)\n\t\th(1,\n\t\t  2);\n}\n');
  });

  it('a block replacement drops edits of other rules inside it', () => {
    const r = portWith('int a;\nvoid f(void)\n{\n\told();\n}\n', c`
      rules:
        - id: blk
          kind: replace
          function: f
          block: fblock
        - id: ren
          kind: replace
          pattern: "old()"
          with: "new()"
    `, { blockFiles: new Map([['fblock', { text: 'void f(void) { }\n', file: 'blocks/fblock.c' }]]) });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('int a;\nvoid f(void) { }\n');
  });

  it('deleting a file-level enum specifier takes its ;', () => {
    const r = portWith('int a;\n\nenum e {\n\tA,\n};\n\nint b;\n', 'rules:\n  - id: d\n    kind: delete\n    query: "((enum_specifier name: (type_identifier) @n) @target (#eq? @n \\"e\\"))"\n');
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('int a;\n\nint b;\n');
  });

  it('deletions of several rules separated only by blank lines leave one blank line', () => {
    const r = portWith('int a;\n\nint f(void)\n{\n}\n\nint g(void)\n{\n}\n\nint b;\n', 'rules:\n  - id: d1\n    kind: delete\n    function: f\n  - id: d2\n    kind: delete\n    function: g\n');
    expect(r.output).toBe('int a;\n\nint b;\n');
  });
});
