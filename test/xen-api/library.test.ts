/** xen-api as a whole: loads, every rule expects ">=0", and the groups compose in one port. */
import { errors, fn, library, portLib } from './helpers';

describe('xen-api library', () => {
  it('loads with every rule optional (a driver need not use every API)', () => {
    const rs = library();
    expect(rs.rules.length).toBeGreaterThanOrEqual(25);
    for (const r of rs.rules) expect(r.expect.text).toBe('>=0');
    for (const r of rs.rules) expect(r.id.startsWith('xen-api-')).toBe(true);
  });

  it('is a no-op on code that uses none of the APIs', () => {
    const src = fn(['int a;'], ['a = 1;']);
    const r = portLib(src);
    expect(r.output).toBe(src);
    expect(errors(r.diagnostics)).toEqual([]);
  });

  it('groups compose: an allocation inside a WRITE_ONCE', () => {
    const r = portLib(fn(['struct foo *q;'], ['WRITE_ONCE(q->p, kzalloc(sizeof(*q), GFP_KERNEL));']).replace('{\n', 'struct foo { int *p; };\n{\n'));
    expect(r.output).toContain('\twrite_atomic(&q->p, xzalloc(struct foo));\n');
  });
});
