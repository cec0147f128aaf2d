/**
 * `xenport learn --adopt`, shape by shape, on the shipped example port (the imaginary ACME driver
 * and its hand-written rules, copied to a scratch folder): each test makes one kind of Xen-only
 * commit to the generated file, checks that the port stops on XP300, adopts, and checks that the
 * port then passes --check and that adopted.yaml holds the rule shape a reviewer expects.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as YAML from 'yaml';
import { bufferConsole } from '../../src/cli/console';
import { main } from '../../src/cli/main';

const ROOT = path.resolve(__dirname, '..', '..');
const LINUX = path.join(ROOT, 'corpus/example/linux.c');
const XEN_TEXT = fs.readFileSync(path.join(ROOT, 'corpus/example/xen.c'), 'utf8');
let dir: string;
let port: string;

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-adopt-test-'));
  port = path.join(dir, 'rules');
  fs.cpSync(path.join(ROOT, 'corpus/example/rules'), port, { recursive: true });
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

async function cli(args: string[]): Promise<{ code: number; err: string }> {
  const c = bufferConsole();
  const code = await main(args, c);
  expect(c.err).not.toMatch(/\n\s+at .+\(.*:\d+:\d+\)/);
  return { code, err: c.err };
}

type RuleY = Record<string, unknown>;

/** Replace `from` (which must occur once) in the example's Xen file; the edited file's path. */
function edited(...edits: Array<[string, string]>): string {
  let t = XEN_TEXT;
  for (const [from, to] of edits) {
    expect(t.split(from).length).toBe(2);
    t = t.replace(from, to);
  }
  const f = path.join(dir, 'xen-edited.c');
  fs.writeFileSync(f, t);
  return f;
}

/** Check that the port stops on XP300, adopt, check that it then passes; the adopted rules. */
async function adoptOk(xen: string): Promise<RuleY[]> {
  const before = await cli(['port', LINUX, '--rules', port, '--xen', xen, '--check', '-q']);
  expect(before.code).toBe(1);
  expect(before.err).toMatch(/XP300/);
  const a = await cli(['learn', '--adopt', LINUX, xen, '-o', port]);
  expect(a.err).toMatch(/added \d+ rules/);
  expect(a.code).toBe(0);
  expect((await cli(['port', LINUX, '--rules', port, '--xen', xen, '--check', '-q'])).code).toBe(0);
  return (YAML.parse(fs.readFileSync(path.join(port, 'adopted.yaml'), 'utf8')) as { rules: RuleY[] }).rules;
}

const manifest = (): { rules: string[]; exclude?: string[] } =>
  YAML.parse(fs.readFileSync(path.join(port, 'port.yaml'), 'utf8'));

