/**
 * xen-api as a whole: loads, every rule expects ">=0", and the groups compose in one port. Each
 * rule's own valid/invalid cases are rule tests as data: rules/xen-api/<group>/tests (rule-tests.test.ts).
 */
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
    const r = portLib(
      fn(['struct foo *q;'], ['WRITE_ONCE(q->p, kzalloc(sizeof(*q), GFP_KERNEL));']).replace(
        '{\n',
        'struct foo { int *p; };\n{\n',
      ),
    );
    expect(r.output).toContain('\twrite_atomic(&q->p, xzalloc(struct foo));\n');
  });

  it('rules compose on nested calls: ktime_add_us(ktime_get(), ...) in a ktime_t function', () => {
    const r = portLib(fn(['ktime_t timeout;'], ['timeout = ktime_add_us(ktime_get(), sync ? 1 : 2);']));
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\ts_time_t timeout;\n');
    expect(r.output).toContain('\ttimeout = NOW() + MICROSECS(sync ? 1 : 2);\n');
  });
});
