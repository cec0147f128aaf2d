/**
 * The real ports' rule sets hold no copy of Xen-written code: no run of four or more lines that
 * are in the Xen file but not in the Linux file appears anywhere under their rules folder (lines
 * compared with surrounding blanks and YAML quoting trimmed). Xen-written blocks must be carried
 * over from the existing Xen file, not stored in the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { externalCorpus } from '../../src/golden';

const PORTS: Array<{ rules: string; linux: string[]; xen: string[] }> = [
  { rules: 'rules/smmu-v1v2', linux: ['smmu-v1v2-2015/linux.c'], xen: ['smmu-v1v2-2015/xen.c'] },
  { rules: 'rules/ubsan', linux: ['ubsan-2017/linux.c'], xen: ['ubsan-2017/xen.c'] },
  { rules: 'rules/smmu-v3-2021', linux: ['smmu-v3-2021/xen-step2.c'], xen: ['smmu-v3-2021/xen.c'] },
  {
    rules: 'rules/smmu-v3',
    linux: ['smmu-v3-2021/upgrade-10/linux-after.c', 'smmu-v3-2021/upgrade-10/linux-after.h'],
    xen: ['smmu-v3-2021/upgrade-10/xen-after.c', 'smmu-v3-2021/upgrade-10/xen-after.h'],
  },
];

const norm = (l: string): string =>
  l
    .trim()
    .replace(/^- /, '')
    .replace(/^["']|["']$/g, '')
    .trim();

function files(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** Runs of at least four consecutive lines of `text` that are all Xen-only lines. */
function xenOnlyRuns(text: string, xenOnly: Set<string>): number[] {
  const lines = text.split('\n').map(norm);
  const starts: number[] = [];
  for (let i = 0; i + 4 <= lines.length; i++) {
    if (lines.slice(i, i + 4).every((l) => l.length > 0 && xenOnly.has(l))) starts.push(i + 1);
  }
  return starts;
}

const corpus = externalCorpus();
const run = corpus.present ? describe : describe.skip;
if (!corpus.present) console.warn(`skipped: no external corpus at ${corpus.dir} (set XENPORT_CORPUS)`);

run('no Xen-written code under rules/', () => {
  it.each(PORTS.filter((p) => fs.existsSync(p.rules)))('$rules', ({ rules, linux, xen }) => {
    const linuxLines = new Set(
      linux.flatMap((l) => fs.readFileSync(path.join(corpus.dir, l), 'utf8').split('\n').map(norm)),
    );
    const xenOnly = new Set<string>();
    for (const x of xen)
      for (const l of fs.readFileSync(path.join(corpus.dir, x), 'utf8').split('\n').map(norm))
        if (l && !linuxLines.has(l)) xenOnly.add(l);
    const found = files(rules).flatMap((f) =>
      xenOnlyRuns(fs.readFileSync(f, 'utf8'), xenOnly).map((line) => `${f}:${line}`),
    );
    expect(found).toEqual([]);
  });

  it('the check finds a copied run', () => {
    const xenOnly = new Set(['a', 'b', 'c', 'd']);
    expect(xenOnlyRuns('x\n  a\n  "b"\n- c\nd\ny\n', xenOnly)).toEqual([2]);
  });
});
