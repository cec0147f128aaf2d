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
import { diagnosticsText, learnText } from '../emit';
import type { LibraryGroup, Proposal, Structure } from '../learn';
import {
  coveredBy,
  libraryGroups,
  adopt,
  addFiles,
  learn,
  manifestWithAdopted,
  matchedShare,
  MIN_MATCHED,
  renderPort,
  renderRuleFile,
  withCounts,
  writeFolder,
} from '../learn';
import { looksLikeNonC, parseSource } from '../parse';
import { port } from '../port';
import { loadRuleSet, numberRules, parseRuleFile, readBlockFiles } from '../rules';
import type { RuleSet } from '../rules/types';
import type { Args } from './args';
import { Console, print } from './console';
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
  /** Further Linux/Xen file pairs of a split driver (`.c`/`.h`), learned into the same port. */
  more: Array<{ linux: string; xen: string }>;
  /** The rule library whose groups are included where they explain learned rules (default: rules/xen-api). */
  library: string;
}

/** The xen-api library shipped with xenport (this file is two folders below the package, in src/ or dist/). */
export const SHIPPED_LIBRARY = path.resolve(__dirname, '..', '..', 'rules', 'xen-api');

/** The learn options from the checked command line (the one place that knows their names). */
export function learnArgs(a: Args): LearnArgs {
  const rest = a.list('more-files');
  const more: Array<{ linux: string; xen: string }> = [];
  for (let i = 0; i + 1 < rest.length; i += 2) more.push({ linux: rest[i], xen: rest[i + 1] });
  if (rest.length % 2) more.push({ linux: rest[rest.length - 1], xen: '' });
  return {
    linux: a.string('linux-file') ?? '',
    xen: a.string('xen-file') ?? '',
    out: a.string('output') ?? '',
    adopt: a.flag('adopt'),
    force: a.flag('force'),
    more,
    library: a.string('library') ?? SHIPPED_LIBRARY,
  };
}

/** Run `xenport learn`; returns the exit code. */
export function runLearn(a: LearnArgs, out: Console): number {
  const fail = (code: number, ds: Diagnostic[]): number => {
    print(out, diagnosticsText(ds));
    return code;
  };
  const odd = a.more.find((p) => p.xen === '');
  if (odd)
    return fail(EXIT.usage, [
      diag('XP601', `${odd.linux} has no Xen file: give further files as Linux and Xen pairs`, {
        location: { file: odd.linux, line: 1, col: 1 },
      }),
    ]);
  if (a.adopt && a.more.length)
    return fail(EXIT.usage, [
      diag('XP601', '--adopt takes one Linux file and one Xen file', { location: { file: a.linux, line: 1, col: 1 } }),
    ]);
  const pairs: Pair[] = [];
  for (const p of [{ linux: a.linux, xen: a.xen }, ...a.more]) {
    const read = readPair(p.linux, p.xen);
    if ('code' in read) return fail(read.code, read.diagnostics);
    pairs.push(read);
  }
  return a.adopt ? runAdopt(a, pairs[0].linux, pairs[0].xen, out, fail) : runLearnPort(a, pairs, out, fail);
}

type Pair = { linux: Text; xen: Text };

/** Read and check one Linux/Xen pair: C text, and a Xen file that is a port of the Linux one. */
function readPair(linuxFile: string, xenFile: string): Pair | { code: number; diagnostics: Diagnostic[] } {
  const linux = readSource(linuxFile);
  if (!linux.ok) return { code: EXIT.io, diagnostics: linux.diagnostics };
  const xen = readSource(xenFile, 'existing Xen file');
  if (!xen.ok) return { code: EXIT.io, diagnostics: xen.diagnostics };
  for (const f of [linux.value, xen.value]) {
    const src = parseSource(f.text, f.file);
    if (looksLikeNonC(src))
      return {
        code: EXIT.io,
        diagnostics: [
          diag(
            'XP005',
            `${f.file} does not parse as C (${src.syntaxErrors.length} syntax error regions over most of the file)`,
            { location: { file: f.file, line: 1, col: 1 } },
          ),
        ],
      };
    if (src.unterminatedComment)
      return {
        code: EXIT.io,
        diagnostics: [
          diag('XP005', `${f.file} is not valid C: a comment opened here is never closed`, {
            location: src.unterminatedComment,
          }),
        ],
      };
  }
  const share = matchedShare(linux.value.text, xen.value.text);
  if (share < MIN_MATCHED) {
    return {
      code: EXIT.portFailed,
      diagnostics: [
        diag(
          'XP600',
          `${xenFile} is not a port of ${linuxFile}: only ${(share * 100).toFixed(0)}% of its lines match Linux lines (at least ${MIN_MATCHED * 100}% needed)`,
          { location: { file: xenFile, line: 1, col: 1 } },
        ),
      ],
    };
  }
  return { linux: linux.value, xen: xen.value };
}

type Fail = (code: number, ds: Diagnostic[]) => number;
type Text = { text: string; file: string };

