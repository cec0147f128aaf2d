/**
 * `xenport learn`: write the port folder whose rules regenerate an existing Xen file from its Linux
 * file (`-o <port-dir>`), or, with `--adopt`, add rules to a port for the lines of the Xen file it
 * does not reproduce (adopted.yaml). Nothing is written unless the rules, run with the real
 * `port()`, regenerate the Xen file byte for byte.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Diagnostic, diag } from '../diagnostics';
import { formatDiagnostics } from '../emit';
import { adopt, addFiles, buildStructure, learn, manifestWithAdopted, matchedShare, MIN_MATCHED, renderPort, renderRuleFile, withCounts, writeFolder } from '../learn';
import { looksLikeNonC, parseSource } from '../parse';
import { port } from '../port';
import { loadRuleSet, parseRuleFile, readBlockFiles } from '../rules';
import type { RuleSet } from '../rules/types';
import type { Args } from './args';
import { Console } from './console';
import { EXIT } from './exit-codes';
import { readSource } from './files';

/** Options of `xenport learn`. */
export interface LearnArgs {
  linux: string;
  xen: string;
  /** The port folder to write (learn) or to add adopted.yaml to (adopt). */
  out: string;
  adopt: boolean;
  force: boolean;
}

/** The learn options from the checked command line (the one place that knows their names). */
export function learnArgs(a: Args): LearnArgs {
  return { linux: a.string('linux-file') ?? '', xen: a.string('xen-file') ?? '', out: a.string('output') ?? '', adopt: a.flag('adopt'), force: a.flag('force') };
}

/** Run `xenport learn`; returns the exit code. */
export function runLearn(a: LearnArgs, out: Console): number {
  const fail = (code: number, ds: Diagnostic[]): number => {
    out.stderr(formatDiagnostics(ds, false));
    return code;
  };
  const linux = readSource(a.linux);
  if (!linux.ok) return fail(EXIT.io, linux.diagnostics);
  const xen = readSource(a.xen, 'existing Xen file');
  if (!xen.ok) return fail(EXIT.io, xen.diagnostics);
  for (const f of [linux.value, xen.value]) {
    const src = parseSource(f.text, f.file);
    if (looksLikeNonC(src)) return fail(EXIT.io, [diag('XP005', `${f.file} does not parse as C (${src.syntaxErrors.length} syntax error regions over most of the file)`, { location: { file: f.file, line: 1, col: 1 } })]);
    if (src.unterminatedComment) return fail(EXIT.io, [diag('XP005', `${f.file} is not valid C: a comment opened here is never closed`, { location: src.unterminatedComment })]);
  }
  const share = matchedShare(linux.value.text, xen.value.text);
  if (share < MIN_MATCHED) {
    return fail(EXIT.portFailed, [diag('XP600', `${a.xen} is not a port of ${a.linux}: only ${(share * 100).toFixed(0)}% of its lines match Linux lines (at least ${MIN_MATCHED * 100}% needed)`, { location: { file: a.xen, line: 1, col: 1 } })]);
  }
  return a.adopt ? runAdopt(a, linux.value, xen.value, out, fail) : runLearnPort(a, linux.value, xen.value, out, fail);
}

type Fail = (code: number, ds: Diagnostic[]) => number;
type Text = { text: string; file: string };

function runLearnPort(a: LearnArgs, linux: Text, xen: Text, out: Console, fail: Fail): number {
  if (fs.existsSync(a.out) && !a.force) return fail(EXIT.usage, [diag('XP601', `${a.out} exists; pass --force to replace it`, { location: { file: a.out, line: 1, col: 1 } })]);
  const t0 = Date.now();
  const learned = learn(linux, xen);
  const s = buildStructure(linux.text, linux.file);
  withCounts(s, learned.proposals, xen.text);
  const name = path.basename(a.linux).replace(/\.[ch]$/, '').replace(/[^a-z0-9-]+/gi, '-').toLowerCase() || 'learned';
  const files = renderPort(name, `Learned from ${path.basename(a.linux)} and its Xen port ${path.basename(a.xen)}`, learned.proposals);
  const check = checkWithPort(files, linux, xen);
  if (!check.ok) return fail(EXIT.portFailed, check.diagnostics);
  const written = writeFolder(a.out, files, a.force);
  if (written.length) return fail(EXIT.io, written);
  out.stderr(`wrote ${a.out}: ${learned.proposals.length} rules (${learned.proposals.filter((p) => p.general).length} general) in ${files.size - 1} rule files; regenerates ${a.xen} byte for byte (${Date.now() - t0} ms)`);
  return EXIT.ok;
}

