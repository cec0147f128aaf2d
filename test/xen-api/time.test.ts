/** xen-api/time: ktime rules with valid cases (including nested calls) and invalid cases. */
import { errors, fn, portLib } from './helpers';

describe('xen-api/time', () => {
  it('xen-api-ktime-t, -get, -add-us: nested calls compose', () => {
    const r = portLib(fn(['ktime_t timeout;'], ['timeout = ktime_add_us(ktime_get(), sync ? 1 : 2);']), 'time');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\ts_time_t timeout;\n');
    expect(r.output).toContain('\ttimeout = NOW() + MICROSECS(sync ? 1 : 2);\n');
  });

  it('xen-api-ktime-compare-after: only the "> 0" form', () => {
    const r = portLib(fn([], ['if (ktime_compare(ktime_get(), timeout) > 0)', '\treturn;', 'if (ktime_compare(a, b) < 0)', '\treturn;']), 'time');
    expect(r.output).toContain('\tif ((NOW() > timeout) > 0)\n');
    expect(r.output).toContain('\tif (ktime_compare(a, b) < 0)\n');
  });

  it('xen-api-ktime-before and -after', () => {
    const r = portLib(fn([], ['x = !ktime_before(ktime_get(), timeout);', 'y = ktime_after(a, b);']), 'time');
    expect(r.output).toContain('\tx = !(NOW() < timeout);\n\ty = (a > b);\n');
  });

  it('invalid: other ktime helpers are left alone (and reported nowhere)', () => {
    const src = fn([], ['x = ktime_get_ns();', 'y = ktime_to_us(t);']);
    const r = portLib(src, 'time');
    expect(r.output).toBe(src);
    expect(errors(r.diagnostics)).toEqual([]);
  });
});
