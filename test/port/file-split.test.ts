/**
 * split: in port.yaml, a port that follows a Linux file split. A toy driver: drv.c before the split;
 * after it, drv.c and drv.h. The Xen file before the split has one compatibility block; after it,
 * part of that block is in the Xen header. The split port carries it over with the port it follows
 * and derives its two blocks from the old Xen file by item names.
 */
import * as path from 'path';
import { deriveSplitBlocks, predatesSplit } from '../../src/blocks';
import { port } from '../../src/port';
import { loadRuleSet } from '../../src/rules';
import type { SplitBlock } from '../../src/rules/types';
import { c, codes, removeTrees, writeTree } from '../core/helpers';

const tree = (files: Record<string, string>): string => writeTree(files, 'xenport-split-');

afterAll(removeTrees);

const BEFORE_RULES = c`
  rules:
    - id: xen-includes
      kind: includes
      include: "linux/*"
      add: [xen/lib.h]
      comment: none
    - id: block-compat
      kind: insert
      where: before
      comment-line: "/* Registers */"
      block: compat
      comment: none
`;

const AFTER_RULES = c`
  rules:
    - id: xen-includes
      kind: includes
      files: "*.c"
      include: "linux/*"
      add: [xen/lib.h]
      comment: none
    - id: block-compat-source
      kind: insert
      files: "*.c"
      where: before
      function: probe
      block: compat-source
      comment: none
    - id: block-compat-header
      kind: insert
      files: "*.h"
      where: before
      comment-line: "/* Registers */"
      block: compat-header
      comment: none
`;

const SPLIT = c`
  split:
    before: ../before
    header: drv.h
    blocks:
      - name: compat-header
        items: [gfp_t, xen_dom]
      - name: compat-source
        from: compat
        without: [gfp_t, xen_dom]
        keep-comments: [Compat]
`;

const LINUX_DEFS = '/* Registers */\n#define REG_A 0x0\n\n/* Private config */\nstruct drv_cfg {\n\tint a;\n};\n';
const PROBE = 'int probe(void)\n{\n\treturn REG_A;\n}\n';
const LINUX_BEFORE = `#include <linux/kernel.h>\n\n${LINUX_DEFS}\n${PROBE}`;
const COMPAT =
  '/* Compat */\ntypedef unsigned int gfp_t;\n\n#define GFP_KERNEL 0\n\n/* Xen structs */\nstruct xen_dom {\n\tint d;\n};\n\n';
const XEN_BEFORE = `#include <xen/lib.h>\n\n${COMPAT}${LINUX_DEFS}\n${PROBE}`;
const LINUX_AFTER_C = `#include <linux/kernel.h>\n\n#include "drv.h"\n\n${PROBE}`;
const LINUX_AFTER_H = `#ifndef DRV_H\n#define DRV_H\n\n${LINUX_DEFS}\n#endif\n`;

function ports(split = SPLIT): string {
  return tree({
    'before/port.yaml': 'name: before\nrules: [r.yaml]\n',
    'before/r.yaml': BEFORE_RULES,
    'after/port.yaml': `name: after\nrules: [r.yaml]\n${split}`,
    'after/r.yaml': AFTER_RULES,
  });
}

const opts = { existingXen: { text: XEN_BEFORE, file: 'xen.c' }, base: { text: LINUX_BEFORE, file: 'drv-before.c' } };

