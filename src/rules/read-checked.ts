/**
 * Reading a port's own files (port.yaml, rule files, block files) with every check of issue 10 in
 * one place: the path must resolve, after symlinks, inside the folders the port trusts (its folder
 * and the folders its manifest includes); the file must be a regular file within the size limit
 * and strict UTF-8. A refusal names the entry and says why, never what the file holds.
 */
import { diag } from '../diagnostics';
import type { Diagnostic, Location } from '../diagnostics';
import { MAX_RULE_FILE_BYTES, readText, resolvesInside } from './files';

/** What is being read, for messages: `rule file`, `block file`, `port manifest`. */
export type FileRole = 'rule file' | 'block file' | 'port manifest' | 'macro hint file';

/**
 * Read `file` (a `role`) if it resolves inside one of `roots` (canonical folders). `at` is where
 * the entry was written (the manifest line), `listed` how to say where it comes from.
 */
export function readConfined(
  file: string,
  role: FileRole,
  roots: readonly string[],
  at: Location | undefined,
  listed: string,
): { ok: true; text: string } | { ok: false; diagnostic: Diagnostic } {
  const where = at ? { location: at } : {};
  const fail = (d: Diagnostic) => ({ ok: false as const, diagnostic: d });
  const inside = resolvesInside(file, roots);
  if (inside === false) {
    return fail(
      diag('XP120', `${role} ${file} resolves outside the port's folders (${listed}); it is not read`, where),
    );
  }
  const r = readText(file);
  if (r.ok) return r;
  switch (r.reason) {
    case 'missing':
      if (inside === undefined && role === 'block file')
        return fail(diag('XP121', `${role} ${file} is a dangling symbolic link (${listed})`, where));
      return fail(diag(role === 'port manifest' ? 'XP101' : 'XP109', `${role} ${file} not found (${listed})`, where));
    case 'directory':
      return fail(
        diag(role === 'port manifest' ? 'XP101' : 'XP109', `${role} ${file} is a directory (${listed})`, where),
      );
    case 'not-regular':
      return fail(
        diag(
          'XP121',
          `${role} ${file} is not a regular file (a FIFO, socket or device; ${listed}); it is not read`,
          where,
        ),
      );
    case 'too-large':
      return fail(
        diag('XP122', `${role} ${file} is larger than ${MAX_RULE_FILE_BYTES / 1048576} MiB (${listed})`, where),
      );
    case 'not-utf8':
      return fail(
        diag('XP004', `${role} ${file} is not valid UTF-8 (${listed})`, {
          location: { file, line: r.line, col: r.col },
        }),
      );
    default:
      return fail(diag('XP008', `cannot read ${role} ${file}: ${r.detail ?? 'error'} (${listed})`, where));
  }
}
