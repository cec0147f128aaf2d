/** The port manifest (`port.yaml`): its name, included rule folders and rule files, with positions. */
import type { Diagnostic, Location } from '../diagnostics';
import { checkSchema } from './schema';
import { nodeLocation, nodeAtPath, parseYaml } from './yaml';
import type { YamlFile } from './yaml';

/** A path written in port.yaml and where it was written. */
export interface ManifestEntry {
  path: string;
  location: Location;
}

/** A checked port manifest. */
export interface PortManifest {
  name: string;
  description?: string;
  /** Other rule folders, relative to the manifest's folder. */
  include: ManifestEntry[];
  /** Rule files, relative to the manifest's folder. */
  rules: ManifestEntry[];
  /** Where the manifest starts, for messages about the port as a whole. */
  location: Location;
}

function entries(y: YamlFile, key: string, value: string | string[] | undefined): ManifestEntry[] {
  if (value === undefined) return [];
  if (typeof value === 'string') return [{ path: value, location: nodeLocation(y, nodeAtPath(y, [key]).node) }];
  return value.map((p, i) => ({ path: p, location: nodeLocation(y, nodeAtPath(y, [key, String(i)]).node) }));
}

/** Parse and check a port.yaml given as text; `file` is the name used in diagnostics. */
export function parsePortManifest(text: string, file: string): { manifest?: PortManifest; diagnostics: Diagnostic[] } {
  const parsed = parseYaml(text, file);
  if (!parsed.yaml) return { diagnostics: parsed.diagnostics };
  const y = parsed.yaml;
  const check = checkSchema(y, 'port');
  if (check.diagnostics.length > 0) return { diagnostics: check.diagnostics };
  const data = y.data as { name: string; description?: string; include?: string | string[]; rules: string[] };
  return {
    manifest: {
      name: data.name,
      ...(data.description !== undefined ? { description: data.description } : {}),
      include: entries(y, 'include', data.include),
      rules: entries(y, 'rules', data.rules),
      location: nodeLocation(y, y.doc.contents),
    },
    diagnostics: [],
  };
}
