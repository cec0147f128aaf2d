/**
 * Turns the output of make, gcc and ld in the cached Xen tree into what the user needs: gcc's
 * diagnostics only (not make's progress lines), with the driver files' paths replaced by the
 * generated files the user passed (line and column are unchanged: the files are copied byte for
 * byte), and any other relative path made absolute in the cached tree.
 */
import * as path from 'path';

/** Which user file stands for which tree file (paths relative to the tree's `xen/` folder). */
export interface PathMap {
  /** e.g. `drivers/passthrough/arm/smmu-v3.c` -> `out/smmu-v3.c` */
  [xenRelative: string]: string;
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Rewrites every mention of a mapped file (relative to `xenDir`, or absolute) to the user's path.
 * Other `path:line:` positions relative to `xenDir` become absolute, so they stay clickable.
 */
export function mapPaths(text: string, xenDir: string, map: PathMap): string {
  let out = text;
  for (const [rel, user] of Object.entries(map)) {
    const abs = path.join(xenDir, rel);
    out = out.split(abs).join(user);
    out = out.replace(new RegExp(`(?<![\\w./-])(?:\\./)?${escape(rel)}(?![\\w.-])`, 'g'), () => user);
  }
  // Remaining relative positions (Xen's own headers): `include/xen/lib.h:12:3:` at a line start or after "from ".
  return out.replace(
    /^(In file included from |\s+from )?(?:\.\/)?((?:include|arch|common|drivers|xsm|lib|crypto)\/[\w./+-]+)(?=:\d)/gm,
    (_m, pre: string | undefined, rel: string) => `${pre ?? ''}${path.join(xenDir, rel)}`,
  );
}

/** make's own chatter, which is not a diagnostic. */
const NOISE = /^(make(\[\d+\])?: |\s+(CC|LD|AS|CPP|HOSTCC|GEN|CHK|UPD|AR|OBJCOPY|NM|SYMBOLS|CPPAS|LDS)\s)/;

/** The lines of a build's output that are diagnostics (gcc's or ld's), make's lines removed. */
export function diagnosticLines(output: string): string[] {
  return output.split('\n').filter((l) => l.length > 0 && !NOISE.test(l));
}

/** Counts `error:` and `warning:` diagnostics. */
export function countDiagnostics(lines: string[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const l of lines) {
    if (/:\d+(:\d+)?: (fatal )?error: /.test(l) || /undefined reference to /.test(l)) errors++;
    else if (/:\d+(:\d+)?: warning: /.test(l)) warnings++;
  }
  return { errors, warnings };
}

/** The first line that names an error, for one-line summaries. */
export function firstError(lines: string[]): string | undefined {
  return lines.find((l) => /: (fatal )?error: /.test(l) || /undefined reference to /.test(l));
}
