/**
 * Writing a port folder all at once: every file goes into a fresh temporary folder next to the
 * target, which is then renamed into place, so a failure never leaves a half-written port. An
 * existing folder is replaced only with `force` (moved aside, then removed after the rename).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Diagnostic, diag } from '../diagnostics';

/** Write `files` (name → text) as the folder `dir`. Returns diagnostics instead of throwing. */
export function writeFolder(dir: string, files: Map<string, string>, force: boolean): Diagnostic[] {
  const at = { location: { file: dir, line: 1, col: 1 } };
  if (fs.existsSync(dir) && !force) return [diag('XP601', `${dir} exists; pass --force to replace it`, at)];
  const parent = path.dirname(path.resolve(dir));
  const stamp = `${process.pid}-${Date.now()}`;
  const tmp = path.join(parent, `.${path.basename(dir)}.learn-${stamp}`);
  const old = path.join(parent, `.${path.basename(dir)}.old-${stamp}`);
  try {
    fs.mkdirSync(parent, { recursive: true });
    fs.mkdirSync(tmp);
    for (const [name, text] of [...files].sort(([a], [b]) => (a < b ? -1 : 1)))
      fs.writeFileSync(path.join(tmp, name), text);
    if (fs.existsSync(dir)) fs.renameSync(dir, old);
    fs.renameSync(tmp, dir);
    fs.rmSync(old, { recursive: true, force: true });
    return [];
  } catch (e) {
    fs.rmSync(tmp, { recursive: true, force: true });
    if (fs.existsSync(old) && !fs.existsSync(dir)) fs.renameSync(old, dir);
    return [diag('XP400', `cannot write ${dir}: ${(e as Error).message}`, at)];
  }
}

/** Add files to an existing folder, each written to a temporary name and renamed. */
export function addFiles(dir: string, files: Map<string, string>, force: boolean): Diagnostic[] {
  for (const name of files.keys()) {
    const file = path.join(dir, name);
    if (name !== 'port.yaml' && fs.existsSync(file) && !force)
      return [diag('XP601', `${file} exists; pass --force to replace it`, { location: { file, line: 1, col: 1 } })];
  }
  const tmps: Array<[string, string]> = [];
  try {
    for (const [name, text] of files) {
      const tmp = path.join(dir, `.${name}.learn-${process.pid}.tmp`);
      fs.writeFileSync(tmp, text);
      tmps.push([tmp, path.join(dir, name)]);
    }
    for (const [tmp, file] of tmps) fs.renameSync(tmp, file);
    return [];
  } catch (e) {
    for (const [tmp] of tmps) fs.rmSync(tmp, { force: true });
    return [
      diag('XP400', `cannot write ${dir}: ${(e as Error).message}`, { location: { file: dir, line: 1, col: 1 } }),
    ];
  }
}
