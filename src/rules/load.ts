/**
 * Load a whole port: port.yaml, its rule files, and included rule folders (recursively, each once,
 * with cycle detection). Collects every error; the rule set is returned only when there are none.
 */
import { diag, hasErrors } from '../diagnostics';
import type { Diagnostic, Location } from '../diagnostics';
import { canonical, displayPath, isDirectory, joinDisplay } from './files';
import { buildHints, KERNEL_MACROS } from '../parse';
import type { MacroHintData, MacroHints } from '../parse';
import { withRulePatterns } from '../match/pattern';
import { loadMacros } from './macro-hints';
import { parsePortManifest } from './manifest';
import { readConfined } from './read-checked';
import type { ManifestEntry, SplitManifest } from './manifest';
import { missingReasons } from './reasons';
import { IncludeEdge, resolveIncludes } from './include-scope';
import { checkDuplicateIds, parseRuleFileUnchecked } from './rule-file';
import { byOrigin, cmp, numberRules } from './order';
import { blocksPlaced } from './language/kinds';
import type { FileSplit, Rule, RuleSet } from './types';
import { keptPatterns, memoized, memoizedParse, pruning } from './memo';
import type { RuleFileMemo } from './memo';

interface LoadState {
  memo?: RuleFileMemo;
  diagnostics: Diagnostic[];
  rules: Rule[];
  files: string[];
  blockDirs: string[];
  /** Folders already loaded (canonical paths): a folder included twice joins once. */
  done: Set<string>;
  /** Rule ids left out by `exclude:` of any manifest, with where they were written. */
  exclude: ManifestEntry[];
  name?: string;
  /** `split:` of the port's own manifest (not of included folders). */
  split?: SplitManifest;
  /** Include edges, recorded once per folder (each folder's manifest is read once). */
  edges: IncludeEdge[];
  /** The rules read from each folder's own rule files, by canonical folder. */
  rulesOf: Map<string, Rule[]>;
  /** The blocks/ folder of each loaded folder, by canonical folder. */
  blocksOf: Map<string, string>;
  /** Macro hints of the manifests read so far (`macros:`), the port's own first. */
  macros: MacroHintData[];
  /** `acknowledged-syntax-errors:` of the port's own manifest. */
  acknowledged?: number | string[];
}

/** The kernel hints with `tables` merged over them, or undefined when there are none. */
function portHints(tables: MacroHintData[]): MacroHints | undefined {
  return tables.length ? buildHints(KERNEL_MACROS, ...[...tables].reverse()) : undefined;
}

/** A folder on the include path: canonical identity and the path shown in messages. */
interface ChainLink {
  id: string;
  shown: string;
}

/** Load the port folder `dir`; `via` is the include entry that led here, `chain` the folders above. */
function loadFolder(st: LoadState, dir: string, via: Location | undefined, chain: ChainLink[]): void {
  const self = chain[chain.length - 1].id;
  const own: Rule[] = [];
  st.rulesOf.set(self, own);
  const manifestPath = joinDisplay(dir, 'port.yaml');
  const read = readConfined(
    manifestPath,
    'port manifest',
    [self],
    via,
    via ? `included from ${via.file}` : 'the port folder',
  );
  if (!read.ok) {
    st.diagnostics.push(read.diagnostic);
    return;
  }
  const m = memoizedParse(st.memo, `port.yaml\0${manifestPath}\0${read.text}`, () =>
    parsePortManifest(read.text, manifestPath),
  );
  st.diagnostics.push(...m.diagnostics);
  if (!m.manifest) return;
  if (st.name === undefined && m.manifest.split) st.split = m.manifest.split;
  if (st.name === undefined && m.manifest.acknowledgedSyntaxErrors !== undefined)
    st.acknowledged = m.manifest.acknowledgedSyntaxErrors;
  st.name ??= m.manifest.name;
  st.exclude.push(...m.manifest.exclude);
  st.blocksOf.set(self, joinDisplay(dir, 'blocks'));
  // Rule files may lie in this folder or in a folder this manifest includes, after symlinks.
  const roots = [
    self,
    ...m.manifest.include
      .map((e) => joinDisplay(dir, e.path))
      .filter(isDirectory)
      .map(canonical),
  ];
  if (m.manifest.macros) {
    const h = loadMacros(m.manifest.macros, dir, (file, at) =>
      readConfined(file, 'macro hint file', roots, at, `named in ${manifestPath}`),
    );
    st.diagnostics.push(...h.diagnostics);
    if (h.data) st.macros.push(h.data);
  }
  // A folder's patterns compile through its hints and those of the folders that include it.
  const hints = portHints(st.macros);
  const hintsKey = JSON.stringify(st.macros);
  const patterns = keptPatterns(st.memo, hintsKey);
  for (const entry of m.manifest.rules) {
    const file = joinDisplay(dir, entry.path);
    const text = readConfined(file, 'rule file', roots, entry.location, `listed in ${manifestPath}`);
    if (!text.ok) {
      st.diagnostics.push(text.diagnostic);
      continue;
    }
    st.files.push(file);
    const defaults = m.manifest.defaults;
    const key = `${JSON.stringify([file, text.text, defaults])}\0${hintsKey}`;
    const r = memoized(st.memo, key, () =>
      withRulePatterns(hints, patterns, () => parseRuleFileUnchecked(text.text, file, defaults)),
    );
    st.diagnostics.push(...r.diagnostics);
    if (m.manifest.reasons !== 'optional') st.diagnostics.push(...missingReasons(r.rules, `${manifestPath}`));
    st.rules.push(...r.rules);
    own.push(...r.rules);
  }
  for (const entry of m.manifest.include) {
    const inc = joinDisplay(dir, entry.path);
    if (!isDirectory(inc)) {
      st.diagnostics.push(
        diag('XP100', `included rules folder ${inc} not found or not a directory`, { location: entry.location }),
      );
      continue;
    }
    const id = canonical(inc);
    const seen = chain.findIndex((c) => c.id === id);
    if (seen >= 0) {
      const cycle = [...chain.slice(seen).map((c) => c.shown), inc].join(' -> ');
      st.diagnostics.push(diag('XP112', `include cycle: ${cycle}`, { location: entry.location }));
      continue;
    }
    st.edges.push({ from: self, to: id, entry });
    if (st.done.has(id)) continue;
    st.done.add(id);
    loadFolder(st, inc, entry.location, [...chain, { id, shown: inc }]);
  }
}

