/** Rule kind `disable`: #if 0 regions, merging, reasons, inner edits not applied. */
import { codes, c, portWith } from './helpers';

const SRC = c`
  #include <linux/pci.h>

  static int a(void)
  {
  \treturn 1;
  }

  /* b is for PCI */
  static int b(void)
  {
  \tif (dev_is_pci(dev)) {
  \t\tpci_thing();
  \t}
  \treturn kfree(x);
  }

  static int c(void)
  {
  \treturn 3;
  }
  module_exit(c);
`;

describe('disable', () => {
  it('wraps adjacent items of one rule in one region, with the comment above, reason on the #if 0 line', () => {
    const r = portWith(SRC, c`
      rules:
        - id: dead
          kind: disable
          reason: Not used by Xen
          function: [b, c]
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(SRC.replace('/* b is for PCI */', '#if 0 /* Xen: Not used by Xen */\n/* b is for PCI */').replace('\treturn 3;\n}\n', '\treturn 3;\n}\n#endif\n'));
    expect(r.report.ifZeroRegions).toBe(1);
  });

  it('keeps separate regions for items separated by other code, and a bare #if 0 without reason', () => {
    const r = portWith(SRC, c`
      rules:
        - id: dead
          kind: disable
          function: a
          call: module_exit
          with-comment: false
    `.replace('function: a\n    call: module_exit\n', 'function: a\n'));
    expect(r.output.startsWith('#include <linux/pci.h>\n\n#if 0\nstatic int a(void)\n{\n\treturn 1;\n}\n#endif\n')).toBe(true);
  });

  it('wraps a statement inside a function, at column 0', () => {
    const r = portWith(SRC, c`
      rules:
        - id: no-pci
          kind: disable
          reason: "TODO: PCI"
          scope: { function: b }
          pattern: "if (dev_is_pci($D)) $BODY"
          expect: 1
    `);
    expect(r.output).toContain('{\n#if 0 /* Xen: TODO: PCI */\n\tif (dev_is_pci(dev)) {\n\t\tpci_thing();\n\t}\n#endif\n\treturn kfree(x);');
  });

  it('does not apply another rule\'s edit inside a region, and says so at info level', () => {
    const r = portWith(SRC, c`
      rules:
        - id: dead
          kind: disable
          function: b
        - id: free
          kind: replace
          pattern: "kfree($X)"
          with: "xfree($X)"
          comment: none
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(codes(r.diagnostics, 'info')).toEqual(['XP202']);
    expect(r.output).toContain('kfree(x)');
    expect(r.output).not.toContain('xfree');
  });

  it('writes a multi-line reason in block style aligned after #if 0', () => {
    const r = portWith(SRC, c`
      rules:
        - id: dead
          kind: disable
          reason: |
            Page tables are shared,
            helpers are not needed.
          function: a
    `);
    expect(r.output).toContain('#if 0 /*\n       * Xen: Page tables are shared,\n       * helpers are not needed.\n       */\nstatic int a(void)');
  });
});

describe('items selector', () => {
  it('selects named items of several kinds as one region, and reports missing names with hints', () => {
    const yaml = c`
      rules:
        - id: dead
          kind: disable
          items:
            - function: [b, c]
            - call: module_exit
          expect: 3
    `;
    const r = portWith(SRC, yaml);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\treturn 3;\n}\nmodule_exit(c);\n#endif\n');
    expect(r.report.ifZeroRegions).toBe(1);
    const drift = portWith(SRC, yaml.replace('[b, c]', '[b, cc]'));
    const d = drift.diagnostics.find((x) => x.code === 'XP200');
    expect(d?.message).toMatch(/expected 3 match\(es\), found 2/);
    expect(d?.hint).toMatch(/function 'cc' not found/);
  });
});
