/** Blocks stage: carrying Xen-owned blocks over from the existing Xen file; hand edits reported. */
import { carryBlocks } from '../../src/blocks';
import { blockPlaceholder } from '../../src/edit';
import { codes, c, portWith } from '../core/helpers';

const P = (name: string): string => blockPlaceholder(name);

describe('carryBlocks', () => {
  it('takes the lines at each placeholder from the existing file', () => {
    const gen = `a\n${P('top')}b\nc\n${P('end')}`;
    const xen = 'a\nX1\nX2\nb\nc\nY\n';
    const r = carryBlocks(gen, xen);
    expect(r.blocks).toEqual(
      new Map([
        ['top', 'X1\nX2\n'],
        ['end', 'Y\n'],
      ]),
    );
    expect(r.unaccounted).toEqual([]);
    expect(r.notFound).toEqual([]);
  });

  it('slides a block over equal lines the diff put on the wrong side', () => {
    // The block ends with a blank line, and a blank line follows the placeholder.
    const gen = `x\n${P('b')}\ny\n`;
    const xen = 'x\nB1\n\n\ny\n';
    const r = carryBlocks(gen, xen);
    expect(r.unaccounted).toEqual([]);
    expect(`x\n${r.blocks.get('b')}\ny\n`).toBe(xen);
  });

  it('reports lines it cannot account for, by line number', () => {
    const r = carryBlocks('a\nb\nc\n', 'a\nb2\nc\nd\n');
    expect(r.unaccounted).toEqual([
      { line: 2, text: 'b2', what: 'extra' },
      { line: 2, text: 'b', what: 'missing' },
      { line: 4, text: 'd', what: 'extra' },
    ]);
  });

  it('names blocks with nothing at their place', () => {
    expect(carryBlocks(`a\n${P('gone')}b\n`, 'a\nb\n').notFound).toEqual(['gone']);
  });
});

describe('port with --xen', () => {
  const LINUX = c`
    #include <linux/io.h>

    static int f(void)
    {
    \treturn kfree(p);
    }
  `;
  const RULES = c`
    rules:
      - id: inc
        kind: includes
        include: "linux/*"
        add: [xen/lib.h]
        comment: none
      - id: compat
        kind: insert
        include: "linux/io.h"
        block: compat
        comment: none
  `;
  const XEN = LINUX.replace(
    '#include <linux/io.h>\n',
    '#include <xen/lib.h>\n#define kfree xfree\n/* more compat */\n',
  );

  it('regenerates the Xen file with its block carried over', () => {
    const r = portWith(LINUX, RULES, { existingXen: { text: XEN, file: 'xen.c' } });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(XEN);
    expect(r.report.blocks).toEqual([{ name: 'compat', source: 'existing-xen', lines: 2 }]);
  });

  it('carries a hand edit inside a block over unchanged, and stops on one in Linux-derived code', () => {
    const editedBlock = XEN.replace('/* more compat */', '/* more compat, edited by hand */');
    expect(portWith(LINUX, RULES, { existingXen: { text: editedBlock, file: 'xen.c' } }).output).toBe(editedBlock);
    const editedLinux = XEN.replace('return kfree(p);', 'return kfree(p); /* hand fix */');
    const r = portWith(LINUX, RULES, { existingXen: { text: editedLinux, file: 'xen.c' } });
    expect(codes(r.diagnostics)).toEqual(['XP300', 'XP300']);
    expect(r.diagnostics.filter((d) => d.code === 'XP300').map((d) => d.location?.line)).toEqual([7, 7]);
    const accepted = portWith(LINUX, RULES, { existingXen: { text: editedLinux, file: 'xen.c' }, dropHandEdits: true });
    expect(codes(accepted.diagnostics)).toEqual([]);
    expect(codes(accepted.diagnostics, 'warning')).toEqual(['XP300', 'XP300']);
  });

  it('ports a newer Linux file with blocks carried over from the Xen file of the older one (--base)', () => {
    const newer = LINUX.replace('return kfree(p);', 'kfree(p);\n\treturn 0;');
    const r = portWith(newer, RULES, {
      existingXen: { text: XEN, file: 'xen.c' },
      base: { text: LINUX, file: 'old.c' },
    });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(XEN.replace('return kfree(p);', 'kfree(p);\n\treturn 0;'));
  });
});
