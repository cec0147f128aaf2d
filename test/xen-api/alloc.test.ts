/** xen-api/alloc: each allocation rule with a valid case (exact output), an invalid case and a diagnostic case. */
import { errors, fn, found, portLib } from './helpers';

describe('xen-api/alloc', () => {
  it('xen-api-kzalloc-typed: sizeof(*p) becomes the declared type of *p (local, parameter, field)', () => {
    const src = ['struct foo { struct bar *b; };', fn(['struct foo *q;'], ['q = kzalloc(sizeof(*q), GFP_KERNEL);', 'dev->foo = kzalloc(sizeof(*dst), GFP_KERNEL);'])].join('\n');
    const r = portLib(src.replace('struct dev *dev', 'struct foo *dev').replace('dev->foo', 'dev->b'), 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tq = xzalloc(struct foo);\n');
    expect(r.output).toContain('\tdev->b = xzalloc(u64);\n');
    expect(found(r, 'xen-api-kzalloc-typed')).toBe(2);
    expect(found(r, 'xen-api-kzalloc-bytes')).toBe(0);
  });

  it('xen-api-kzalloc-typed: a field reached through ->', () => {
    const src = ['struct foo { struct bar *b; };', fn(['struct foo *q;'], ['q->b = kzalloc(sizeof(*q->b), GFP_KERNEL);'])].join('\n');
    const r = portLib(src, 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tq->b = xzalloc(struct bar);\n');
  });

  it('xen-api-kzalloc-typed: XP203 names the variable when its type cannot be known', () => {
    const r = portLib(fn([], ['p = kzalloc(sizeof(*nowhere), GFP_KERNEL);']), 'alloc');
    expect(errors(r.diagnostics)).toEqual(['XP203 [xen-api-kzalloc-typed]']);
    expect(r.diagnostics.find((d) => d.code === 'XP203')!.message).toMatch(/'\*nowhere'.*no declaration of 'nowhere'/);
    expect(r.diagnostics.find((d) => d.code === 'XP203')!.location).toMatchObject({ line: 4 });
  });

  it('xen-api-kzalloc-typed: XP203 when *p is not a pointer dereference', () => {
    const r = portLib(fn(['int n;'], ['p = kzalloc(sizeof(*n), GFP_KERNEL);']), 'alloc');
    expect(errors(r.diagnostics)).toEqual(['XP203 [xen-api-kzalloc-typed]']);
    expect(r.diagnostics[0].message).toMatch(/not a pointer/);
  });

  it('xen-api-kzalloc-bytes: other sizes keep the byte count; the typed form is left to the typed rule', () => {
    const r = portLib(fn(['struct foo *q;'], ['p = kzalloc(n * 8, GFP_KERNEL);', 'q = kzalloc(sizeof(*q), GFP_KERNEL);']), 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tp = xzalloc_bytes(n * 8);\n');
    expect(found(r, 'xen-api-kzalloc-bytes')).toBe(1);
  });

  it('xen-api-kmalloc-typed and xen-api-kcalloc-typed', () => {
    const r = portLib(fn(['struct foo *q;', 'u32 *ids;'], ['q = kmalloc(sizeof(*q), GFP_KERNEL);', 'ids = kcalloc(n, sizeof(*ids), GFP_KERNEL);']), 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tq = xmalloc(struct foo);\n\tids = xzalloc_array(u32, n);\n');
  });

  it('xen-api-devm-kzalloc-typed and -bytes: the device argument goes', () => {
    const r = portLib(fn(['struct foo *q;'], ['q = devm_kzalloc(dev, sizeof(*q), GFP_KERNEL);', 'q->l1 = devm_kzalloc(dev, size, GFP_KERNEL);']), 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tq = xzalloc(struct foo);\n\tq->l1 = _xzalloc(size, sizeof(void *));\n');
  });

  it('xen-api-devm-kcalloc: the device and GFP flags go; size, pointer alignment, count', () => {
    const r = portLib(fn([], ['cfg->l1 = devm_kcalloc(dev, cfg->n,', '\t\t\t\t    sizeof(*cfg->l1), GFP_KERNEL);']), 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tcfg->l1 = _xzalloc_array(sizeof(*cfg->l1), sizeof(void *), cfg->n);\n');
    expect(found(r, 'xen-api-devm-kcalloc')).toBe(1);
  });

  it('xen-api-devm-kcalloc: other arities and look-alikes are left alone', () => {
    const src = fn([], ['p = devm_kcalloc(dev, n, GFP_KERNEL);', 'q = devm_kmalloc_array(dev, n, 8, GFP_KERNEL);']);
    const r = portLib(src, 'alloc');
    expect(r.output).toBe(src);
    expect(found(r, 'xen-api-devm-kcalloc')).toBe(0);
  });

  it('xen-api-kfree and xen-api-devm-kfree', () => {
    const r = portLib(fn([], ['kfree(q);', 'devm_kfree(dev, q->l1);']), 'alloc');
    expect(r.output).toContain('\txfree(q);\n\txfree(q->l1);\n');
  });

  it('invalid: other calls and look-alikes are left alone', () => {
    const src = fn([], ['kzalloc_node(sizeof(*q), GFP_KERNEL, 0);', 'kfree_rcu(q, rcu);', 'my_kfree(q);']);
    const r = portLib(src, 'alloc');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toBe(src);
  });
});
