/**
 * The parts of the Xen check that need no toolchain: mapping gcc/ld output to the generated
 * files' paths, reading a boot log, adding Xen's command line to a device tree, the cross-process
 * lock, and restoring a tree. Logs and outputs here are short made-up samples in the tools' formats.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyseBootLog } from '../../scripts/xen/boot-log';
import { addBootargs } from '../../scripts/xen/boot';
import { cachePaths, DRIVER_C, DRIVER_H } from '../../scripts/xen/config';
import { countDiagnostics, diagnosticLines, firstError, mapPaths } from '../../scripts/xen/diagnostics';
import { acquireLock, LockTimeout } from '../../scripts/xen/lock';
import { restoreTree } from '../../scripts/xen/tree';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-xen-parts-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('gcc and ld output, mapped to the generated files', () => {
  const xenDir = '/cache/tree/xen';
  const map = {
    'drivers/passthrough/arm/smmu-v3.c': 'out/smmu-v3.c',
    'drivers/passthrough/arm/smmu-v3.h': 'out/smmu-v3.h',
  };
  const output = [
    "drivers/passthrough/arm/smmu-v3.c: In function 'f':",
    "drivers/passthrough/arm/smmu-v3.c:12:5: error: 'y' undeclared (first use in this function)",
    'In file included from drivers/passthrough/arm/smmu-v3.c:93:',
    'drivers/passthrough/arm/smmu-v3.h:40:23: warning: no semicolon at end of struct or union',
    './include/xen/lib.h:7:1: note: declared here',
    'include/xen/lib.h:7:1: note: declared here',
    'make[1]: *** [Rules.mk:249: drivers/passthrough/arm/smmu-v3.o] Error 1',
    "aarch64-linux-gnu-ld: prelink.o: in function `g':",
    "/cache/tree/xen/drivers/passthrough/arm/smmu-v3.c:30: undefined reference to `h'",
    '  CC      drivers/passthrough/arm/smmu-v3.o',
  ].join('\n');
  const lines = diagnosticLines(mapPaths(output, xenDir, map));

  it("names the generated files at the same line and column, and drops make's own lines", () => {
    expect(lines).toEqual([
      "out/smmu-v3.c: In function 'f':",
      "out/smmu-v3.c:12:5: error: 'y' undeclared (first use in this function)",
      'In file included from out/smmu-v3.c:93:',
      'out/smmu-v3.h:40:23: warning: no semicolon at end of struct or union',
      '/cache/tree/xen/include/xen/lib.h:7:1: note: declared here',
      '/cache/tree/xen/include/xen/lib.h:7:1: note: declared here',
      "aarch64-linux-gnu-ld: prelink.o: in function `g':",
      "out/smmu-v3.c:30: undefined reference to `h'",
    ]);
  });

  it('counts errors (undefined references included) and warnings, and finds the first error', () => {
    expect(countDiagnostics(lines)).toEqual({ errors: 2, warnings: 1 });
    expect(firstError(lines)).toBe("out/smmu-v3.c:12:5: error: 'y' undeclared (first use in this function)");
  });

  it("takes the user's path literally, even with $ in it", () => {
    expect(
      mapPaths('drivers/passthrough/arm/smmu-v3.c:1:2: error: x', xenDir, {
        'drivers/passthrough/arm/smmu-v3.c': 'out/$&.c',
      }),
    ).toBe('out/$&.c:1:2: error: x');
  });

  it('leaves a file whose name only ends like the driver alone', () => {
    expect(mapPaths('other/drivers/passthrough/arm/smmu-v3.c.orig:1:1: error: x', xenDir, map)).toBe(
      'other/drivers/passthrough/arm/smmu-v3.c.orig:1:1: error: x',
    );
  });
});

describe('the boot log', () => {
  const banner = '(XEN) Xen version 4.17.5 (Debian ) (@) (aarch64-linux-gnu-gcc (Debian 12.2.0-14) 12.2.0) debug=n';
  const probe = [
    '(XEN) SMMUv3: /smmuv3@9050000: IRQ combined not found',
    '(XEN) SMMUv3: /smmuv3@9050000: no stage-2 translation support!',
    '(XEN) I/O virtualisation disabled',
  ];
  const dom0Panic = [
    '(XEN) *** LOADING DOMAIN 0 ***',
    '(XEN) Missing kernel boot module?',
    '(XEN) ****************************************',
    '(XEN) Panic on CPU 0:',
    '(XEN) Could not set up DOM0 guest OS',
    '(XEN) ****************************************',
  ];

  it('passes a probe that reaches the stage-2 check and a boot that ends with the dom0 panic', () => {
    const v = analyseBootLog(
      [banner, '(XEN) GICv3: 256 lines', ...probe, '(XEN) P2M: 4 levels', ...dom0Panic].join('\r\n'),
    );
    expect(v.failures).toEqual([]);
    expect(v.node).toBe('/smmuv3@9050000');
    expect(v.excerpt).toContain(probe[1]);
    expect(v.excerpt).toContain('(XEN) Could not set up DOM0 guest OS');
    expect(v.excerpt).not.toContain('(XEN) GICv3: 256 lines');
  });

  it('fails a crash before the stage-2 check', () => {
    const v = analyseBootLog(
      [banner, probe[0], '(XEN) Xen BUG at smmu-v3.c:1234', '(XEN) Xen call trace:', probe[1], ...dom0Panic].join('\n'),
    );
    expect(v.failures).toEqual(['crash before the probe\'s stage-2 check: "(XEN) Xen BUG at smmu-v3.c:1234"']);
  });

  it('fails a probe that never reaches the stage-2 check', () => {
    const v = analyseBootLog([banner, probe[0], ...dom0Panic].join('\n'));
    expect(v.failures).toContain('no "no stage-2 translation support" line: the probe did not reach its stage-2 check');
    expect(v.failures.some((f) => f.startsWith('crash before'))).toBe(true);
  });

  it('fails a driver that never found the node, and a Xen that never started', () => {
    expect(analyseBootLog([banner, ...dom0Panic].join('\n')).failures[0]).toMatch(/did not find the device-tree node/);
    expect(analyseBootLog('').failures[0]).toMatch(/Xen did not start/);
  });

  it('fails another crash after the probe, and a boot that does not end with the dom0 panic', () => {
    const trap = analyseBootLog([banner, ...probe, '(XEN) CPU0: Unexpected Trap: Data Abort', ...dom0Panic].join('\n'));
    expect(trap.failures).toEqual(['crash after the probe: "(XEN) CPU0: Unexpected Trap: Data Abort"']);
    const hang = analyseBootLog([banner, ...probe].join('\n'));
    expect(hang.failures).toEqual(['the boot did not end with the expected dom0 panic']);
  });
});

describe('the device tree', () => {
  it('gets xen,xen-bootargs as the first property of /chosen', () => {
    const dts = '/ {\n\tchosen {\n\t\tstdout-path = "/pl011@9000000";\n\t};\n};\n';
    expect(addBootargs(dts, 'console=dtuart')).toBe(
      '/ {\n\tchosen {\n\t\txen,xen-bootargs = "console=dtuart";\n\t\tstdout-path = "/pl011@9000000";\n\t};\n};\n',
    );
    expect(() => addBootargs('/ {\n};\n', 'x')).toThrow(/no \/chosen node/);
  });
});

describe('the cache lock', () => {
  it('is exclusive across open descriptions and free again once released', () => {
    const file = path.join(tmp, 'lock');
    const first = acquireLock(file, 1, () => undefined);
    let waited = false;
    expect(() => acquireLock(file, 1, () => (waited = true))).toThrow(LockTimeout);
    expect(waited).toBe(true);
    first.release();
    first.release();
    const second = acquireLock(file, 1, () => undefined);
    second.release();
  });
});

describe('restoring the tree', () => {
  it('puts back exactly the driver files that differ from the pristine source', () => {
    const p = cachePaths(path.join(tmp, 'cache'));
    for (const rel of [DRIVER_C, DRIVER_H]) {
      for (const root of [p.pristine, p.tree]) {
        fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        fs.writeFileSync(path.join(root, rel), `original ${rel}\n`);
      }
    }
    expect(restoreTree(p)).toEqual([]);
    fs.writeFileSync(path.join(p.tree, DRIVER_H), 'generated\n');
    expect(restoreTree(p)).toEqual([DRIVER_H]);
    expect(fs.readFileSync(path.join(p.tree, DRIVER_H), 'utf8')).toBe(`original ${DRIVER_H}\n`);
    fs.rmSync(path.join(p.tree, DRIVER_C));
    expect(restoreTree(p)).toEqual([DRIVER_C]);
    expect(fs.readdirSync(path.dirname(path.join(p.tree, DRIVER_C))).sort()).toEqual(['smmu-v3.c', 'smmu-v3.h']);
  });
});