describe('xenport learn --adopt: the shapes of Xen-only commits', () => {
  it("a changed include run: a new includes rule with the Xen list supersedes the port's (excluded in port.yaml)", async () => {
    const xen = edited(
      ['#include <xen/irq.h>\n', ''],
      ['#include <xen/spinlock.h>\n', '#include <xen/spinlock.h>\n#include <xen/rwlock.h>\n'],
    );
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0].kind).toBe('includes');
    expect(rules[0].add).toContain('xen/rwlock.h');
    expect(rules[0].add).not.toContain('xen/irq.h');
    const m = manifest();
    expect(m.rules).toContain('adopted.yaml');
    expect(m.exclude).toEqual([String(rules[0].id).replace(/-adopted$/, '')]);
  });

  it('a function Xen changed in three places: one rule, the whole function as a carried block', async () => {
    const xen = edited(
      ['\tu32 fsr, fsynr;\n\tu64 iova;\n', '\tu32 fsr, fsynr;\n\tpaddr_t iova;\n'],
      ['\t\treturn IRQ_NONE;\n\n\tfsynr', '\t\treturn IRQ_HANDLED;\n\n\tfsynr'],
      ['"%s fault at 0x%llx from stream %lu\\n"', '"%s fault at %"PRIpaddr" from stream %lu\\n"'],
    );
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'replace', function: 'acme_irq' });
    expect(rules[0].block).toBe(rules[0].id);
    // The block is carried from the Xen file, never pasted into the rules.
    expect(fs.readFileSync(path.join(port, 'adopted.yaml'), 'utf8')).not.toContain('PRIpaddr');
  });

  it("a function holding a rule's #if 0 region, changed by Xen in several places: the block overrides those rules there", async () => {
    const xen = edited(
      [
        '\tstruct of_phandle_args args;\n\n#if 0 /* Xen: TODO: PCI',
        '\tstruct dt_phandle_args args;\n\n#if 0 /* Xen: TODO: PCI',
      ],
      ['\t\t\t\t       0, &args))\n\t\treturn NULL;', '\t\t\t\t       1, &args))\n\t\treturn NULL;'],
      ['\t*sid = args.args[0];\n', '\t*sid = args.args[0] & 0xffff;\n'],
    );
    const rules = await adoptOk(xen);
    const block = rules.find((r) => r.function === 'acme_lookup');
    expect(block).toMatchObject({ kind: 'replace' });
    expect(block?.overrides).toEqual(expect.arrayContaining(['pci-branch', 'mark-device-protected']));
    expect(rules).toHaveLength(1);
    // The port's rules keep working elsewhere: pci-lookup still disables acme_pci_lookup.
    const out = path.join(dir, 'out.c');
    expect((await cli(['port', LINUX, '--rules', port, '--xen', xen, '-o', out, '-q'])).code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toMatch(
      /#if 0 \/\* Xen: TODO: PCI devices are not supported yet \*\/\n\/\*\n \* A PCI function/,
    );
  });

  it('a reworded /* Xen: */ comment of a rule: a copy of the rule with the Xen words supersedes it', async () => {
    const xen = edited([
      '/* Xen: Xen must know which devices sit behind an IOMMU */',
      '/* Xen: Xen must know which devices are behind an IOMMU */',
    ]);
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({
      id: 'mark-device-protected-adopted',
      kind: 'insert',
      reason: 'Xen must know which devices are behind an IOMMU',
      text: 'dt_device_set_protected(dev->of_node);',
    });
    expect(manifest().exclude).toEqual(['mark-device-protected']);
  });

  it('a new Xen-only function between two Linux functions: an inserted block', async () => {
    const xen = edited([
      '\treturn IRQ_HANDLED;\n}\n\nstatic void acme_reset(',
      '\treturn IRQ_HANDLED;\n}\n\nstatic bool acme_is_idle(struct acme_iommu *iommu)\n{\n\treturn !readl_relaxed(iommu->base + ACME_REG_FSR);\n}\n\nstatic void acme_reset(',
    ]);
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'insert' });
    expect(rules[0].block).toBe(rules[0].id);
    expect(rules[0].where === 'after' ? rules[0].function === 'acme_irq' : rules[0].function === 'acme_reset').toBe(
      true,
    );
  });

  it('the same macro value rewritten in two macros: one query rule on the value, counted', async () => {
    const xen = edited(
      ['#define ACME_CR0_FAULT_IRQ\t\tBIT(1)\n', '#define ACME_CR0_FAULT_IRQ\t\t(1U << 1)\n'],
      ['#define ACME_FSR_WRITE\t\t\tBIT(1)\n', '#define ACME_FSR_WRITE\t\t\t(1U << 1)\n'],
    );
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'replace', with: '(1U << 1)', expect: 2 });
    expect(String(rules[0].query)).toContain('preproc_arg');
  });

  it('an item Xen deleted with the comment above it: one delete rule that takes the comment', async () => {
    const xen = edited(['/* Register offsets */\n#define ACME_REG_IDR\t\t\t0x0000\n', '']);
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'delete', macro: 'ACME_REG_IDR', 'with-comment': true });
  });

  it('comment lines Xen dropped outside #if 0: the comment as a carried block', async () => {
    const xen = edited([
      ' * Give the domain a context bank of this IOMMU if it has none yet, then\n * route the stream to that context bank.\n',
      ' * Route the stream to a context bank of the domain.\n',
    ]);
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'replace' });
    expect(String(rules[0].query)).toMatch(/^\(\(comment\) @target/);
  });

  // Known gap: an edit inside another rule's #if 0 region is dropped by the engine (XP202: Linux
  // text stays verbatim there), and a block around the whole region would need the disable rule's
  // comment taken with it; adopt finds no rule (XP602) for Linux text Xen changed inside #if 0.
  it.failing('comment lines Xen dropped inside an #if 0 region: the comment as a carried block', async () => {
    const xen = edited([
      ' * A PCI function is named by its requester ID, and sits behind the IOMMU\n * of its host bridge.\n',
      ' * A PCI function is named by its requester ID.\n',
    ]);
    const rules = await adoptOk(xen);
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'replace' });
    expect(String(rules[0].query)).toMatch(/^\(\(comment\) @target/);
    expect(rules[0].block).toBe(rules[0].id);
  });

  it('a newer Linux where a rule of the port matches nothing: the rule retired, the difference adopted', async () => {
    // The newer Linux calls the threaded variant: irq-request (devm_request_irq) matches nothing
    // there (XP200, found 0), and the Xen file keeps its own call.
    const text = fs.readFileSync(LINUX, 'utf8');
    const from = 'devm_request_irq(dev, iommu->irq, acme_irq, 0,';
    expect(text.split(from).length).toBe(2);
    const linux = path.join(dir, 'linux-newer.c');
    fs.writeFileSync(linux, text.replace(from, 'devm_request_threaded_irq(dev, iommu->irq, acme_irq, NULL, 0,'));
    const xen = edited();
    const before = await cli(['port', linux, '--rules', port, '--xen', xen, '--check', '-q']);
    expect(before.code).toBe(1);
    expect(before.err).toMatch(/XP200: rule 'irq-request' expected 1 match\(es\), found 0/);
    const a = await cli(['learn', '--adopt', linux, xen, '-o', port]);
    expect(a.code).toBe(0);
    expect(a.err).toMatch(/added 1 rules/);
    expect((await cli(['port', linux, '--rules', port, '--xen', xen, '--check', '-q'])).code).toBe(0);
    const rules = (YAML.parse(fs.readFileSync(path.join(port, 'adopted.yaml'), 'utf8')) as { rules: RuleY[] }).rules;
    expect(rules).toHaveLength(1);
    expect(rules[0]).toMatchObject({ kind: 'replace' });
    expect(String(rules[0].pattern)).toContain('devm_request_threaded_irq');
    expect(String(rules[0].with)).toContain('acme_request_irq(iommu->irq, acme_irq, 0,');
    expect(manifest().exclude).toEqual(['irq-request']);
    expect(fs.readFileSync(path.join(port, 'port.yaml'), 'utf8')).toMatch(
      /# Retired by --adopt \(no match left in the Linux file\): irq-request\nexclude:/,
    );
  });

  it('a port that already regenerates the Xen file: nothing to adopt, nothing written', async () => {
    const xen = edited();
    const before = fs.readFileSync(path.join(port, 'port.yaml'), 'utf8');
    const a = await cli(['learn', '--adopt', LINUX, xen, '-o', port]);
    expect(a.code).toBe(0);
    expect(a.err).toMatch(/nothing to adopt/);
    expect(fs.existsSync(path.join(port, 'adopted.yaml'))).toBe(false);
    expect(fs.readFileSync(path.join(port, 'port.yaml'), 'utf8')).toBe(before);
  });
});
