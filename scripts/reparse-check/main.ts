/**
 * `npm run reparse-check [-- <folder>] [--every N] [--edits K] [--max-kb M]`: over the C files of a
 * folder (default: Linux 6.1 drivers/, from Debian's linux-source-6.1 package), every Nth file
 * (default 10) of at most M KB (default 256: generated register headers of megabytes take
 * minutes), whether the incremental parses give what full parses give: the input's conditional
 * pass, the output of a port with rules/xen-api, K random edits per file (default 2, seeded by
 * the file's place in the sample, so a run is repeatable), and a next text parsed from the file's
 * parse as watch parses a new output from the last one (one random edit, one line of a function).
 * Prints each difference and the counts; exits 1 when any file differs. Not part of `npm test` (minutes over drivers/).
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadRuleSet } from '../../src/rules';
import { parseSource } from '../../src/parse';
import { port } from '../../src/port';
import { LINUX_INSTALL_HINT, linuxSourcePath } from '../linux-source';
import { seededRandom } from '../fuzz/permute';
import { compareEdited, compareInput, compareNextOutput, comparePortOutput, randomEdits } from './compare';

function cFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...cFiles(p));
    else if (/\.[ch]$/.test(e.name)) out.push(p);
  }
  return out;
}

function main(argv: string[]): number {
  const opt = (name: string, def: number): number => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : def;
  };
  const every = opt('--every', 10);
  const editsPerFile = opt('--edits', 2);
  const maxBytes = opt('--max-kb', 256) * 1024;
  const folder =
    argv.find((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--')) ?? linuxSourcePath('drivers');
  if (!folder) {
    console.error(`reparse-check: Linux 6.1 source not found; ${LINUX_INSTALL_HINT}`);
    return 2;
  }
  const rules = loadRuleSet(path.join(__dirname, '..', '..', 'rules', 'xen-api'));
  if (!rules.ruleSet) {
    console.error('reparse-check: rules/xen-api does not load');
    return 2;
  }
  const ruleSet = rules.ruleSet;
  const sample = cFiles(folder).filter((_f, i) => i % every === 0);
  const files = sample.filter((f) => fs.statSync(f).size <= maxBytes);
  const count = { files: 0, input: 0, output: 0, edited: 0, ported: 0, edits: 0, next: 0, nextDiffer: 0 };
  const differing = new Set<string>();
  const t0 = Date.now();
  files.forEach((file, i) => {
    const text = fs.readFileSync(file, 'utf8');
    const rel = path.relative(folder, file);
    const report = (what: string, d: string | undefined): boolean => {
      if (d) console.log(`${rel}: ${what}: ${d}`);
      if (d) differing.add(rel);
      return !!d;
    };
    count.files++;
    if (report('input', compareInput(text, rel, ruleSet.macros))) count.input++;
    const from = parseSource(text, rel, undefined, ruleSet.macros);
    const r = port({ text, file: rel }, ruleSet);
    if (r.output && r.provenance.edits.length) {
      count.ported++;
      if (report('port output', comparePortOutput(from, r.output, r.provenance, ruleSet.macros))) count.output++;
    }
    const rand = seededRandom(i + 1);
    for (let k = 0; k < editsPerFile; k++) {
      const edits = randomEdits(text, rand);
      count.edits++;
      const d = compareEdited(from, edits, ruleSet.macros).difference;
      if (report(`random edits ${JSON.stringify(edits.map((e) => [e.start, e.end, e.text]))}`, d)) count.edited++;
    }
    // As watch parses a new output from the last one: one random edit, and one line of a function changed.
    const one = randomEdits(text, rand)[0];
    const lines = [...text.matchAll(/^\t+[a-z_]\w*\(.*\);$/gm)];
    const line = lines[Math.floor(rand() * lines.length)];
    const nexts = [text.slice(0, one.start) + one.text + text.slice(one.end)];
    if (line)
      nexts.push(text.slice(0, line.index) + '\tdev_info(dev, "%#x\\n", v);' + text.slice(line.index + line[0].length));
    for (const next of nexts) {
      count.next++;
      if (report('next output', compareNextOutput(from, next, ruleSet.macros))) count.nextDiffer++;
    }
    if (count.files % 25 === 0) console.error(`${count.files}/${files.length} files, ${differing.size} differ`);
  });
  console.log(
    `${count.files} files of ${folder} (every ${every}th; ${sample.length - files.length} over ${maxBytes / 1024} KB left out), ${((Date.now() - t0) / 1000).toFixed(0)} s: ` +
      `${differing.size} files differ (input ${count.input}; port output ${count.output} of ${count.ported} ported; ` +
      `random edits ${count.edited} of ${count.edits}; next outputs ${count.nextDiffer} of ${count.next})`,
  );
  return differing.size ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
