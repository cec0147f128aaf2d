
/***** Start of the Xen-specific code *****/

/*
 * Xen: callbacks of the ACME IOMMU. They call into the Linux code above,
 * which keeps doing the actual work. This block is Xen-owned text:
 * xenport appends it verbatim and never edits it.
 */

static void acme_irq_xen(int irq, void *data, struct cpu_user_regs *regs)
{
	acme_irq(irq, data);
}

static struct acme_domain *acme_xen_domain(struct domain *d)
{
	return dom_iommu(d)->arch.priv;
}

static int acme_xen_init(struct domain *d)
{
	struct acme_domain *dom = xzalloc_bytes(sizeof(*dom));

	if (!dom)
		return -ENOMEM;

	dom->d = d;
	dom_iommu(d)->arch.priv = dom;
	return 0;
}

static void acme_xen_teardown(struct domain *d)
{
	xfree(acme_xen_domain(d));
}

static int acme_xen_add_device(u8 devfn, struct device *dev)
{
	u32 sid;

	return acme_lookup(dev, &sid) ? 0 : -ENODEV;
}

static int acme_xen_assign_device(struct domain *d, u8 devfn,
				  struct device *dev, u32 flag)
{
	struct acme_iommu *iommu;
	u32 sid;

	iommu = acme_lookup(dev, &sid);
	if (!iommu)
		return -ENODEV;

	return acme_attach_sid(iommu, acme_xen_domain(d), sid);
}

static const struct iommu_ops acme_xen_ops = {
	.init		= acme_xen_init,
	.teardown	= acme_xen_teardown,
	.add_device	= acme_xen_add_device,
	.assign_device	= acme_xen_assign_device,
};

static __init int acme_xen_probe(struct dt_device_node *np,
				 const void *data)
{
	int err = acme_probe(np);

	if (err)
		return err;

	iommu_set_ops(&acme_xen_ops);
	return 0;
}

/* What DT_DEVICE_START()/DT_DEVICE_END expand to, spelled out as plain C */
static const struct device_desc acme_xen_desc __used
__section(".dev.info") = {
	.name		= "ACME IOMMU",
	.class		= DEVICE_IOMMU,
	.dt_match	= acme_of_match,
	.init		= acme_xen_probe,
};
