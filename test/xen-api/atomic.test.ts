/** xen-api/atomic: WRITE_ONCE/READ_ONCE rules with valid and invalid cases. */
import { errors, fn, found, portLib } from './helpers';

describe('xen-api/atomic', () => {
  it('xen-api-write-once-deref: WRITE_ONCE(*p, v) passes the pointer', () => {
    const r = portLib(fn([], ['WRITE_ONCE(*dst, cpu_to_le64(val));']), 'atomic');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\twrite_atomic(dst, cpu_to_le64(val));\n');
    expect(found(r, 'xen-api-write-once')).toBe(0);
  });

  it('xen-api-write-once: any other lvalue is passed by address', () => {
    const r = portLib(fn([], ['WRITE_ONCE(dst[0], cpu_to_le64(val));', 'WRITE_ONCE(s->x, 1);']), 'atomic');
    expect(r.output).toContain('\twrite_atomic(&dst[0], cpu_to_le64(val));\n\twrite_atomic(&s->x, 1);\n');
  });

  it('xen-api-read-once(-deref)', () => {
    const r = portLib(fn([], ['a = READ_ONCE(*dst);', 'b = READ_ONCE(s->x);']), 'atomic');
    expect(r.output).toContain('\ta = read_atomic(dst);\n\tb = read_atomic(&s->x);\n');
  });

  it('invalid: ACCESS_ONCE and wrong arities are left alone', () => {
    const src = fn([], ['a = ACCESS_ONCE(x);', 'WRITE_ONCE(x);', 'b = READ_ONCE(x, y);']);
    expect(portLib(src, 'atomic').output).toBe(src);
  });
});
