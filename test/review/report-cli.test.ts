/**
 * `xenport report` on the command line: the page file, exit codes and one-line errors on bad input;
 * and the page for every golden case (the real ports need ../shared/corpus or $XENPORT_CORPUS) and
 * for the Linux 6.1 SMMUv3 sync (needs Debian's linux-source-6.1). Missing inputs skip those with a
 * message, except under CI=true, where they are failures.
 */
import * as fs from 'fs';
import * as path from 'path';
import { discoverCases, readCases } from '../../src/golden/cases';
import { renderReview } from '../../src/review';
import { LINUX_INSTALL_HINT, linuxSourceAvailable, linuxSourcePath } from '../../scripts/linux-source';
import { cli, corpusDir, tempDir, writePort } from '../reliability/helpers';
import { alignmentProblems, EXAMPLE, reviewOf } from './helpers';

const CI = process.env.CI === 'true';
let t: ReturnType<typeof tempDir>;
beforeAll(() => (t = tempDir('xenport-report-')));
afterAll(() => t.cleanup());

describe('xenport report', () => {
  it('writes <dir>/<linux file>.html for the shipped example and exits 0', async () => {
    const out = path.join(t.dir, 'example');
    const r = await cli('report', EXAMPLE.input, '--rules', EXAMPLE.rules, '-o', out);
    expect(r.code).toBe(0);
    const page = path.join(out, 'linux.c.html');
    expect(r.err).toContain(`wrote ${page}`);
    const html = fs.readFileSync(page, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('<div class="sbs" id="sbs" tabindex="-1">');
    expect(fs.readdirSync(out)).toEqual(['linux.c.html']); // no temporary file left
  });

  it('still writes the page when the port has errors (drift), and exits 1', async () => {
    const rules = writePort(path.join(t.dir, 'drift'), {
      'r.yaml': 'rules:\n  - id: gone\n    kind: delete\n    pattern: "absent_call();"\n    expect: 1\n',
    });
    const out = path.join(t.dir, 'drift-out');
    const r = await cli('report', EXAMPLE.input, '--rules', rules, '-o', out);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/error XP200: rule 'gone'/);
    expect(r.err).toContain('the port has errors: they are shown in the page');
    expect(fs.readFileSync(path.join(out, 'linux.c.html'), 'utf8')).toContain('<tr id="rule-gone" class="drift">');
  });

  it('shows the results of a --checks file and of build and boot logs', async () => {
    const checks = path.join(t.dir, 'checks.json');
    fs.writeFileSync(
      checks,
      JSON.stringify({ checks: [{ name: 'Xen 4.17.5 arm64 build', status: 'pass', summary: 'linked xen-syms' }] }),
    );
    const log = path.join(t.dir, 'boot.log');
    fs.writeFileSync(log, '(XEN) SMMUv3: DT value = eventq\n(XEN) no stage-2 translation support!\n');
    const out = path.join(t.dir, 'checks-out');
    const r = await cli(
      'report',
      EXAMPLE.input,
      '--rules',
      EXAMPLE.rules,
      '-o',
      out,
      '--checks',
      checks,
      '--boot-log',
      log,
    );
    expect(r.code).toBe(0);
    const html = fs.readFileSync(path.join(out, 'linux.c.html'), 'utf8');
    expect(html).toContain(
      '<td>Xen 4.17.5 arm64 build</td><td><span class="st st-pass">pass</span></td><td>linked xen-syms',
    );
    expect(html).toContain('<td>boot log</td><td><span class="st st-log">log</span></td>');
    expect(html).toContain('(XEN) no stage-2 translation support!');
  });

  it('refuses bad input with one line and the documented exit code, writing nothing', async () => {
    const out = path.join(t.dir, 'never');
    const notDir = path.join(t.dir, 'a-file');
    fs.writeFileSync(notDir, 'x');
    const cases: Array<[string[], number, RegExp]> = [
      [['--base', EXAMPLE.input], 2, /XP302: --base needs --xen/],
      [['--checks', path.join(t.dir, 'none.json')], 4, /none\.json:1:1: error XP008/],
    ];
    for (const [more, code, msg] of cases) {
      const r = await cli('report', EXAMPLE.input, '--rules', EXAMPLE.rules, '-o', out, ...more);
      expect([r.code, r.err]).toEqual([code, expect.stringMatching(msg)]);
    }
    expect((await cli('report', EXAMPLE.input, '--rules', path.join(t.dir, 'no-rules'), '-o', out)).code).toBe(3);
    expect((await cli('report', path.join(t.dir, 'none.c'), '--rules', EXAMPLE.rules, '-o', out)).code).toBe(4);
    const toFile = await cli('report', EXAMPLE.input, '--rules', EXAMPLE.rules, '-o', notDir);
    expect([toFile.code, toFile.err]).toEqual([4, expect.stringMatching(/XP400: -o names a folder for the page/)]);
    expect((await cli('report', EXAMPLE.input, '--rules', EXAMPLE.rules)).code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
    for (const r of [await cli('report', EXAMPLE.input, '--rules', EXAMPLE.rules, '-o', out, '--base', EXAMPLE.input)])
      expect(r.err).not.toMatch(/\n\s+at /);
  });
});

const corpus = corpusDir();
if (!corpus && CI) throw new Error('the shared corpus is missing under CI (../shared/corpus or $XENPORT_CORPUS)');
if (!corpus) console.warn('skipped: review pages of the real ports need ../shared/corpus or $XENPORT_CORPUS');

// Every golden case under CI (or with XENPORT_REVIEW_ALL=1); elsewhere one of each sort, since the
// golden test already ports them all and these ports would double its time.
const ALL = CI || process.env.XENPORT_REVIEW_ALL === '1';
const SAMPLE = [
  'corpus/example',
  'corpus/ubsan-2017',
  'corpus/smmu-v1v2-2015',
  'corpus/smmu-v3-2021/main',
  'corpus/smmu-v3-2021/upgrade-1-after',
  'corpus/smmu-v3-2021/upgrade-4-after-h',
];
if (!ALL)
  console.warn(
    `the review page test checks ${SAMPLE.length} golden cases of each sort; set XENPORT_REVIEW_ALL=1 (or CI=true) for all`,
  );

describe('the page of every golden case', () => {
  const cases = discoverCases('corpus')
    .flatMap(readCases)
    .filter((g) => !g.skip && (ALL || SAMPLE.includes(g.name)));
  it.each(cases.map((g) => [g.name, g] as const))('%s', (_name, g) => {
    const m = reviewOf({
      input: g.input,
      rules: g.rules,
      ...(g.xen ? { xen: g.xen } : {}),
      ...(g.base ? { base: g.base } : {}),
    });
    expect(m.result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(alignmentProblems(m)).toEqual([]);
    const html = renderReview(m);
    expect(html).toContain(`id=L${m.result.report.inputLines}>`);
    expect(html).toContain(`id=X${m.result.report.outputLines}>`);
  });
  it('includes the real ports when the corpus is present', () => {
    if (corpus) expect(cases.filter((g) => g.external).length).toBeGreaterThanOrEqual(ALL ? 20 : SAMPLE.length - 1);
    expect(cases.some((g) => g.name === 'corpus/example')).toBe(true);
  });
});

const linux61 = linuxSourceAvailable();
if (!linux61 && CI) throw new Error(`linux-source-6.1 is missing under CI: ${LINUX_INSTALL_HINT}`);
if (!linux61)
  console.warn(`skipped: the review page of the Linux 6.1 SMMUv3 sync needs the Linux source; ${LINUX_INSTALL_HINT}`);

(linux61 && corpus ? describe : describe.skip)('the page of the Linux 6.1 SMMUv3 sync', () => {
  const RULES = 'rules/smmu-v3';
  it('is built with every line shown once, and the sync has no error', () => {
    const dir = linuxSourcePath('drivers/iommu/arm/arm-smmu-v3') as string;
    const up10 = path.join(corpus as string, 'smmu-v3-2021', 'upgrade-10');
    const m = reviewOf({
      input: path.join(dir, 'arm-smmu-v3.c'),
      rules: RULES,
      xen: path.join(up10, 'xen-after.c'),
      base: path.join(up10, 'linux-after.c'),
    });
    expect(alignmentProblems(m)).toEqual([]);
    expect(m.upgrade?.linux?.hunks.length).toBeGreaterThan(10);
    expect(m.upgrade?.xen?.hunks.length).toBeGreaterThan(10);
    const html = renderReview(m);
    expect(html).toContain('What the new Linux changed');
    expect(m.diagnostics.filter((x) => x.d.severity === 'error')).toEqual([]);
  }, 120000);
});
