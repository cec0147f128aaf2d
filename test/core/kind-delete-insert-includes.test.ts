/** Rule kinds `delete`, `insert` and `includes`: expected outputs and placement rules. */
import { codes, c, portWith } from './helpers';

const SRC = c`
  /*
   * Driver.
   *
   * Author: Someone
   */

  #define pr_fmt(fmt) "drv: " fmt

  #include <linux/io.h>
  #include <linux/slab.h>

  #include <asm/pgalloc.h>
  #include "local.h"

  static int init(struct dev *d)
  {
  \tpgd_t *pgd;

  \tpgd = alloc();
  \tif (!pgd)
  \t\tgoto out;
  \td->pgd = pgd;

  \td->ready = 1;
  \treturn 0;

  out:
  \tkfree(d);
  \treturn -ENOMEM;
  }
`;

describe('delete', () => {
  it('removes whole lines and collapses the doubled blank line', () => {
    const r = portWith(SRC, c`
      rules:
        - id: no-pgd
          kind: delete
          scope: { function: init }
          pattern: "pgd = alloc(); if (!pgd) goto out; d->pgd = pgd;"
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tpgd_t *pgd;\n\n\td->ready = 1;');
  });

  it('removes the blank line left before a closing brace, and keeps blank lines with blank-lines: keep', () => {
    const r = portWith(SRC, c`
      rules:
        - id: no-out
          kind: delete
          label: out
        - id: no-ret
          kind: delete
          scope: { function: init }
          pattern: "return -ENOMEM;"
        - id: no-pr-fmt
          kind: delete
          macro: pr_fmt
          blank-lines: keep
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\treturn 0;\n}\n');
    expect(r.output).toContain(' */\n\n\n#include <linux/io.h>');
  });
});

describe('delete and disable: a trailing comment on the last line', () => {
  const SVA = 'int a;\n\n#ifdef CONFIG_SVA\nint sva(void);\n#else /* CONFIG_SVA */\nstatic inline int sva(void) { return 0; }\n#endif /* CONFIG_SVA */\nint b;\n';
  const rule = (kind: string): string => c`
    rules:
      - id: no-sva
        kind: ${kind}
        query: |
          ((preproc_ifdef name: (identifier) @n) @target (#eq? @n "CONFIG_SVA"))
  `;

  it('delete takes the comment of #endif with the lines it ends', () => {
    const r = portWith(SVA, rule('delete'));
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('int a;\n\nint b;\n');
  });

  it('disable wraps the line of #endif with its comment', () => {
    const r = portWith(SVA, rule('disable'));
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe('int a;\n\n#if 0\n#ifdef CONFIG_SVA\nint sva(void);\n#else /* CONFIG_SVA */\nstatic inline int sva(void) { return 0; }\n#endif /* CONFIG_SVA */\n#endif\nint b;\n');
  });

  it('code after the item on its last line still refuses whole-line edits', () => {
    const r = portWith('int a; int b;\n', c`
      rules:
        - id: no-a
          kind: disable
          pattern: "int a;"
    `);
    expect(codes(r.diagnostics)).toEqual(['XP205']);
  });
});

describe('insert', () => {
  it('inserts a statement after an anchor, with its reason above, indented like the anchor', () => {
    const r = portWith(SRC, c`
      rules:
        - id: mark
          kind: insert
          reason: Tell Xen
          scope: { function: init }
          pattern: "d->ready = 1;"
          text: "dt_mark(d);"
    `);
    expect(r.output).toContain('\td->ready = 1;\n\t/* Xen: Tell Xen */\n\tdt_mark(d);\n\treturn 0;');
  });

  it('inserts before a named function, after a comment line, and at the end of the file', () => {
    const r = portWith(SRC, c`
      rules:
        - id: a-before
          kind: insert
          where: before
          function: init
          text: "/* before */"
          comment: none
        - id: b-header
          kind: insert
          comment-line: "Author:"
          text: " * Xen: ported"
          comment: none
        - id: c-end
          kind: insert
          file: end
          text: "\\n/* end */"
          comment: none
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain(' * Author: Someone\n * Xen: ported\n */');
    expect(r.output).toContain('/* before */\nstatic int init');
    expect(r.output.endsWith('}\n\n/* end */\n')).toBe(true);
  });

  it('inserts a block from the blocks files, verbatim', () => {
    const r = portWith(SRC, c`
      rules:
        - id: compat
          kind: insert
          include: "asm/pgalloc.h"
          block: compat
          comment: none
    `, { blockFiles: new Map([['compat', { text: '#define kfree xfree\n', file: 'blocks/compat.h' }]]) });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('#include <asm/pgalloc.h>\n#define kfree xfree\n#include "local.h"');
    expect(r.report.blocks).toEqual([{ name: 'compat', source: 'block-file', lines: 1 }]);
  });

  it('reports a block with no text (XP111)', () => {
    const r = portWith(SRC, 'rules:\n  - id: compat\n    kind: insert\n    file: end\n    block: compat\n');
    expect(codes(r.diagnostics)).toEqual(['XP111']);
  });
});

describe('includes', () => {
  it('replaces the run of matching includes with the Xen list, keeping others', () => {
    const r = portWith(SRC, c`
      rules:
        - id: inc
          kind: includes
          include: ["linux/*", "asm/pgalloc.h"]
          add: [xen/lib.h, asm/io.h, '"xen-local.h"']
          comment: none
          expect: 3
    `);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\n#include <xen/lib.h>\n#include <asm/io.h>\n#include "xen-local.h"\n#include "local.h"\n');
    expect(r.output).not.toContain('linux/');
  });
});
