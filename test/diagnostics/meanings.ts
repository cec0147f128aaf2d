/**
 * What each diagnostic code means, beyond its catalog title: when it is reported and what the
 * command then does. docs/diagnostics.md is rendered from this and src/diagnostics/catalog.ts
 * (see catalog-doc.test.ts), so the two cannot drift apart.
 */

/** Meaning and exit code of one code. `exit` is what `xenport port` returns when it stops on it. */
export interface Meaning {
  meaning: string;
  exit: string;
}

/** One entry per catalog code (the test checks that the keys are exactly the catalog's). */
export const MEANINGS: Record<string, Meaning> = {
  XP001: { meaning: 'The Linux file (or the --xen / --base file) named on the command line does not exist.', exit: '4' },
  XP002: { meaning: 'A folder was given where one C file is expected.', exit: '4' },
  XP003: { meaning: 'The file is empty or holds only white space.', exit: '4' },
  XP004: { meaning: 'The file holds NUL bytes or bytes that are not UTF-8 (the position of the first bad byte is given). A UTF-8 byte order mark is accepted and kept.', exit: '4' },
  XP005: { meaning: 'Nothing in the file parsed as a C item; or over half of it is in syntax-error regions and it has no `#include`, `#define` or function definition; or a `/*` comment is never closed (no C compiler accepts that, and a comment added by a rule would close it and swallow the code in between). Nothing is ported.', exit: '4' },
  XP006: { meaning: 'The file is larger than 8 MiB; no driver comes close.', exit: '4' },
  XP007: { meaning: 'tree-sitter could not parse a region (an ERROR node, or a token the parser had to invent). Rules do not match inside it. Most come from kernel macros that take a type argument (`container_of(p, struct x, m)`, `min_t(...)`) or that open a block (`list_for_each_entry(...) {`).', exit: '- (warning)' },
  XP008: { meaning: 'The file exists but reading it failed (permissions, a socket or device, an I/O error).', exit: '4 (3 for a rule file)' },
  XP100: { meaning: 'The --rules folder, or a folder listed under `include:` in a port.yaml, does not exist.', exit: '3' },
  XP101: { meaning: 'The rules folder has no port.yaml.', exit: '3' },
  XP102: { meaning: 'A port.yaml or rule file is not valid YAML (including duplicate keys); the position is YAML\'s.', exit: '3' },
  XP103: { meaning: 'A key that the rule kind (or the manifest) does not have; the message lists the allowed keys.', exit: '3' },
  XP104: { meaning: '`kind:` is not one of the rule kinds.', exit: '3' },
  XP105: { meaning: 'A value of the wrong type or shape for the schema (a string where a list is needed, a bad `expect:` count, two selectors, ...).', exit: '3' },
  XP106: { meaning: 'A `pattern:` that tree-sitter cannot parse as any C fragment.', exit: '3' },
  XP107: { meaning: 'A `with:` or `text:` template uses a `$X` that the selector does not bind.', exit: '3' },
  XP108: { meaning: 'Two rules share an id, in one file or across the port and its includes; both places are named.', exit: '3' },
  XP109: { meaning: 'port.yaml lists a rule file that does not exist (or is a folder).', exit: '3' },
  XP110: { meaning: 'A `query:` that tree-sitter rejects (syntax, unknown node type or field), or that has no `@target` capture.', exit: '3' },
  XP111: { meaning: 'A rule names a block that neither the existing Xen file (--xen) nor any `blocks/` folder provides.', exit: '1' },
  XP112: { meaning: 'A port folder includes itself, directly or through other folders; the cycle is printed.', exit: '3' },
  XP200: { meaning: 'Drift: a rule matched a different number of times than its `expect:` (default at least once). The message gives the rule\'s file:line, expected and found counts and, where it can, the likely cause (a missing function, a similar name).', exit: '1' },
  XP201: { meaning: 'Two rules edit overlapping text; both rules are named. Touching ranges are not overlaps.', exit: '1' },
  XP202: { meaning: 'An edit falls inside a region another rule wraps in `#if 0`; it is not applied, so the Linux text stays verbatim there.', exit: '- (info, shown with -v)' },
  XP203: { meaning: 'A `types:` binding needs the declared type of an expression (`*$P`) and no declaration of it was found (undeclared name, unknown struct or field, not a pointer).', exit: '1' },
  XP204: { meaning: 'The output has more syntax-error regions than the input. Often legitimate: Xen macros that take a type (`xzalloc(struct T)`) do not parse as C, and blocks carried over from a Xen file may hold such code. Otherwise a template or block produced C that does not parse. An error (exit 1) when over half of the input is in syntax-error regions: such input is ported only if the port makes it no worse.', exit: '- (warning); 1 for a mostly unparsed input' },
  XP205: { meaning: 'An anchor or placement cannot be used: a block or `#if 0` must cover whole lines, `comment: in-comment` needs a comment above the statement, an override names a line the block does not have.', exit: '1' },
  XP300: { meaning: 'With --xen: a line of the existing Xen file that the rules and blocks do not reproduce (a hand edit), or a line the rules produce that the Xen file lacks (a hand deletion). Each is reported with its line number before anything is written; the port stops. With --drop-hand-edits it is a warning and the file is regenerated without the edit.', exit: '1' },
  XP301: { meaning: 'With --xen: the block was not found at its place in the existing Xen file, so its text came from the `blocks/` folder.', exit: '- (warning)' },
  XP303: { meaning: 'A port that follows a file split (`split:` in port.yaml) derives a block from the existing Xen file of before the split, and an item it names is not defined there exactly once (or the block it derives from is not in that file). Names are of top-level items: macros, typedefs, struct/enum/union tags, declarations, functions.', exit: '1' },
  XP302: { meaning: 'The --xen or --base file cannot be used: --base was given without --xen, or the file cannot be read.', exit: '2 (usage) or 4' },
  XP400: { meaning: 'The output cannot be written (missing folder, permissions, disk full, failing rename), or no output was named. The previous file, if any, is left untouched: xenport writes a temporary file in the same folder and renames it.', exit: '4 (2 when no output is named)' },
  XP401: { meaning: 'With --check: the file on disk differs from the generated output; a unified diff is printed. Also printed as info when errors stopped the write.', exit: '1' },
  XP402: { meaning: 'With --check: the output file does not exist.', exit: '1' },
  XP500: { meaning: 'A golden test\'s output differs from the expected file (reserved: the golden runner reports this case in its own format today).', exit: '1 (xenport test)' },
  XP501: { meaning: 'A golden test has no expected output file (reserved, as XP500).', exit: '1 (xenport test)' },
  XP502: { meaning: 'A golden case folder is invalid (reserved, as XP500).', exit: '1 (xenport test)' },
  XP600: { meaning: 'xenport learn: fewer than a quarter of the Xen file\'s lines equal lines of the Linux file, so the Xen file is not a port of it (the share is given). Nothing is written.', exit: '1 (xenport learn)' },
  XP601: { meaning: 'xenport learn: the output port folder (or, with --adopt, its adopted.yaml) exists; nothing is written without --force.', exit: '2 (xenport learn)' },
  XP602: { meaning: 'xenport learn: no rule learning tried reproduces these lines of the Xen file, so the learned port would not regenerate it. Nothing is written.', exit: '1 (xenport learn)' },
};