/**
 * Load the port in `portDir` (a folder holding port.yaml) and everything it includes. Rules are
 * sorted by id and numbered by where they are written (`order`, see order.ts). Returns the rule set only when no
 * error was found; the
 * diagnostics list every problem, with paths as the caller gave them. A port with `split:` also
 * loads the port it follows; `splitChain` holds the ports above it on that chain (cycle check).
 * With `memo`, rule files compiled by an earlier load with the same text are taken from it.
 */
export function loadRuleSet(
  portDir: string,
  splitChain: ReadonlySet<string> = new Set(),
  memo?: RuleFileMemo,
): { ruleSet?: RuleSet; diagnostics: Diagnostic[] } {
  return splitChain.size === 0
    ? pruning(memo, () => loadPort(portDir, splitChain, memo))
    : loadPort(portDir, splitChain, memo);
}

function loadPort(
  portDir: string,
  splitChain: ReadonlySet<string>,
  memo: RuleFileMemo | undefined,
): { ruleSet?: RuleSet; diagnostics: Diagnostic[] } {
  const dir = displayPath(portDir);
  if (!isDirectory(dir)) {
    return { diagnostics: [diag('XP100', `rules folder ${dir} not found or not a directory`)] };
  }
  const root = canonical(dir);
  const st: LoadState = {
    ...(memo ? { memo } : {}),
    diagnostics: [],
    rules: [],
    files: [],
    blockDirs: [],
    done: new Set([root]),
    exclude: [],
    edges: [],
    rulesOf: new Map(),
    blocksOf: new Map(),
    macros: [],
  };
  loadFolder(st, dir, undefined, [{ id: root, shown: dir }]);
  const scopes = resolveIncludes(root, st.edges, st.diagnostics);
  for (const [folder, rules] of st.rulesOf) {
    const files = scopes.get(folder)?.files;
    if (files) for (const r of rules) r.files ??= files;
  }
  // Nearer folders' blocks win (see readBlockFiles), ties by path: never by manifest order.
  const depth = (f: string): number => scopes.get(f)?.depth ?? 0;
  st.blockDirs = [...st.blocksOf].sort(([a, x], [b, y]) => depth(a) - depth(b) || cmp(x, y)).map(([, d]) => d);
  st.files.sort(cmp);
  st.rules.sort(byOrigin);
  for (const x of st.exclude) {
    if (!st.rules.some((r) => r.id === x.path))
      st.diagnostics.push(diag('XP105', `exclude: no included rule has the id '${x.path}'`, { location: x.location }));
  }
  const excluded = new Set(st.exclude.map((x) => x.path));
  st.rules = st.rules.filter((r) => !excluded.has(r.id));
  st.diagnostics.push(...checkDuplicateIds(st.rules));
  const split = st.split
    ? loadSplit(st.split, dir, new Set([...splitChain, canonical(dir)]), st.diagnostics, memo)
    : undefined;
  if (hasErrors(st.diagnostics) || st.name === undefined) return { diagnostics: st.diagnostics };
  const rules = numberRules(st.rules, dir);
  const macros = portHints(st.macros);
  return {
    ruleSet: {
      name: st.name,
      dir,
      rules,
      blockDirs: st.blockDirs,
      files: st.files,
      ...(split ? { split } : {}),
      ...(macros ? { macros } : {}),
      ...(st.acknowledged !== undefined ? { acknowledgedSyntaxErrors: st.acknowledged } : {}),
    },
    diagnostics: st.diagnostics,
  };
}

/** Load the port named by `split: before:` and check the derived blocks against it. */
function loadSplit(
  m: SplitManifest,
  dir: string,
  chain: ReadonlySet<string>,
  out: Diagnostic[],
  memo: RuleFileMemo | undefined,
): FileSplit | undefined {
  const beforeDir = joinDisplay(dir, m.before.path);
  if (!isDirectory(beforeDir)) {
    out.push(
      diag('XP100', `split: the port before the split, ${beforeDir}, is not a folder`, { location: m.before.location }),
    );
    return undefined;
  }
  if (chain.has(canonical(beforeDir))) {
    out.push(diag('XP112', `split: ${beforeDir} is this port or a port it follows`, { location: m.before.location }));
    return undefined;
  }
  const before = loadPort(beforeDir, chain, memo);
  out.push(...before.diagnostics);
  if (!before.ruleSet) return undefined;
  const carried = new Set(before.ruleSet.rules.flatMap(blocksPlaced));
  const names = new Set<string>();
  for (const b of m.blocks) {
    if (names.has(b.name))
      out.push(diag('XP105', `split: block '${b.name}' is derived twice`, { location: b.location }));
    names.add(b.name);
    if (b.from !== undefined && !carried.has(b.from))
      out.push(
        diag('XP105', `split: no rule of ${beforeDir} makes a block '${b.from}' to derive '${b.name}' from`, {
          location: b.location,
        }),
      );
  }
  return { before: before.ruleSet, header: m.header, blocks: m.blocks };
}
