/** xen-api/irq: IRQ request and release rules with valid and invalid cases. */
import { errors, fn, found, portLib } from './helpers';

describe('xen-api/irq', () => {
  it('xen-api-devm-request-irq: flags move before the handler, the device goes', () => {
    const r = portLib(fn([], ['ret = devm_request_irq(dev, irq, handler, 0, "gerror", smmu);']), 'irq');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tret = request_irq(irq, 0, handler, "gerror", smmu);\n');
  });

  it('xen-api-devm-request-threaded-irq-nothread: the thread function becomes the handler', () => {
    const r = portLib(fn([], ['ret = devm_request_threaded_irq(dev, irq, NULL, thread_fn, IRQF_ONESHOT, "evtq", smmu);']), 'irq');
    expect(r.output).toContain('\tret = request_irq(irq, IRQF_ONESHOT, thread_fn, "evtq", smmu);\n');
    expect(found(r, 'xen-api-devm-request-threaded-irq')).toBe(0);
  });

  it('xen-api-devm-request-threaded-irq: the primary handler stays', () => {
    const r = portLib(fn([], ['ret = devm_request_threaded_irq(dev, irq, hard_fn, thread_fn, IRQF_ONESHOT, "comb", smmu);']), 'irq');
    expect(r.output).toContain('\tret = request_irq(irq, IRQF_ONESHOT, hard_fn, "comb", smmu);\n');
    expect(found(r, 'xen-api-devm-request-threaded-irq-nothread')).toBe(0);
  });

  it('xen-api-free-irq and xen-api-devm-free-irq', () => {
    const r = portLib(fn([], ['free_irq(irq, smmu);', 'devm_free_irq(dev, irq, smmu);']), 'irq');
    expect(r.output).toContain('\trelease_irq(irq, smmu);\n\trelease_irq(irq, smmu);\n');
  });

  it('invalid: request_irq (already Xen) and wrong arities are left alone', () => {
    const src = fn([], ['ret = request_irq(irq, 0, handler, "x", smmu);', 'ret = devm_request_irq(dev, irq, handler);']);
    expect(portLib(src, 'irq').output).toBe(src);
  });
});
