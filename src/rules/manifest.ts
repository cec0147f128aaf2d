/** The port manifest (`port.yaml`): its name, included rule folders and rule files, with positions. */
import type { Diagnostic, Location } from '../diagnostics';
import type { SplitBlock } from './types';
import { manifestMacros } from './macro-hints';
import type { MacrosEntry } from './macro-hints';
import { readDefaults } from './language/defaults';
import type { Defaults } from './language/defaults';
import { checkSchema } from './schema';
import { nodeLocation, nodeAtPath, parseYaml } from './yaml';
import type { YamlFile } from './yaml';

/** A path written in port.yaml and where it was written. */
export interface ManifestEntry {
  path: string;
  location: Location;
  /** For an include: globs on the input file name that the folder's rules are limited to. */
  files?: string[];
}

/** A checked port manifest. */
export interface PortManifest {
  name: string;
  description?: string;
  /** Other rule folders, relative to the manifest's folder. */
  include: ManifestEntry[];
  /** Rule files, relative to the manifest's folder. */
  rules: ManifestEntry[];
  /** Ids of included rules this port leaves out. */
  exclude: ManifestEntry[];
  /** The driver's file split, when this port follows one (`split:`). */
  split?: SplitManifest;
  /** `optional`: rules of this folder may change code without a `reason` (no XP114 warning). */
  reasons?: 'optional';
  /**
   * Syntax-error regions the port expects (`acknowledged-syntax-errors:`): a count per input, or `file:line`
   * positions.
   */
  acknowledgedSyntaxErrors?: number | string[];
  /** Kernel macro hints of this port (`macros:`), inline or in a file. */
  macros?: MacrosEntry;
  /** `defaults:` for the rules of the files in `rules`. */
  defaults: Defaults;
  /** Where the manifest starts, for messages about the port as a whole. */
  location: Location;
}

/** `split:` of port.yaml: the port before the split, the header it created, derived blocks. */
export interface SplitManifest {
  before: ManifestEntry;
  header: string;
  blocks: SplitBlock[];
  location: Location;
}

type IncludeValue = string | { path: string; files?: string | string[] };

type RawSplit = {
  before: string;
  header: string;
  blocks?: Array<{ name: string; from?: string; items?: string[]; without?: string[]; 'keep-comments'?: string[] }>;
};

function splitEntry(y: YamlFile, raw: RawSplit): SplitManifest {
  const at = (segs: string[]): Location => nodeLocation(y, nodeAtPath(y, segs).node);
  return {
    before: { path: raw.before, location: at(['split', 'before']) },
    header: raw.header,
    blocks: (raw.blocks ?? []).map((b, i) => ({
      name: b.name,
      ...(b.from !== undefined ? { from: b.from } : {}),
      ...(b.items ? { items: [...b.items] } : {}),
      ...(b.without ? { without: [...b.without] } : {}),
      keepComments: [...(b['keep-comments'] ?? [])],
      location: at(['split', 'blocks', String(i)]),
    })),
    location: at(['split']),
  };
}

function entries(y: YamlFile, key: string, value: IncludeValue | IncludeValue[] | undefined): ManifestEntry[] {
  if (value === undefined) return [];
  const one = (v: IncludeValue, segs: string[]): ManifestEntry => {
    const location = nodeLocation(y, nodeAtPath(y, segs).node);
    if (typeof v === 'string') return { path: v, location };
    return {
      path: v.path,
      location,
      ...(v.files !== undefined ? { files: typeof v.files === 'string' ? [v.files] : [...v.files] } : {}),
    };
  };
  if (!Array.isArray(value)) return [one(value, [key])];
  return value.map((p, i) => one(p, [key, String(i)]));
}

/** Parse and check a port.yaml given as text; `file` is the name used in diagnostics. */
export function parsePortManifest(text: string, file: string): { manifest?: PortManifest; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.yaml) return { diagnostics: parsed.diagnostics };
  const y = parsed.yaml;
  const check = checkSchema(y, 'port');
  if (check.diagnostics.length > 0) return { diagnostics: check.diagnostics };
  const data = y.data as {
    name: string;
    description?: string;
    include?: IncludeValue | IncludeValue[];
    rules: string[];
    exclude?: string[];
    split?: RawSplit;
    reasons?: 'optional';
    macros?: unknown;
    'acknowledged-syntax-errors'?: number | string[];
  };
  const macros = manifestMacros(y, data.macros);
  if (macros.diagnostics.length) return { diagnostics: macros.diagnostics };
  return {
    manifest: {
      name: data.name,
      ...(data.description !== undefined ? { description: data.description } : {}),
      include: entries(y, 'include', data.include),
      rules: entries(y, 'rules', data.rules),
      exclude: entries(y, 'exclude', data.exclude),
      ...(data.split ? { split: splitEntry(y, data.split) } : {}),
      ...(data.reasons === 'optional' ? { reasons: 'optional' as const } : {}),
      ...(macros.entry ? { macros: macros.entry } : {}),
      ...(data['acknowledged-syntax-errors'] !== undefined
        ? { acknowledgedSyntaxErrors: data['acknowledged-syntax-errors'] }
        : {}),
      defaults: readDefaults(y),
      location: nodeLocation(y, y.doc.contents),
    },
    diagnostics: [],
  };
}
