/**
 * The files a scan reads: every C file under the given folders (and files given by name), in a
 * stable order, so that output does not depend on directory listing order or on worker timing.
 */
import * as fs from 'fs';
import * as path from 'path';

/** File name endings scanned by default. */
export const DEFAULT_EXTENSIONS: readonly string[] = ['.c', '.h'];

/** The result of listing: files in order, and paths that do not exist. */
export interface FileList {
  files: string[];
  missing: string[];
}

/**
 * Every file under `paths` whose name ends in one of `extensions`, sorted by path (byte order);
 * a path naming a file is taken whatever its extension. Symbolic links to folders are not followed.
 */
export function listFiles(paths: readonly string[], extensions: readonly string[] = DEFAULT_EXTENSIONS): FileList {
  const out = new Set<string>();
  const missing: string[] = [];
  const wanted = (name: string): boolean => extensions.some((e) => name.endsWith(e));
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && wanted(e.name)) out.add(p);
    }
  };
  for (const p of paths) {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else out.add(path.normalize(p));
  }
  return { files: [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), missing };
}
