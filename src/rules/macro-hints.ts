/**
 * A port's macro hints: `macros:` in port.yaml, either the hints themselves (a mapping of shape to
 * macro names, as in src/parse/kernel-macros.ts) or the path of a YAML file holding them. Each
 * problem (unknown shape, a name that is not an identifier, a name given two shapes, ...) is a
 * rule error at the file, line and column of the offending value.
 */
import { diag } from '../diagnostics';
import type { Diagnostic, Location } from '../diagnostics';
import { checkHintData } from '../parse';
import type { MacroHintData } from '../parse';
import { joinDisplay } from './files';
import { keyLocation, nodeAtPath, nodeLocation, parseYaml, valueLocation } from './yaml';
import type { YamlFile } from './yaml';

/** `macros:` of a manifest: inline hints, or a hint file named relative to the manifest. */
export type MacrosEntry = { data: MacroHintData } | { file: string; location: Location };

/** Check hints found at `base` (the path of `macros` in `y`); problems become diagnostics there. */
function check(y: YamlFile, base: string[], data: unknown): Diagnostic[] {
  return checkHintData(data).map((p) => {
    const segs = [...base, ...p.path.map(String)];
    const last = p.path[p.path.length - 1];
    // A problem with a key (an unknown shape, a bad macro name) points at the key, else at the value.
    const location = typeof last === 'string' ? keyLocation(y, segs.slice(0, -1), last) : valueLocation(y, segs);
    const code = /^unknown (macro|pattern) shape/.test(p.message) ? 'XP103' : 'XP105';
    return diag(code, `macro hint: ${p.message}`, { location });
  });
}

/** Read `macros:` of a checked manifest: hints to use, or the diagnostics. */
export function manifestMacros(y: YamlFile, value: unknown): { entry?: MacrosEntry; diagnostics: Diagnostic[] } {
  if (value === undefined) return { diagnostics: [] };
  if (typeof value === 'string')
    return { entry: { file: value, location: nodeLocation(y, nodeAtPath(y, ['macros']).node) }, diagnostics: [] };
  const diagnostics = check(y, ['macros'], value);
  return diagnostics.length ? { diagnostics } : { entry: { data: value as MacroHintData }, diagnostics };
}

/** Reads a hint file (confined to the port's folders by the caller), or says why it cannot. */
export type HintReader = (
  file: string,
  at: Location,
) => { ok: true; text: string } | { ok: false; diagnostic: Diagnostic };

/** The hints of an entry, reading (with `read`) and checking its file, relative to the manifest folder `dir`. */
export function loadMacros(
  entry: MacrosEntry,
  dir: string,
  read: HintReader,
): { data?: MacroHintData; diagnostics: Diagnostic[] } {
  if ('data' in entry) return { data: entry.data, diagnostics: [] };
  const file = joinDisplay(dir, entry.file);
  const got = read(file, entry.location);
  if (!got.ok) return { diagnostics: [got.diagnostic] };
  const parsed = parseYaml(got.text, file);
  if (!parsed.yaml) return { diagnostics: parsed.diagnostics };
  const diagnostics = check(parsed.yaml, [], parsed.yaml.data);
  return diagnostics.length ? { diagnostics } : { data: parsed.yaml.data as MacroHintData, diagnostics };
}
