/** xen-api/dt and xen-api/dt-device: device-tree rules with valid and invalid cases. */
import { errors, fn, portLib } from './helpers';

describe('xen-api/dt', () => {
  it('xen-api-of-property-read-bool', () => {
    const r = portLib(fn([], ['if (of_property_read_bool(dev->of_node, "hisilicon,broken-prefetch-cmd"))', '\treturn;']), 'dt');
    expect(errors(r.diagnostics)).toEqual([]);
    expect(r.output).toContain('\tif (dt_property_read_bool(dev->of_node, "hisilicon,broken-prefetch-cmd"))\n');
  });

  it('xen-api-of-property-read-u32/-u64: success is true in Xen, hence the !', () => {
    const r = portLib(fn([], ['if (of_property_read_u32(np, "#iommu-cells", &cells))', '\treturn;', 'a = of_property_read_u64(np, "x", &v);']), 'dt');
    expect(r.output).toContain('\tif (!dt_property_read_u32(np, "#iommu-cells", &cells))\n');
    expect(r.output).toContain('\ta = !dt_property_read_u64(np, "x", &v);\n');
  });

  it('xen-api-of-property-read-string and -of-dma-is-coherent', () => {
    const r = portLib(fn([], ['of_property_read_string(np, "name", &s);', 'if (of_dma_is_coherent(dev->of_node))', '\treturn;']), '');
    expect(r.output).toContain('\tdt_property_read_string(np, "name", &s);\n');
    expect(r.output).toContain('\tif (dt_get_property(dev->of_node, "dma-coherent", NULL))\n');
  });

  it('xen-api-of-device-id: the match table type', () => {
    const r = portLib('static const struct of_device_id tbl[] = {\n\t{ .compatible = "arm,smmu-v3", },\n\t{ },\n};\n', 'dt-device');
    expect(r.output).toBe('static const struct dt_device_match tbl[] = {\n\t{ .compatible = "arm,smmu-v3", },\n\t{ },\n};\n');
  });

  it('invalid: of_ helpers Xen lacks are left alone', () => {
    const src = fn([], ['of_node_put(np);', 'x = of_property_read_u32_array(np, "a", v, 2);']);
    expect(portLib(src, 'dt').output).toBe(src);
  });
});