function runAdopt(a: LearnArgs, linux: Text, xen: Text, out: Console, fail: Fail): number {
  const loaded = loadRuleSet(a.out);
  if (!loaded.ruleSet) return fail(EXIT.invalidRules, loaded.diagnostics);
  const rs = loaded.ruleSet;
  const review = path.join(a.out, 'adopted.yaml');
  if (fs.existsSync(review) && !a.force) return fail(EXIT.usage, [diag('XP601', `${review} exists (rules under review); pass --force to replace it`, { location: { file: review, line: 1, col: 1 } })]);
  if (regenerates(rs, linux, xen)) {
    out.stderr(`nothing to adopt: ${a.out} already regenerates ${a.xen} byte for byte; nothing written`);
    return EXIT.ok;
  }
  const adopted = adopt(linux, xen, rs.rules);
  if (!adopted.reproduces) {
    const n = adopted.unresolved.length;
    return fail(EXIT.portFailed, [diag('XP602', `no rule found for this difference of the Xen file${n > 1 ? ` (and ${n - 1} more)` : ''}; nothing written`, { location: { file: a.xen, line: adopted.unresolved[0] ?? 1, col: 1 } })]);
  }
  const text = renderRuleFile('adopted.yaml', adopted.proposals);
  // Checked with the real port() (block files, split, macros of the port) before anything is written.
  const parsed = parseRuleFile(text, review);
  const gone = new Set(adopted.superseded);
  const rules = [...rs.rules.filter((r) => !gone.has(r.id)), ...parsed.rules].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  rules.forEach((r, i) => (r.order = i));
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !regenerates({ ...rs, rules }, linux, xen)) {
    return fail(EXIT.portFailed, [diag('XP602', 'the adopted rules do not reproduce the Xen file with the port as it runs (block files, split); nothing written', { location: { file: a.xen, line: 1, col: 1 } })]);
  }
  const manifest = fs.readFileSync(path.join(a.out, 'port.yaml'), 'utf8');
  const files = new Map([['adopted.yaml', text], ['port.yaml', manifestWithAdopted(manifest, adopted.superseded)]]);
  const written = addFiles(a.out, files, a.force);
  if (written.length) return fail(written[0].code === 'XP601' ? EXIT.usage : EXIT.io, written);
  const sup = adopted.superseded.length ? ` (superseding ${adopted.superseded.join(', ')}, excluded in port.yaml)` : '';
  out.stderr(`added ${adopted.proposals.length} rules to ${path.join(a.out, 'adopted.yaml')}${sup} for review; the port regenerates ${a.xen}`);
  return EXIT.ok;
}

/** True when the rule set, run with the real port() and the existing Xen file, gives it byte for byte. */
function regenerates(rs: RuleSet, linux: Text, xen: Text): boolean {
  const r = port(linux, rs, { existingXen: xen, blockFiles: readBlockFiles(rs.blockDirs).blocks });
  return r.output === xen.text && !r.diagnostics.some((d) => d.severity === 'error');
}

/** Load the rendered port from a scratch folder and run the real port(): output must equal the Xen file. */
function checkWithPort(files: Map<string, string>, linux: Text, xen: Text): { ok: boolean; diagnostics: Diagnostic[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-learn-'));
  try {
    for (const [n, t] of files) fs.writeFileSync(path.join(dir, n), t);
    const loaded = loadRuleSet(dir);
    if (!loaded.ruleSet) return { ok: false, diagnostics: loaded.diagnostics };
    const r = port(linux, loaded.ruleSet, { existingXen: xen, blockFiles: readBlockFiles(loaded.ruleSet.blockDirs).blocks });
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    if (r.output === xen.text && errors.length === 0) return { ok: true, diagnostics: [] };
    const lines = errors.filter((d) => d.code === 'XP300');
    const first = lines[0] ?? errors[0];
    const more = (lines.length || errors.length) - 1;
    const msg = `the learned rules do not reproduce the Xen file: ${first?.message ?? 'output differs'}${more > 0 ? ` (and ${more} more)` : ''}; nothing written`;
    return { ok: false, diagnostics: [diag('XP602', msg, { location: first?.location ?? { file: xen.file, line: 1, col: 1 } })] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
