/*
 * ACME I/O memory management unit driver
 *
 * Copyright (C) 2024 ACME Corporation
 *
 * This program is free software; you can redistribute it and/or modify
 * it under the terms of the GNU General Public License version 2 as
 * published by the Free Software Foundation.
 *
 * Author: Wile E. Coyote <wile.e.coyote@acme.example>
 *
 * The ACME IOMMU translates the DMA of bus masters named by a 16-bit
 * stream ID. A stream table routes each stream to one of up to 64
 * context banks, and a context bank walks a one-level table of 2MB
 * blocks.
 */

#define pr_fmt(fmt) "acme-iommu: " fmt

#include <linux/bitfield.h>
#include <linux/delay.h>
#include <linux/dma-mapping.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/iommu.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include <linux/platform_data/acme-iommu.h>

#include <asm/cacheflush.h>

/* Register offsets */
#define ACME_REG_IDR			0x0000
#define ACME_REG_CR0			0x0004
#define ACME_REG_FSR			0x0010
#define ACME_REG_FSYNR			0x0014
#define ACME_REG_FAR_LO			0x0018
#define ACME_REG_FAR_HI			0x001c
#define ACME_REG_STE(sid)		(0x1000 + (sid) * 4)
#define ACME_REG_CTX(n)			(0x10000 + (n) * 0x100)

/* Context bank registers, relative to ACME_REG_CTX(n) */
#define ACME_CTX_TCR			0x00
#define ACME_CTX_TTBR_LO		0x08
#define ACME_CTX_TTBR_HI		0x0c
#define ACME_CTX_TLBIALL		0x10
#define ACME_CTX_TLBSYNC		0x14

/* Register fields */
#define ACME_IDR_VERSION		GENMASK(31, 28)
#define ACME_IDR_NUM_CTX		GENMASK(6, 0)
#define ACME_VERSION_1			1

#define ACME_CR0_ENABLE			BIT(0)
#define ACME_CR0_FAULT_IRQ		BIT(1)

#define ACME_STE_VALID			BIT(31)
#define ACME_STE_ABORT			BIT(30)
#define ACME_STE_CTX			GENMASK(5, 0)
#define ACME_STE_BYPASS			0

#define ACME_FSR_FAULT			BIT(0)
#define ACME_FSR_WRITE			BIT(1)
#define ACME_FSYNR_SID			GENMASK(15, 0)

#define ACME_TCR_ENABLE			BIT(0)

/* Translation table format */
#define ACME_PTE_VALID			BIT(0)
#define ACME_BLOCK_SHIFT		21
#define ACME_BLOCK_SIZE			(1UL << ACME_BLOCK_SHIFT)
#define ACME_PTRS_PER_TABLE		2048

#define ACME_MAX_CONTEXTS		64
#define ACME_MAX_STREAMS		1024
#define ACME_TLB_SYNC_TIMEOUT		1000	/* microseconds */

/* The translation table of a domain, shared by all its context banks */
struct acme_pgtable {
	u64				*ptes;
	phys_addr_t			ptes_phys;
	spinlock_t			lock;
};

struct acme_domain {
	struct iommu_domain		domain;
	struct acme_iommu		*iommu;
	int				ctx;
	struct acme_pgtable		pgtbl;
};

#define to_acme_domain(d)	container_of(d, struct acme_domain, domain)

struct acme_iommu {
	struct device			*dev;
	void __iomem			*base;
	int				irq;
	unsigned int			num_ctx;
	struct acme_domain		*ctx_owner[ACME_MAX_CONTEXTS];
	spinlock_t			lock;
	struct acme_iommu		*next;
};

/* Probed instances, looked up by device tree node */
static struct acme_iommu *acme_instances;
static DEFINE_SPINLOCK(acme_instances_lock);

static inline void __iomem *acme_ctx_base(struct acme_iommu *iommu, int ctx)
{
	return iommu->base + ACME_REG_CTX(ctx);
}

