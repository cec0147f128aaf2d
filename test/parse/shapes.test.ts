/**
 * Each macro shape of the hints, in input: the use parses with no syntax error, keeps every
 * offset, and node text (what rules and queries read) is the original text.
 */
import { parseSource, shapeMacros } from '../../src/parse';
import type { SyntaxNode } from '../../src/parse';

/** Parse a function body (or a whole file with `whole`) and return it. */
function parse(body: string, whole = false) {
  const text = whole ? body : `static int f(struct device *dev)\n{\n${body}\n}\n`;
  return parseSource(text, 'drv.c');
}

function find(root: SyntaxNode, type: string): SyntaxNode[] {
  return root.descendantsOfType(type);
}

describe('macro shapes in input', () => {
  it('reads an iterator as a for loop with its body, braced or not', () => {
    const s = parse(
      '\tlist_for_each_entry(p, &smmu->list, node) {\n\t\tg(p);\n\t}\n\thlist_for_each_entry_safe(p, n, &h, node)\n\t\tg(p);\n\tfor_each_set_bit(i, map, 64)\n\t\tg(i);',
    );
    expect(s.syntaxErrors).toEqual([]);
    const loops = find(s.tree.rootNode, 'for_statement');
    expect(loops.map((l) => l.text.split('\n')[0])).toEqual([
      'list_for_each_entry(p, &smmu->list, node) {',
      'hlist_for_each_entry_safe(p, n, &h, node)',
      'for_each_set_bit(i, map, 64)',
    ]);
    expect(loops.map((l) => l.childForFieldName('body')?.type)).toEqual([
      'compound_statement',
      'expression_statement',
      'expression_statement',
    ]);
  });

  it('does not take a function named like an iterator for a loop', () => {
    const s = parse('\tret = device_for_each_child(dev, NULL, fn);\n\tdevice_for_each_child(dev, NULL, fn);');
    expect(s.syntaxErrors).toEqual([]);
    expect(find(s.tree.rootNode, 'for_statement')).toEqual([]);
    expect(find(s.tree.rootNode, 'call_expression')).toHaveLength(2);
  });

  it('reads a type argument as one identifier whose text is the original type', () => {
    const s = parse(
      '\tstruct arm_smmu_master *m = container_of(dev, struct arm_smmu_master, dev);\n\tx = min_t(unsigned long, a, b);\n\ty = max_t(int, a, b);\n\tz = sizeof_field(struct s, m);',
    );
    expect(s.syntaxErrors).toEqual([]);
    const calls = find(s.tree.rootNode, 'call_expression').map((c) =>
      c.childForFieldName('arguments')?.namedChildren.map((a) => `${a.type}:${a.text}`),
    );
    expect(calls).toEqual([
      ['identifier:dev', 'identifier:struct arm_smmu_master', 'identifier:dev'],
      ['identifier:unsigned long', 'identifier:a', 'identifier:b'],
      ['identifier:int', 'identifier:a', 'identifier:b'],
      ['identifier:struct s', 'identifier:m'],
    ]);
  });

  it('reads a declaration macro as a declaration, in a struct, at top level and in a body', () => {
    const s = parse(
      'struct d {\n\tDECLARE_BITMAP(vmids, 256);\n\tint n;\n};\nstatic DEFINE_MUTEX(lock);\nstatic DEFINE_RATELIMIT_STATE(rs, DEFAULT_RATELIMIT_INTERVAL,\n\t\t\t      DEFAULT_RATELIMIT_BURST);\nvoid g(void)\n{\n\tLIST_HEAD(list);\n}\n',
      true,
    );
    expect(s.syntaxErrors).toEqual([]);
    expect(find(s.tree.rootNode, 'field_declaration')[0].text).toBe('DECLARE_BITMAP(vmids, 256);');
    expect(find(s.tree.rootNode, 'declaration').map((d) => d.text.split('\n')[0])).toEqual([
      'static DEFINE_MUTEX(lock);',
      'static DEFINE_RATELIMIT_STATE(rs, DEFAULT_RATELIMIT_INTERVAL,',
      'LIST_HEAD(list);',
    ]);
  });

  it('blanks annotations and attributes in the masked text', () => {
    const text =
      'struct q {\n\tu64 a;\n} __packed ____cacheline_aligned;\nstatic int __init g(void __iomem *p) __aligned(8);\n';
    const s = parseSource(text, 'a.c');
    expect(s.syntaxErrors).toEqual([]);
    expect(s.masked).not.toMatch(/__packed|__init|__iomem|__aligned|cacheline/);
    expect(s.masked).toHaveLength(text.length);
  });

  it('reads typeof as a type', () => {
    const s = parse('\ttypeof(*p) *q = p;\n\t__typeof__(x) y = x;');
    expect(s.syntaxErrors).toEqual([]);
    expect(find(s.tree.rootNode, 'declaration').map((d) => d.text)).toEqual([
      'typeof(*p) *q = p;',
      '__typeof__(x) y = x;',
    ]);
  });

  it('reads a statement macro with no semicolon as a comment', () => {
    const s = parse(
      'static const struct dev_pm_ops ops = {\n\tSET_RUNTIME_PM_OPS(a_suspend, a_resume, NULL)\n};\n',
      true,
    );
    expect(s.syntaxErrors).toEqual([]);
    expect(s.shaped).toContain('/*T_RUNTIME_PM_OPS(a_suspend, a_resume, NUL*/');
  });

  it('keeps the first branch of a conditional inside an expression, and the masked text as written', () => {
    const s = parse(
      '\tval = a |\n#ifdef __BIG_ENDIAN\n\t\tENDI |\n#else\n\t\tLE |\n#endif\n\t\tb;\nout:\n#ifdef CONFIG_X\n\tg();\n#endif\n\treturn 0;',
    );
    expect(s.syntaxErrors).toEqual([]);
    expect(s.masked).toContain('#ifdef __BIG_ENDIAN');
    expect(s.shaped).not.toContain('LE |');
  });

  it('blanks a #define inside a broken item, not one that is an item of its own next to a syntax error', () => {
    // A comment inside a multi-line body breaks tree-sitter's #define into an item with an error:
    // the #define is still an item between others, and its body is matched as C.
    const own = parse('#define DROP(p) do { \\\n\t/* first */ \\\n\tkfree(p); \\\n} while (0)\nint x;\n', true);
    expect(own.shaped).toContain('#define DROP(p)');
    expect(own.shaped).toContain('\tkfree(p); \\');
    // In the middle of an expression, or of an initializer with an error, it is blanked (offsets kept).
    const mid = parse('int y = a +\n#define Z 1\n b;\n', true);
    expect(mid.shaped).toBe('int y = a +\n           \n b;\n');
    const init = parse('static int t[] = {\n\t1,\n#define TWO 2\n\tTWO,\n\t3 +,\n};\n', true);
    expect(init.shaped).not.toContain('#define');
  });

  it('does not count a label right before a closing brace', () => {
    expect(parse('\tif (a)\n\t\tgoto out;\n\tg();\nout:').syntaxErrors).toEqual([]);
  });

  it('reads a member group as an anonymous struct member', () => {
    const s = parse('struct h {\n\tstruct_group(ext_hid,\n\t\tu32 ext;\n\t\tu32 hid;\n\t);\n\tu64 b;\n};\n', true);
    expect(s.syntaxErrors).toEqual([]);
    expect(find(s.tree.rootNode, 'field_declaration').map((d) => d.text.split('\n')[0])).toEqual([
      'struct_group(ext_hid,',
      'ext_hid,',
      'u32 ext;',
      'u32 hid;',
      'u64 b;',
    ]);
  });

  it('reads string macros, types and pasted tokens as arguments of any macro, GNU ranges and named variadic parameters', () => {
    const s = parse(
      '#define dbg(fmt, args...) printk(fmt, ## args)\n\tprintk(KERN_ERR PFX "x %d\\n", 1);\n\tAMAP_SET_BITS(struct amap_ctx, valid,\n\t\tctx, 1);\n\tphylink_set(mask, 10000baseT_Full);\n\tswitch (x) {\n\tcase 1 ... 5:\n\t\tbreak;\n\t}',
    );
    expect(s.syntaxErrors).toEqual([]);
    const args = find(s.tree.rootNode, 'call_expression').map((c) =>
      c.childForFieldName('arguments')?.namedChildren.map((a) => a.type),
    );
    expect(args).toEqual([
      ['concatenated_string', 'number_literal'],
      ['identifier', 'identifier', 'identifier', 'number_literal'],
      ['identifier', 'identifier'],
    ]);
  });

  it('reads enumerator macros, initializer macros and a #define inside an initializer', () => {
    const text =
      'enum { PINMUX_BEGIN, F1(LCDD0), F3(PDM2_CLK), PINMUX_END };\nstatic struct clk_data clks[] = {\n\t[CLK_OTP] = REGISTER_OSC_CLK(SOC_ALL,\n\t\t.name = "otp",\n\t\t.int_bits = 4),\n#define DEF_PLL(n) { .reg = n }\n\t[CLK_APLL] = {\n\t\t"apll", 1,\n\t\t.pll = DEF_PLL(APLL),\n\t},\n};\n';
    const s = parseSource(text, 'drv.c');
    expect(s.syntaxErrors).toEqual([]);
    expect(find(s.tree.rootNode, 'enumerator').map((e) => e.text)).toEqual([
      'PINMUX_BEGIN',
      'F1(LCDD0)',
      'F3(PDM2_CLK)',
      'PINMUX_END',
    ]);
    expect(find(s.tree.rootNode, 'compound_literal_expression').map((e) => e.text.split('\n')[0])).toEqual([
      'REGISTER_OSC_CLK(SOC_ALL,',
    ]);
    expect(s.masked).toContain('#define DEF_PLL(n)');
  });

  it('leaves a prototype with unnamed struct parameters as it is', () => {
    const text = 'void f(struct foo *, unsigned long);\n';
    expect(shapeMacros(text).shaped).toBe(text);
  });

  it('leaves macros in comments, strings and directives alone', () => {
    const text =
      '/* list_for_each_entry(a, b, c) { */\nchar *s = "container_of(p, struct t, m)";\n#define X(a) list_for_each_entry(a, h, m)\n';
    expect(shapeMacros(text).shaped).toBe(text);
  });
});
