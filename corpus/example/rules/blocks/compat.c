/*
 * Xen: compatibility block. The imported ACME code keeps its Linux names;
 * the definitions below map them to Xen's. This block is Xen-owned text:
 * xenport inserts it verbatim after the includes and never edits it.
 */

/* Device tree: Linux's OF helpers are Xen's dt_* helpers */
#define device_node			dt_device_node
#define platform_device			dt_device_node
#define of_device_id			dt_device_match
#define of_phandle_args			dt_phandle_args
#define of_parse_phandle_with_args	dt_parse_phandle_with_args
#define of_node_put(np)			((void)(np))

/* Messages: no dev_*() helpers, so prefix them with the driver's name */
#define dev_err(dev, fmt, ...)						\
	printk(XENLOG_ERR "acme-iommu: " fmt, ## __VA_ARGS__)
#define dev_warn(dev, fmt, ...)						\
	printk(XENLOG_WARNING "acme-iommu: " fmt, ## __VA_ARGS__)

/* Bit fields and types */
#define FIELD_GET(mask, val)		MASK_EXTR(val, mask)
#define FIELD_PREP(mask, val)		MASK_INSR(val, mask)
#define phys_addr_t			paddr_t

/* Module information means nothing to Xen */
#define MODULE_DESCRIPTION(desc)
#define MODULE_AUTHOR(author)
#define MODULE_LICENSE(license)

/* MMIO: the registers are the first "reg" range of the IOMMU's node */
#define resource			dt_device_node
#define IORESOURCE_MEM			0
#define platform_get_resource(np, type, index)	(np)
#define devm_ioremap_resource(dev, np)	acme_xen_ioremap(np)

static void __iomem *acme_xen_ioremap(const struct dt_device_node *np)
{
	void __iomem *base;
	u64 addr, size;

	if (dt_device_get_address(np, 0, &addr, &size))
		return ERR_PTR(-ENODEV);

	base = ioremap_nocache(addr, size);
	return base ? base : ERR_PTR(-ENOMEM);
}

/*
 * Interrupts: Xen's request_irq() takes the flags before the handler, and
 * its handlers also receive the registers, so each handler gets a _xen
 * wrapper (in the Xen callbacks block at the end of the file).
 */
typedef int irqreturn_t;
#define IRQ_NONE			0
#define IRQ_HANDLED			1
#define acme_request_irq(irq, handler, flags, name, data)		\
	request_irq(irq, flags, handler##_xen, name, data)

static void acme_irq_xen(int irq, void *data, struct cpu_user_regs *regs);

/* Linux's generic IOMMU domain is only embedded in struct acme_domain */
struct iommu_domain {
	unsigned int type;
};

/***** Start of the Linux ACME IOMMU code *****/