static void acme_tlb_flush(struct acme_iommu *iommu, int ctx)
{
	void __iomem *base = acme_ctx_base(iommu, ctx);
	unsigned int timeout = ACME_TLB_SYNC_TIMEOUT;

	writel_relaxed(0, base + ACME_CTX_TLBIALL);
	writel_relaxed(0, base + ACME_CTX_TLBSYNC);
	while (readl_relaxed(base + ACME_CTX_TLBSYNC)) {
		if (!--timeout) {
			dev_err(iommu->dev, "TLB sync timed out\n");
			return;
		}
		udelay(1);
	}
}

static void acme_ctx_enable(struct acme_domain *dom)
{
	void __iomem *base = acme_ctx_base(dom->iommu, dom->ctx);
	u64 ttbr = dom->pgtbl.ptes_phys;

	writel_relaxed(lower_32_bits(ttbr), base + ACME_CTX_TTBR_LO);
	writel_relaxed(upper_32_bits(ttbr), base + ACME_CTX_TTBR_HI);
	writel_relaxed(ACME_TCR_ENABLE, base + ACME_CTX_TCR);
	acme_tlb_flush(dom->iommu, dom->ctx);
}

/*
 * Give the domain a context bank of this IOMMU if it has none yet, then
 * route the stream to that context bank.
 */
static int acme_attach_sid(struct acme_iommu *iommu, struct acme_domain *dom,
			   u32 sid)
{
	int ctx;

	if (sid >= ACME_MAX_STREAMS)
		return -ERANGE;

	spin_lock(&iommu->lock);
	if (!dom->iommu) {
		for (ctx = 0; ctx < iommu->num_ctx; ctx++)
			if (!iommu->ctx_owner[ctx])
				break;
		if (ctx == iommu->num_ctx) {
			spin_unlock(&iommu->lock);
			return -ENOSPC;
		}
		iommu->ctx_owner[ctx] = dom;
		dom->iommu = iommu;
		dom->ctx = ctx;
		acme_ctx_enable(dom);
	} else if (dom->iommu != iommu) {
		spin_unlock(&iommu->lock);
		return -EINVAL;
	}

	writel_relaxed(ACME_STE_VALID | FIELD_PREP(ACME_STE_CTX, dom->ctx),
		       iommu->base + ACME_REG_STE(sid));
	spin_unlock(&iommu->lock);
	return 0;
}

static struct acme_iommu *acme_find(struct device_node *np)
{
	struct acme_iommu *iommu;

	spin_lock(&acme_instances_lock);
	for (iommu = acme_instances; iommu; iommu = iommu->next)
		if (iommu->dev->of_node == np)
			break;
	spin_unlock(&acme_instances_lock);
	return iommu;
}

/*
 * A PCI function is named by its requester ID, and sits behind the IOMMU
 * of its host bridge.
 */
static struct acme_iommu *acme_pci_lookup(struct pci_dev *pdev, u32 *sid)
{
	struct pci_bus *bus = pdev->bus;

	while (!pci_is_root_bus(bus))
		bus = bus->parent;

	*sid = pci_dev_id(pdev);
	return acme_find(bus->bridge->parent->of_node);
}

static struct acme_iommu *acme_lookup(struct device *dev, u32 *sid)
{
	struct of_phandle_args args;

	if (dev_is_pci(dev)) {
		struct pci_dev *pdev = to_pci_dev(dev);

		return acme_pci_lookup(pdev, sid);
	}

	if (of_parse_phandle_with_args(dev->of_node, "iommus", "#iommu-cells",
				       0, &args))
		return NULL;

	*sid = args.args[0];
	of_node_put(args.np);
	return acme_find(args.np);
}