describe('split: a port that follows a file split', () => {
  it('reproduces the old Xen file with the port before the split (no hand edits)', () => {
    const rs = loadRuleSet(path.join(ports(), 'before')).ruleSet!;
    const r = port({ text: LINUX_BEFORE, file: 'drv.c' }, rs, { existingXen: opts.existingXen });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(XEN_BEFORE);
  });

  it('ports the new .c with the block without the items that moved (a kept comment stays)', () => {
    const rs = loadRuleSet(path.join(ports(), 'after')).ruleSet!;
    const r = port({ text: LINUX_AFTER_C, file: 'drv.c' }, rs, opts);
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(`#include <xen/lib.h>\n\n#include "drv.h"\n\n/* Compat */\n#define GFP_KERNEL 0\n\n${PROBE}`);
  });

  it('ports the new .h with the items taken, in the order named, from the old Xen file', () => {
    const rs = loadRuleSet(path.join(ports(), 'after')).ruleSet!;
    const r = port({ text: LINUX_AFTER_H, file: 'drv.h' }, rs, opts);
    expect(codes(r.diagnostics)).toEqual([]);
    const header = '/* Compat */\ntypedef unsigned int gfp_t;\n\n/* Xen structs */\nstruct xen_dom {\n\tint d;\n};\n\n';
    expect(r.output).toBe(`#ifndef DRV_H\n#define DRV_H\n\n${header}${LINUX_DEFS}\n#endif\n`);
  });

  it('does not apply to a base of after the split: blocks are carried as usual', () => {
    const rs = loadRuleSet(path.join(ports(), 'after')).ruleSet!;
    const xenC = `#include <xen/lib.h>\n\n#include "drv.h"\n\n/* Compat */\n#define GFP_KERNEL 0\n\n${PROBE}`;
    const r = port({ text: LINUX_AFTER_C, file: 'drv.c' }, rs, {
      existingXen: { text: xenC, file: 'xen.c' },
      base: { text: LINUX_AFTER_C, file: 'drv.c' },
    });
    expect(codes(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(xenC);
  });

  it('reports an item not found (XP303) and an item that leaves a block for no block (XP300)', () => {
    const missing = SPLIT.replace('items: [gfp_t, xen_dom]', 'items: [gfp_t, xen_domain]');
    const r1 = port(
      { text: LINUX_AFTER_H, file: 'drv.h' },
      loadRuleSet(path.join(ports(missing), 'after')).ruleSet!,
      opts,
    );
    expect(codes(r1.diagnostics)).toContain('XP303');
    expect(r1.diagnostics.find((d) => d.code === 'XP303')!.message).toMatch(/'xen_domain' not found/);
    const lost = SPLIT.replace('items: [gfp_t, xen_dom]', 'items: [gfp_t]');
    const r2 = port(
      { text: LINUX_AFTER_C, file: 'drv.c' },
      loadRuleSet(path.join(ports(lost), 'after')).ruleSet!,
      opts,
    );
    expect(r2.diagnostics.find((d) => d.code === 'XP300')?.message).toMatch(/'xen_dom' leaves block 'compat'/);
  });
});

describe('loading split:', () => {
  it('loads the port before the split', () => {
    const rs = loadRuleSet(path.join(ports(), 'after')).ruleSet!;
    expect(rs.split?.before.name).toBe('before');
    expect(rs.split?.blocks.map((b) => b.name)).toEqual(['compat-header', 'compat-source']);
  });

  it('rejects a missing port, a block no rule of it makes, a cycle, and items with without', () => {
    const err = (split: string): string[] => codes(loadRuleSet(path.join(ports(split), 'after')).diagnostics);
    expect(err(SPLIT.replace('../before', '../nowhere'))).toEqual(['XP100']);
    expect(err(SPLIT.replace('from: compat', 'from: compat2'))).toEqual(['XP105']);
    expect(err(SPLIT.replace('../before', '../after'))).toEqual(['XP112']);
    expect(
      err(SPLIT.replace('without: [gfp_t, xen_dom]', 'without: [gfp_t, xen_dom]\n      items: [gfp_t]')),
    ).toContain('XP105');
  });
});

describe('deriveSplitBlocks and predatesSplit', () => {
  const spec = (s: Partial<SplitBlock>): SplitBlock => ({
    name: 'b',
    keepComments: [],
    location: { file: 'port.yaml', line: 1, col: 1 },
    ...s,
  });
  const xen = c`
    int a;

    #ifdef CONFIG_MSI
    enum msi { M0, M1 };

    static int msi_cfg[2] = { 1, 2 };
    #endif /* CONFIG_MSI */

    #ifdef CONFIG_ATS
    static int ats;
    static int ats2;
    #endif

  `;

  it('takes a whole #ifdef when all its items are named, not when some are', () => {
    const r = deriveSplitBlocks(
      [spec({ name: 'msi', items: ['msi', 'msi_cfg'] }), spec({ name: 'ats', items: ['ats'] })],
      new Map(),
      { text: xen, file: 'x.c' },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.blocks.get('msi')).toBe(
      '#ifdef CONFIG_MSI\nenum msi { M0, M1 };\n\nstatic int msi_cfg[2] = { 1, 2 };\n#endif /* CONFIG_MSI */\n\n',
    );
    expect(r.blocks.get('ats')).toBe('static int ats;\n\n');
  });

  it('reports a name defined twice', () => {
    const r = deriveSplitBlocks([spec({ items: ['a'] })], new Map(), { text: `${xen}int a;\n`, file: 'x.c' });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['XP303']);
    expect(r.diagnostics[0].message).toMatch(/defined 2 times/);
  });

  it('tells a base from before the split by its name and includes', () => {
    expect(predatesSplit({ text: '#include <linux/io.h>\n', file: 'a/drv.c' }, 'drv.h')).toBe(true);
    expect(predatesSplit({ text: '#include "drv.h"\n', file: 'drv.c' }, 'drv.h')).toBe(false);
    expect(predatesSplit({ text: '# include <sub/drv.h>\n', file: 'drv.c' }, 'drv.h')).toBe(false);
    expect(predatesSplit({ text: 'int x;\n', file: 'linux-before.h' }, 'drv.h')).toBe(false);
  });
});
