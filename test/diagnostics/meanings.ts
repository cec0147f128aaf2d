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
  XP001: {
    meaning: 'The Linux file (or the --xen / --base file) named on the command line does not exist.',
    exit: '4',
  },
  XP002: {
    meaning:
      'A folder, FIFO, device or socket was given where a C file is expected (the input, --xen or --base). Only regular files are read: a FIFO is refused, not waited on.',
    exit: '4',
  },
  XP003: { meaning: 'The file is empty or holds only white space.', exit: '4' },
  XP004: {
    meaning:
      'The file holds NUL bytes or bytes that are not UTF-8 (the position of the first bad byte is given). A UTF-8 byte order mark is accepted and kept. Rule, manifest and block files are refused the same way (never read with U+FFFD in place of the byte).',
    exit: '4 (3 for a rule or block file)',
  },
  XP005: {
    meaning:
      'Nothing in the file parsed as a C item; or over half of it is in syntax-error regions and it has no `#include`, `#define` or function definition; or a `/*` comment is never closed (no C compiler accepts that, and a comment added by a rule would close it and swallow the code in between). Nothing is ported.',
    exit: '4',
  },
  XP006: {
    meaning: 'The file is larger than 8 MiB (counted while reading, not taken from stat); no driver comes close.',
    exit: '4',
  },
  XP007: {
    meaning:
      'tree-sitter could not parse a region (an ERROR node, or a token the parser had to invent). Rules do not match inside it. Most come from kernel macros that take a type argument (`container_of(p, struct x, m)`, `min_t(...)`) or that open a block (`list_for_each_entry(...) {`).',
    exit: '- (warning)',
  },
  XP008: {
    meaning: 'The file exists but reading it failed (permissions, a socket or device, an I/O error).',
    exit: '4 (3 for a rule or block file)',
  },
  XP009: {
    meaning:
      'The --checks file of `xenport report` (build and boot results) is not valid JSON, or does not have the documented shape: `{ "checks": [ { "name", "status": "pass" | "fail" | "skip", "summary"?, "log"? } ] }` (docs/REVIEW.md).',
    exit: '4',
  },
  XP100: {
    meaning: 'The --rules folder, or a folder listed under `include:` in a port.yaml, does not exist.',
    exit: '3',
  },
  XP101: { meaning: 'The rules folder has no port.yaml.', exit: '3' },
  XP102: {
    meaning: "A port.yaml or rule file is not valid YAML (including duplicate keys); the position is YAML's.",
    exit: '3',
  },
  XP103: {
    meaning: 'A key that the rule kind (or the manifest) does not have; the message lists the allowed keys.',
    exit: '3',
  },
  XP104: { meaning: '`kind:` is not one of the rule kinds.', exit: '3' },
  XP105: {
    meaning:
      'A value of the wrong type or shape for the schema (a string where a list is needed, a bad `expect:` count, two selectors, ...).',
    exit: '3',
  },
  XP106: { meaning: 'A `pattern:` that tree-sitter cannot parse as any C fragment.', exit: '3' },
  XP107: { meaning: 'A `with:` or `text:` template uses a `$X` that the selector does not bind.', exit: '3' },
  XP108: {
    meaning: 'Two rules share an id, in one file or across the port and its includes; both places are named.',
    exit: '3',
  },
  XP109: { meaning: 'port.yaml lists a rule file that does not exist (or is a folder).', exit: '3' },
  XP110: {
    meaning:
      'A `query:` that tree-sitter rejects (syntax, unknown node type or field), or that has no `@target` capture.',
    exit: '3',
  },
  XP111: {
    meaning: 'A rule names a block that neither the existing Xen file (--xen) nor any `blocks/` folder provides.',
    exit: '1',
  },
  XP112: {
    meaning: 'A port folder includes itself, directly or through other folders; the cycle is printed.',
    exit: '3',
  },
  XP113: {
    meaning:
      "A folder is included by two entries at the same distance from the port (the same number of include steps), and they give its rules different `files:`. The nearest inclusion decides a folder's `files:`; a tie is not settled by the order of the entries.",
    exit: '3',
  },
  XP120: {
    meaning:
      'A `rules:` entry, a port.yaml or a block file resolves (after symbolic links) outside the port folder and the folders its manifest includes: `../../etc/passwd`, an absolute path, a link out of the tree. The entry is named; the file is not read, so nothing of it can reach a message, the output or a CI log.',
    exit: '3',
  },
  XP121: {
    meaning:
      'A rule, manifest or block file is a FIFO, socket, device or dangling symbolic link. It is refused before it is read, so it cannot hang the load.',
    exit: '3',
  },
  XP122: {
    meaning:
      'A port.yaml, rule file or block file is larger than 1 MiB (counted while reading, not taken from `stat`). The largest shipped rule file is under 40 KiB.',
    exit: '3',
  },
  XP114: {
    meaning:
      'A rule has no `reason:`, so the change it makes says nowhere why Xen differs from Linux (the policy: every change is marked). Reported when the rules are loaded, at the rule. Not reported for the rules of a folder whose port.yaml says `reasons: optional`; a rule with a reason and `comment: none` (the reason kept as documentation, no mark in the output) is not reported. A single rule file given to `--rules` is checked the same way.',
    exit: '- (warning)',
  },
  XP200: {
    meaning:
      "Drift: a rule matched a different number of times than its `expect:` (default at least once). The message gives the rule's file:line, expected and found counts and, where it can, the likely cause (a missing function, a similar name).",
    exit: '1',
  },
  XP201: {
    meaning: 'Two rules edit overlapping text; both rules are named. Touching ranges are not overlaps.',
    exit: '1',
  },
  XP202: {
    meaning:
      'An edit falls inside a region another rule wraps in `#if 0`; it is not applied, so the Linux text stays verbatim there.',
    exit: '- (info, shown with -v)',
  },
  XP203: {
    meaning:
      'A `types:` binding needs the declared type of an expression (`*$P`) and no declaration of it was found (undeclared name, unknown struct or field, not a pointer). Inside a `#define` body it is a warning and the match is left as written: there the expression is mostly a macro parameter, which has no declared type.',
    exit: '1; - (warning) inside a #define body',
  },
  XP204: {
    meaning:
      'The output has more syntax-error regions than the input. Often legitimate: Xen macros that take a type (`xzalloc(struct T)`) do not parse as C, and blocks carried over from a Xen file may hold such code. Otherwise a template or block produced C that does not parse. Located in the output file (at its first new error region); without one (--stdout), at the first line of the input, with the output line in the message. An error (exit 1) when over half of the input is in syntax-error regions: such input is ported only if the port makes it no worse.',
    exit: '- (warning); 1 for a mostly unparsed input',
  },
  XP205: {
    meaning:
      'An anchor or placement cannot be used: a block or `#if 0` must cover whole lines, `comment: in-comment` needs a comment above the statement, an override names a line the block does not have.',
    exit: '1',
  },
  XP206: {
    meaning:
      "An edit of a rule that expects at least one match falls inside text that another rule deletes or wraps in `#if 0`, so it is not applied: one warning per pair of rules, naming both with their file:line and the count. The rule's matches still count for its `expect:`, so without this warning the rule could do nothing and pass. Not reported for rules that accept no match (`expect: >=0`, as the xen-api library's) nor for a rule that declares `swallowed: expected`.",
    exit: '- (warning)',
  },
  XP210: {
    meaning:
      "Matching one rule's pattern on one file took more than 5,000,000 steps (node comparisons, weighted by the size of `$$$` slices): several `$$$` in one list backtrack, n^k on a list of n. The shipped ports take at most 3,911 steps. The rule is named; the port stops.",
    exit: '1',
  },
  XP211: {
    meaning:
      'A template (`with:`, `text:`) expands past 16 Mi characters for one match, or the edits of a port together insert more than 64 Mi (the input limit is 8 MiB). The rule is named, instead of running out of memory.',
    exit: '1',
  },
  XP212: {
    meaning:
      'A rule\'s pattern matches inside the body of a `#define` (bodies are matched as C: docs/rules.md, "Matches inside macro bodies"), and the rule\'s edit cannot go there: a body is one logical line of `\\`-spliced lines without directives, so only a `replace` by a one-line template with no reason comment of its own lines is applied inside it. A `disable`, `guard`, `insert`, `delete`, a block or a multi-line template leaves that match as it is; the match still counts for `expect:`.',
    exit: '- (warning)',
  },
  XP300: {
    meaning:
      'With --xen: a line of the existing Xen file that the rules and blocks do not reproduce (a hand edit), or a line the rules produce that the Xen file lacks (a hand deletion), including a line an `into-block` rule put into a Xen-owned block that is now deleted or changed (the block is then kept as it is, never amended a second time). Each is reported with its line number before anything is written; the port stops. With --drop-hand-edits it is a warning and the file is regenerated without the edit.',
    exit: '1',
  },
  XP301: {
    meaning:
      'With --xen: the block was not found at its place in the existing Xen file, so its text came from the `blocks/` folder.',
    exit: '- (warning)',
  },
  XP303: {
    meaning:
      'A port that follows a file split (`split:` in port.yaml) derives a block from the existing Xen file of before the split, and an item it names is not defined there exactly once (or the block it derives from is not in that file). Names are of top-level items: macros, typedefs, struct/enum/union tags, declarations, functions.',
    exit: '1',
  },
  XP302: {
    meaning: 'The --xen or --base file cannot be used: --base was given without --xen, or the file cannot be read.',
    exit: '2 (usage) or 4',
  },
  XP310: {
    meaning:
      'With --xen: more than half of the lines of the existing Xen file are not reproduced by the rules and blocks. That is almost never hand edits but a wrong or missing --base (the Linux file the Xen file was generated from). One summary with the hint "is --base right?" is printed, followed by the first 20 XP300 lines only, instead of thousands. An error even with --drop-hand-edits.',
    exit: '1',
  },
  XP400: {
    meaning:
      'The output cannot be written (missing folder, permissions, disk full, failing rename), or is refused: not a regular file (a FIFO, device or folder; `-o -` prints instead), a dangling symbolic link, a file with several hard links, or the Linux input or --base file itself; or no output was named; or the --check/--diff target is not a regular file. The previous file, if any, is left untouched: xenport writes a temporary file in the same folder, gives it the old mode, owner and group, and renames it (through a symbolic link: the link is kept).',
    exit: '4 (2 when no output is named, or it names an input)',
  },
  XP401: {
    meaning:
      'With --check: the file on disk differs from the generated output; a unified diff is printed. Also printed as info when errors stopped the write.',
    exit: '1',
  },
  XP402: { meaning: 'With --check: the output file does not exist.', exit: '1' },
  XP500: {
    meaning:
      "A golden test's output differs from the expected file (reserved: the golden runner reports this case in its own format today).",
    exit: '1 (xenport test)',
  },
  XP501: { meaning: 'A golden test has no expected output file (reserved, as XP500).', exit: '1 (xenport test)' },
  XP502: { meaning: 'A golden case folder is invalid (reserved, as XP500).', exit: '1 (xenport test)' },
  XP600: {
    meaning:
      "xenport learn: fewer than a quarter of the Xen file's lines equal lines of the Linux file, so the Xen file is not a port of it (the share is given). Nothing is written.",
    exit: '1 (xenport learn)',
  },
  XP601: {
    meaning:
      'xenport learn: the output port folder (or, with --adopt, its adopted.yaml) exists; nothing is written without --force.',
    exit: '2 (xenport learn)',
  },
  XP602: {
    meaning:
      'xenport learn: no rule learning tried reproduces these lines of the Xen file, so the learned port would not regenerate it. Nothing is written.',
    exit: '1 (xenport learn)',
  },
};