static irqreturn_t acme_irq(int irq, void *dev)
{
	struct acme_iommu *iommu = dev;
	u32 fsr, fsynr;
	u64 iova;

	fsr = readl_relaxed(iommu->base + ACME_REG_FSR);
	if (!(fsr & ACME_FSR_FAULT))
		return IRQ_NONE;

	fsynr = readl_relaxed(iommu->base + ACME_REG_FSYNR);
	iova = readl_relaxed(iommu->base + ACME_REG_FAR_LO);
	iova |= (u64)readl_relaxed(iommu->base + ACME_REG_FAR_HI) << 32;

	dev_err(iommu->dev, "%s fault at 0x%llx from stream %lu\n",
		fsr & ACME_FSR_WRITE ? "write" : "read", iova,
		FIELD_GET(ACME_FSYNR_SID, fsynr));

	writel_relaxed(fsr, iommu->base + ACME_REG_FSR);
	return IRQ_HANDLED;
}

static void acme_reset(struct acme_iommu *iommu)
{
	u32 ste;
	int i;

	writel_relaxed(0, iommu->base + ACME_REG_CR0);

	for (i = 0; i < iommu->num_ctx; i++) {
		writel_relaxed(0, acme_ctx_base(iommu, i) + ACME_CTX_TCR);
		acme_tlb_flush(iommu, i);
	}

	/*
	 * Streams that no domain has claimed bypass translation, so that
	 * devices set up by the boot firmware keep working.
	 */
	ste = ACME_STE_BYPASS;
	for (i = 0; i < ACME_MAX_STREAMS; i++)
		writel_relaxed(ste, iommu->base + ACME_REG_STE(i));

	writel_relaxed(ACME_CR0_ENABLE | ACME_CR0_FAULT_IRQ,
		       iommu->base + ACME_REG_CR0);
}

static struct iommu_domain *acme_domain_alloc(unsigned int type)
{
	struct acme_domain *dom;

	if (type != IOMMU_DOMAIN_UNMANAGED && type != IOMMU_DOMAIN_DMA)
		return NULL;

	dom = kzalloc(sizeof(*dom), GFP_KERNEL);
	if (!dom)
		return NULL;

	dom->pgtbl.ptes = kcalloc(ACME_PTRS_PER_TABLE, sizeof(u64), GFP_KERNEL);
	if (!dom->pgtbl.ptes) {
		kfree(dom);
		return NULL;
	}

	dom->pgtbl.ptes_phys = virt_to_phys(dom->pgtbl.ptes);
	spin_lock_init(&dom->pgtbl.lock);
	return &dom->domain;
}

static void acme_domain_free(struct iommu_domain *domain)
{
	struct acme_domain *dom = to_acme_domain(domain);

	kfree(dom->pgtbl.ptes);
	kfree(dom);
}

static int acme_attach_dev(struct iommu_domain *domain, struct device *dev)
{
	struct acme_iommu *iommu;
	u32 sid;

	iommu = acme_lookup(dev, &sid);
	if (!iommu)
		return -ENODEV;

	return acme_attach_sid(iommu, to_acme_domain(domain), sid);
}

static int acme_set_pte(struct acme_domain *dom, unsigned long iova, u64 pte)
{
	unsigned long idx = iova >> ACME_BLOCK_SHIFT;

	if (idx >= ACME_PTRS_PER_TABLE)
		return -EINVAL;

	spin_lock(&dom->pgtbl.lock);
	dom->pgtbl.ptes[idx] = pte;
	__flush_dcache_area(&dom->pgtbl.ptes[idx], sizeof(pte));
	spin_unlock(&dom->pgtbl.lock);

	if (dom->iommu)
		acme_tlb_flush(dom->iommu, dom->ctx);
	return 0;
}

static int acme_map(struct iommu_domain *domain, unsigned long iova,
		    phys_addr_t paddr, size_t size, int prot, gfp_t gfp)
{
	if (size != ACME_BLOCK_SIZE)
		return -EINVAL;

	return acme_set_pte(to_acme_domain(domain), iova,
			    paddr | ACME_PTE_VALID);
}