function runLearnPort(a: LearnArgs, pairs: Pair[], out: Console, fail: Fail): number {
  if (fs.existsSync(a.out) && !a.force)
    return fail(EXIT.usage, [
      diag('XP601', `${a.out} exists; pass --force to replace it`, { location: { file: a.out, line: 1, col: 1 } }),
    ]);
  const t0 = Date.now();
  // Each pair learned alone; with several (a split driver), each rule runs on its own file only.
  const learnedPairs: LearnedPair[] = [];
  const taken = new Set<string>();
  // `files: "*.h"` when the pairs differ by extension (a .c and its .h), else the Linux file's name.
  const exts = pairs.map((p) => path.extname(p.linux.file));
  const distinctExt = exts.every((e) => e !== '') && new Set(exts).size === exts.length;
  for (const { linux, xen } of pairs) {
    const learned = learn(linux, xen);
    withCounts(learned.structure, learned.proposals, xen.text);
    const glob = distinctExt ? `*${path.extname(linux.file)}` : path.basename(linux.file);
    if (pairs.length > 1) forFile(learned.proposals, glob, taken);
    learnedPairs.push({ linux, xen, structure: learned.structure, proposals: learned.proposals, glob });
  }
  const name =
    path
      .basename(a.linux)
      .replace(/\.[ch]$/, '')
      .replace(/[^a-z0-9-]+/gi, '-')
      .toLowerCase() || 'learned';
  const description = `Learned from ${pairs.map((p) => path.basename(p.linux.file)).join(', ')} and ${pairs.length > 1 ? 'their Xen ports' : 'its Xen port'} ${pairs.map((p) => path.basename(p.xen.file)).join(', ')}`;
  const lib = libraryGroups(a.library);
  if (lib.diagnostics.length) return fail(EXIT.invalidRules, lib.diagnostics);
  const used = useLibrary(lib.groups, learnedPairs, (ps, inc) => (dir) => renderPort(name, description, ps, inc(dir)));
  const proposals = used.proposals;
  const render = (dir: string): Map<string, string> => renderPort(name, description, proposals, used.include(dir));
  const check = checkWithPort(render, pairs);
  if (!check.ok) return fail(EXIT.portFailed, check.diagnostics);
  const files = render(path.resolve(a.out));
  const written = writeFolder(a.out, files, a.force);
  if (written.length) return fail(EXIT.io, written);
  const general = proposals.filter((p) => p.general).length;
  const ms = Date.now() - t0;
  const xenFiles = pairs.map((p) => p.xen.file).join(' and ');
  print(
    out,
    learnText({
      kind: 'learned',
      out: a.out,
      rules: proposals.length,
      general,
      ruleFiles: files.size - 1,
      xen: xenFiles,
      ms,
      library: { dir: a.library, groups: used.groups, replaced: used.replaced },
    }),
  );
  return EXIT.ok;
}

/**
 * Restrict proposals to the files `glob` matches (`files:`) and make their ids (and block names) unique over the
 * port.
 */
function forFile(ps: Proposal[], glob: string, taken: Set<string>): void {
  for (const p of ps) {
    const old = p.rule.id;
    let id = old;
    for (let n = 2; taken.has(id); n++) id = `${old}-${n}`;
    taken.add(id);
    p.rule.id = id;
    if (p.rule.block === old) p.rule.block = id;
    p.rule.files = glob;
  }
}

function runAdopt(a: LearnArgs, linux: Text, xen: Text, out: Console, fail: Fail): number {
  const loaded = loadRuleSet(a.out);
  if (!loaded.ruleSet) return fail(EXIT.invalidRules, loaded.diagnostics);
  const rs = loaded.ruleSet;
  const review = path.join(a.out, 'adopted.yaml');
  if (fs.existsSync(review) && !a.force)
    return fail(EXIT.usage, [
      diag('XP601', `${review} exists (rules under review); pass --force to replace it`, {
        location: { file: review, line: 1, col: 1 },
      }),
    ]);
  if (regenerates(rs, linux, xen)) {
    print(out, learnText({ kind: 'nothing-to-adopt', out: a.out, xen: a.xen }));
    return EXIT.ok;
  }
  const adopted = adopt(linux, xen, rs.rules);
  if (!adopted.reproduces) {
    const n = adopted.unresolved.length;
    return fail(EXIT.portFailed, [
      diag(
        'XP602',
        `no rule found for this difference of the Xen file${n > 1 ? ` (and ${n - 1} more)` : ''}; nothing written`,
        { location: { file: a.xen, line: adopted.unresolved[0] ?? 1, col: 1 } },
      ),
    ]);
  }
  const text = renderRuleFile('adopted.yaml', adopted.proposals);
  // Checked with the real port() (block files, split, macros of the port) before anything is written.
  const parsed = parseRuleFile(text, review);
  const gone = new Set(adopted.superseded);
  const rules = numberRules([...rs.rules.filter((r) => !gone.has(r.id)), ...parsed.rules], a.out);
  if (parsed.diagnostics.some((d) => d.severity === 'error') || !regenerates({ ...rs, rules }, linux, xen)) {
    return fail(EXIT.portFailed, [
      diag(
        'XP602',
        'the adopted rules do not reproduce the Xen file with the port as it runs (block files, split); nothing written',
        { location: { file: a.xen, line: 1, col: 1 } },
      ),
    ]);
  }
  const manifest = fs.readFileSync(path.join(a.out, 'port.yaml'), 'utf8');
  const files = new Map([
    ['adopted.yaml', text],
    ['port.yaml', manifestWithAdopted(manifest, adopted.superseded, adopted.drifted)],
  ]);
  const written = addFiles(a.out, files, a.force);
  if (written.length) return fail(written[0].code === 'XP601' ? EXIT.usage : EXIT.io, written);
  print(
    out,
    learnText({
      kind: 'adopted',
      rules: adopted.proposals.length,
      file: path.join(a.out, 'adopted.yaml'),
      xen: a.xen,
      superseded: adopted.superseded,
    }),
  );
  return EXIT.ok;
}

