/**
 * The boot smoke test: boots a linked Xen hypervisor under QEMU's arm64 `virt` machine with an
 * emulated SMMUv3, and checks from the serial log that Xen's SMMUv3 driver found the device-tree
 * node and ran its probe up to the stage-2 check (QEMU 7.2's SMMUv3 is stage-1 only, so the probe
 * ends with "no stage-2 translation support"), with no crash before it. Xen takes its command line
 * from `xen,xen-bootargs` in the device tree's /chosen node (it ignores -append without a dom0
 * kernel), so the tree QEMU generates is dumped, given that property, and cached.
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { EXIT, type CachePaths } from './config';
import { analyseBootLog } from './boot-log';
import { run } from './process';

/** The QEMU machine: virtualization for EL2, GICv3, an SMMUv3 on the platform bus. */
export const QEMU_MACHINE = 'virt,virtualization=on,gic-version=3,iommu=smmuv3';
/**
 * The other QEMU options, shared by the device-tree dump and the boot (the tree depends on them).
 * `-nic none`: no network card, so no iPXE ROM is needed (Debian's ipxe-qemu is only a Recommends).
 */
export const QEMU_OPTIONS = ['-cpu', 'cortex-a57', '-m', '2048', '-nographic', '-no-reboot', '-nic', 'none'];
/** Xen's command line: PL011 console, IOMMU on (not forced: the probe is expected to end early). */
export const XEN_BOOTARGS = 'console=dtuart dtuart=/pl011@9000000 iommu=yes loglvl=all sync_console';

/** What Xen prints after a panic, before waiting five seconds to reboot. */
const REBOOT_NOTICE = /Reboot in five seconds/;

/** Options of `bootCheck`. */
export interface BootOptions {
  timeoutSec: number;
  /** Progress and failures (stderr). */
  say: (line: string) => void;
  /** The log excerpt and the verdict (stdout). */
  print: (line: string) => void;
}

/** Thrown when QEMU or dtc cannot make the device tree. */
export class BootSetupError extends Error {}

/** Adds `xen,xen-bootargs` to the /chosen node of a decompiled device tree. */
export function addBootargs(dts: string, bootargs: string): string {
  const chosen = /^(\s*)chosen \{\n/m.exec(dts);
  if (!chosen) throw new BootSetupError("QEMU's device tree has no /chosen node");
  const indent = chosen[1].replace(/\n/g, '') + '\t';
  const at = chosen.index + chosen[0].length;
  return `${dts.slice(0, at)}${indent}xen,xen-bootargs = "${bootargs}";\n${dts.slice(at)}`;
}

/**
 * The device tree for the boot: QEMU's own (dumped with the same machine options) plus Xen's
 * command line, cached in the cache's dtb folder under a hash of the options.
 */
export async function bootDtb(p: CachePaths): Promise<string> {
  const key = crypto
    .createHash('sha256')
    .update([QEMU_MACHINE, ...QEMU_OPTIONS, XEN_BOOTARGS].join('\0'))
    .digest('hex')
    .slice(0, 12);
  const target = path.join(p.dtb, `virt-smmuv3-${key}.dtb`);
  if (fs.existsSync(target)) return target;
  fs.mkdirSync(p.dtb, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(p.dtb, '.make-'));
  try {
    const dumped = path.join(tmp, 'qemu.dtb');
    const dump = await run('qemu-system-aarch64', ['-machine', `${QEMU_MACHINE},dumpdtb=${dumped}`, ...QEMU_OPTIONS], {
      timeoutMs: 60000,
    });
    if (!fs.existsSync(dumped))
      throw new BootSetupError(
        `qemu-system-aarch64 did not dump its device tree (exit ${dump.code}): ${dump.output.trim().split('\n').pop()}`,
      );
    const dts = path.join(tmp, 'xen.dts');
    const decompiled = await run('dtc', ['-q', '-I', 'dtb', '-O', 'dts', '-o', dts, dumped]);
    if (decompiled.code !== 0)
      throw new BootSetupError(`dtc could not decompile QEMU's device tree: ${decompiled.output.trim()}`);
    fs.writeFileSync(dts, addBootargs(fs.readFileSync(dts, 'utf8'), XEN_BOOTARGS));
    const out = path.join(tmp, 'xen.dtb');
    const compiled = await run('dtc', ['-q', '-I', 'dts', '-O', 'dtb', '-o', out, dts]);
    if (compiled.code !== 0)
      throw new BootSetupError(`dtc could not recompile the device tree: ${compiled.output.trim()}`);
    fs.renameSync(out, target);
    return target;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Boots `image`, checks the log, prints the excerpt and the verdict; returns the exit code. */
export async function bootCheck(p: CachePaths, image: string, opts: BootOptions): Promise<number> {
  let dtb: string;
  try {
    dtb = await bootDtb(p);
  } catch (e) {
    opts.say(`xen-boot: ${(e as Error).message} (exit ${EXIT.infrastructure})`);
    return EXIT.infrastructure;
  }
  fs.mkdirSync(p.logs, { recursive: true });
  const log = path.join(p.logs, `boot-${path.basename(image)}.log`);
  fs.writeFileSync(log, '');
  const t0 = Date.now();
  const args = ['-machine', QEMU_MACHINE, ...QEMU_OPTIONS, '-kernel', image, '-dtb', dtb];
  // After a panic Xen waits five seconds, then reboots (and -no-reboot ends QEMU): stop at the notice.
  const r = await run('qemu-system-aarch64', args, { log, timeoutMs: opts.timeoutSec * 1000, stopWhen: REBOOT_NOTICE });
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  const verdict = analyseBootLog(r.output);
  opts.print(`xen-boot: qemu-system-aarch64 ${args.join(' ')}`);
  for (const l of verdict.excerpt) opts.print(`  | ${l}`);
  if (r.timedOut) verdict.failures.push(`QEMU still running after ${opts.timeoutSec} s (killed)`);
  if (verdict.failures.length > 0) {
    opts.say(
      `xen-boot: FAILED after ${secs} s: ${verdict.failures.join('; ')}; full log ${log} (exit ${EXIT.bootFailed})`,
    );
    return EXIT.bootFailed;
  }
  opts.print(
    `xen-boot: OK in ${secs} s: the SMMUv3 driver probed ${verdict.node} up to its stage-2 check, no crash before it; ended with: ${verdict.end}; full log ${log}`,
  );
  return EXIT.ok;
}