static size_t acme_unmap(struct iommu_domain *domain, unsigned long iova,
			 size_t size, struct iommu_iotlb_gather *gather)
{
	if (acme_set_pte(to_acme_domain(domain), iova, 0))
		return 0;

	return size;
}

static const struct iommu_ops acme_ops = {
	.domain_alloc	= acme_domain_alloc,
	.domain_free	= acme_domain_free,
	.attach_dev	= acme_attach_dev,
	.map		= acme_map,
	.unmap		= acme_unmap,
	.pgsize_bitmap	= ACME_BLOCK_SIZE,
};

static const struct of_device_id acme_of_match[] = {
	{ .compatible = "acme,iommu-v1", },
	{ /* sentinel */ }
};
MODULE_DEVICE_TABLE(of, acme_of_match);

static int acme_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct acme_iommu *iommu;
	struct resource *res;
	u32 id;
	int err;

	iommu = devm_kzalloc(dev, sizeof(*iommu), GFP_KERNEL);
	if (!iommu)
		return -ENOMEM;

	iommu->dev = dev;
	spin_lock_init(&iommu->lock);

	res = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	iommu->base = devm_ioremap_resource(dev, res);
	if (IS_ERR(iommu->base)) {
		dev_err(dev, "cannot map the registers\n");
		return -ENODEV;
	}

	id = readl_relaxed(iommu->base + ACME_REG_IDR);
	if (FIELD_GET(ACME_IDR_VERSION, id) != ACME_VERSION_1) {
		dev_err(dev, "unsupported version %lu\n",
			FIELD_GET(ACME_IDR_VERSION, id));
		return -ENODEV;
	}

	iommu->num_ctx = FIELD_GET(ACME_IDR_NUM_CTX, id);
	if (!iommu->num_ctx || iommu->num_ctx > ACME_MAX_CONTEXTS)
		return -ENODEV;

	iommu->irq = platform_get_irq(pdev, 0);
	if (iommu->irq < 0)
		return -ENODEV;

#ifdef CONFIG_64BIT
	if (dma_set_mask_and_coherent(dev, DMA_BIT_MASK(48)))
		dev_warn(dev, "no 48-bit DMA, tables stay below 4GB\n");
#endif

	acme_reset(iommu);

	err = devm_request_irq(dev, iommu->irq, acme_irq, 0, "acme-iommu", iommu);
	if (err) {
		dev_err(dev, "cannot request IRQ %d\n", iommu->irq);
		goto out_disable;
	}

	spin_lock(&acme_instances_lock);
	iommu->next = acme_instances;
	acme_instances = iommu;
	spin_unlock(&acme_instances_lock);

	platform_set_drvdata(pdev, iommu);
	bus_set_iommu(&platform_bus_type, &acme_ops);

	return 0;

out_disable:
	writel_relaxed(0, iommu->base + ACME_REG_CR0);
	return err;
}

static int acme_remove(struct platform_device *pdev)
{
	struct acme_iommu *iommu = platform_get_drvdata(pdev);
	struct acme_iommu **p;

	spin_lock(&acme_instances_lock);
	for (p = &acme_instances; *p != iommu; p = &(*p)->next)
		;
	*p = iommu->next;
	spin_unlock(&acme_instances_lock);

	writel_relaxed(0, iommu->base + ACME_REG_CR0);
	return 0;
}

static struct platform_driver acme_driver = {
	.driver	= {
		.name		= "acme-iommu",
		.of_match_table	= acme_of_match,
	},
	.probe	= acme_probe,
	.remove	= acme_remove,
};

static int __init acme_init(void)
{
	return platform_driver_register(&acme_driver);
}

static void __exit acme_exit(void)
{
	platform_driver_unregister(&acme_driver);
}

module_init(acme_init);
module_exit(acme_exit);

MODULE_DESCRIPTION("ACME IOMMU driver");
MODULE_AUTHOR("Wile E. Coyote <wile.e.coyote@acme.example>");
MODULE_LICENSE("GPL v2");