/** True when the rule set, run with the real port() and the existing Xen file, gives it byte for byte. */
function regenerates(rs: RuleSet, linux: Text, xen: Text): boolean {
  const r = port(linux, rs, { existingXen: xen, blockFiles: readBlockFiles(rs.blockDirs).blocks });
  return r.output === xen.text && !r.diagnostics.some((d) => d.severity === 'error');
}

/**
 * Write the rendered port (rendered for the scratch folder, so its include paths reach the
 * library from there) and run the real port() on every pair: each output must equal its Xen file.
 */
function checkWithPort(
  render: (dir: string) => Map<string, string>,
  pairs: ReadonlyArray<{ linux: Text; xen: Text }>,
): { ok: boolean; diagnostics: Diagnostic[] } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xenport-learn-'));
  try {
    for (const [n, t] of render(dir)) fs.writeFileSync(path.join(dir, n), t);
    const loaded = loadRuleSet(dir);
    if (!loaded.ruleSet) return { ok: false, diagnostics: loaded.diagnostics };
    const blockFiles = readBlockFiles(loaded.ruleSet.blockDirs).blocks;
    for (const { linux, xen } of pairs) {
      const r = port(linux, loaded.ruleSet, { existingXen: xen, blockFiles });
      const errors = r.diagnostics.filter((d) => d.severity === 'error');
      if (r.output === xen.text && errors.length === 0) continue;
      const lines = errors.filter((d) => d.code === 'XP300');
      const first = lines[0] ?? errors[0];
      const more = (lines.length || errors.length) - 1;
      const msg = `the learned rules do not reproduce the Xen file: ${first?.message ?? 'output differs'}${more > 0 ? ` (and ${more} more)` : ''}; nothing written`;
      return {
        ok: false,
        diagnostics: [diag('XP602', msg, { location: first?.location ?? { file: xen.file, line: 1, col: 1 } })],
      };
    }
    return { ok: true, diagnostics: [] };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

type LearnedPair = { linux: Text; xen: Text; structure: Structure; proposals: Proposal[]; glob: string };

/** An `include:` entry of port.yaml: a path, or a path with the files its rules apply to. */
type IncludeEntry = string | { path: string; files: string[] };

/**
 * The library's groups, in order, each included in place of the learned rules it covers (see
 * coveredBy) when the real port() still regenerates every Xen file with it: the proposals kept,
 * the include entries as written from a folder, the groups used and how many rules they replace.
 */
function useLibrary(
  groups: LibraryGroup[],
  pairs: LearnedPair[],
  renderer: (ps: Proposal[], inc: (dir: string) => IncludeEntry[]) => (dir: string) => Map<string, string>,
): { proposals: Proposal[]; include: (dir: string) => IncludeEntry[]; groups: string[]; replaced: number } {
  let kept = pairs.flatMap((p) => p.proposals);
  const chosen: Array<{ group: LibraryGroup; files: string[] }> = [];
  const entries =
    (list: typeof chosen) =>
    (dir: string): IncludeEntry[] =>
      list.map(({ group, files }) => {
        const rel = path.relative(dir, path.resolve(group.dir)).split(path.sep).join('/') || '.';
        return pairs.length > 1 ? { path: rel, files } : rel;
      });
  let replaced = 0;
  for (const group of groups) {
    const dropped = new Set<Proposal>();
    const files: string[] = [];
    for (const p of pairs) {
      const mine = new Set(p.proposals);
      const cov = coveredBy(
        p.structure,
        group,
        kept.filter((x) => mine.has(x)),
      );
      if (cov.length === 0) continue;
      cov.forEach((x) => dropped.add(x));
      files.push(p.glob);
    }
    if (dropped.size === 0) continue;
    const trial = kept.filter((x) => !dropped.has(x));
    const list = [...chosen, { group, files }];
    if (!checkWithPort(renderer(trial, entries(list)), pairs).ok) continue;
    kept = trial;
    chosen.push({ group, files });
    replaced += dropped.size;
  }
  return { proposals: kept, include: entries(chosen), groups: chosen.map((c) => c.group.name), replaced };
}
