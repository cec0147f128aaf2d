/**
 * Determinism: byte-identical output for the SMMUv1 port (with --xen) when the rule files are
 * listed in another order, when run twice, and when several processes run at once (to separate
 * files and to the same file). Uses the shared corpus; skipped, saying so, when it is absent.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { cli, corpusDir, tempDir } from './helpers';

const corpus = corpusDir();
const d = corpus ? describe : describe.skip;
if (!corpus) console.warn('determinism.test: shared corpus not found; SMMUv1 determinism tests skipped');

const RULES = path.join('rules', 'smmu-v1v2');
const linux = corpus ? path.join(corpus, 'smmu-v1v2-2015', 'linux.c') : '';
const xen = corpus ? path.join(corpus, 'smmu-v1v2-2015', 'xen.c') : '';

/** Copy the SMMUv1 rules to `dir`, listing the rule files in the order `reorder` gives. */
function reorderedRules(dir: string, reorder: (files: string[]) => string[]): string {
  fs.cpSync(RULES, dir, { recursive: true });
  const doc = parseDocument(fs.readFileSync(path.join(dir, 'port.yaml'), 'utf8'));
  const files = (doc.toJS() as { rules: string[] }).rules;
  const next = reorder(files);
  expect(next).not.toEqual(files);
  doc.set('rules', next);
  fs.writeFileSync(path.join(dir, 'port.yaml'), doc.toString());
  return dir;
}

/** Run the CLI in a child process (see cli-child.js). */
function child(args: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [path.join(__dirname, 'cli-child.js'), ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    p.stderr.on('data', (b: Buffer) => (err += b.toString()));
    p.on('close', (code) => resolve({ code, err }));
  });
}

d('determinism of the SMMUv1 port', () => {
  let t: ReturnType<typeof tempDir>;
  beforeEach(() => (t = tempDir()));
  afterEach(() => t.cleanup());

  const outOf = async (rules: string, name: string): Promise<Buffer> => {
    const out = path.join(t.dir, name);
    const r = await cli('port', linux, '--rules', rules, '--xen', xen, '-o', out, '-q');
    expect(r.code).toBe(0);
    return fs.readFileSync(out);
  };

  test('rule files listed reversed or rotated give the same bytes', async () => {
    const ref = await outOf(RULES, 'ref.c');
    expect(ref.equals(fs.readFileSync(xen))).toBe(true);
    const reversed = reorderedRules(path.join(t.dir, 'rev'), (f) => [...f].reverse());
    const rotated = reorderedRules(path.join(t.dir, 'rot'), (f) => [...f.slice(3), ...f.slice(0, 3)]);
    expect((await outOf(reversed, 'rev.c')).equals(ref)).toBe(true);
    expect((await outOf(rotated, 'rot.c')).equals(ref)).toBe(true);
  });

  test('two runs in one process give the same bytes and the same diagnostics', async () => {
    const a = await cli('port', linux, '--rules', RULES, '--xen', xen, '--stdout');
    const b = await cli('port', linux, '--rules', RULES, '--xen', xen, '--stdout');
    expect(a.code).toBe(0);
    expect(b.out).toBe(a.out);
    expect(b.err.replace(/\d+(\.\d+)? ?ms/g, '')).toBe(a.err.replace(/\d+(\.\d+)? ?ms/g, ''));
  });

  test('three processes at once, to separate files and twice to the same file: identical bytes, no litter', async () => {
    const outs = ['p1.c', 'p2.c', 'p3.c', 'same.c', 'same.c'].map((f) => path.join(t.dir, f));
    const runs = await Promise.all(
      outs.map((o) => child(['port', linux, '--rules', RULES, '--xen', xen, '-o', o, '-q'])),
    );
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 0]);
    const expected = fs.readFileSync(xen);
    for (const o of new Set(outs)) expect(fs.readFileSync(o).equals(expected)).toBe(true);
    expect(fs.readdirSync(t.dir).sort()).toEqual(['p1.c', 'p2.c', 'p3.c', 'same.c']);
  });
});
