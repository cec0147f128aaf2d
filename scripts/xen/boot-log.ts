/**
 * Reads Xen's serial log from the boot smoke test: did the SMMUv3 driver find its device-tree
 * node and probe it up to the stage-2 check, did anything crash before that, and did the boot end
 * the only way it can without a dom0 kernel (Xen's "Could not set up DOM0 guest OS" panic)?
 */

/** The verdict on one boot log. */
export interface BootVerdict {
  /** Empty when the boot passed. */
  failures: string[];
  /** The device-tree node the driver probed (e.g. `/smmuv3@9050000`), if found. */
  node?: string;
  /** How the boot ended, in words. */
  end: string;
  /** The lines worth showing: Xen's version, the IOMMU lines, crashes, the final panic. */
  excerpt: string[];
}

/** A line printed by the SMMUv3 driver about a device-tree node: `SMMUv3: /smmuv3@9050000: ...`. */
const DRIVER_LINE = /SMMUv3: (\/\S*smmuv3@[0-9a-f]+): /;
/** The end of the probe on QEMU 7.2 (stage-1-only SMMUv3). */
const STAGE2_LINE = /SMMUv3: (\S+): no stage-2 translation support/;
/** Signs of a crash: panics, BUG/ASSERT, traps, aborts, register dumps. */
const CRASH =
  /panic|Xen BUG at|Assertion '.*' failed|Xen call trace|Unexpected Trap|FATAL|Data Abort|Instruction Abort|Hypervisor Trap|----\[ Xen-/i;
/** The panic every boot without a dom0 kernel ends with; its message is on the line after "Panic on CPU". */
const DOM0_PANIC = /Could not set up DOM0 guest OS/;
const IOMMU_RELATED = /SMMU|IOMMU|iommu|I\/O virtualisation|Xen version|LOADING DOMAIN 0|Missing kernel boot module/;

/** Checks a boot log (QEMU's serial output) and picks the excerpt to show. */
export function analyseBootLog(log: string): BootVerdict {
  const lines = log.replace(/\r/g, '').split('\n');
  const failures: string[] = [];
  const nodeAt = lines.findIndex((l) => DRIVER_LINE.test(l));
  const stage2At = lines.findIndex((l) => STAGE2_LINE.test(l));
  const node = nodeAt >= 0 ? DRIVER_LINE.exec(lines[nodeAt])![1] : undefined;
  if (!lines.some((l) => /Xen version 4\.17/.test(l))) failures.push('no "Xen version 4.17" banner: Xen did not start');
  if (nodeAt < 0) failures.push('no "SMMUv3: /smmuv3@...:" line: the driver did not find the device-tree node');
  if (stage2At < 0)
    failures.push('no "no stage-2 translation support" line: the probe did not reach its stage-2 check');
  if (stage2At >= 0 && node && STAGE2_LINE.exec(lines[stage2At])![1] !== node)
    failures.push(`the stage-2 line names ${STAGE2_LINE.exec(lines[stage2At])![1]}, not ${node}`);

  const probeEnd = stage2At >= 0 ? stage2At : lines.length;
  const early = lines.slice(0, probeEnd).findIndex((l) => CRASH.test(l));
  if (early >= 0) failures.push(`crash before the probe's stage-2 check: "${lines[early].trim()}"`);

  // After the probe, the only crash allowed is the dom0 panic block.
  let end = 'QEMU exited without a panic';
  const panicAt = lines.findIndex((l, i) => i > probeEnd && /Panic on CPU/.test(l));
  const dom0 = panicAt >= 0 && lines.slice(panicAt + 1, panicAt + 3).some((l) => DOM0_PANIC.test(l));
  if (dom0) end = 'the expected panic without a dom0 kernel ("Could not set up DOM0 guest OS")';
  const late = stage2At >= 0 ? lines.findIndex((l, i) => i > stage2At && CRASH.test(l) && !(dom0 && i >= panicAt)) : -1;
  if (late >= 0) failures.push(`crash after the probe: "${lines[late].trim()}"`);
  if (stage2At >= 0 && !dom0) failures.push('the boot did not end with the expected dom0 panic');

  const excerpt = lines.filter(
    (l, i) => IOMMU_RELATED.test(l) || CRASH.test(l) || (panicAt >= 0 && i > panicAt && i <= panicAt + 2),
  );
  return { failures, node, end, excerpt: excerpt.map((l) => l.trimEnd()) };
}
