/**
 * `xenport init <dir>`: start a port. Writes a commented port.yaml, one example rule file and the
 * rule's test (tests/<rule-id>.yaml), so that `xenport test <dir>` passes at once and
 * `xenport port <linux-file> --rules <dir>` runs. Refuses a folder that exists and is not empty.
 */
import * as fs from 'fs';
import * as path from 'path';
import { errorText, initText, writeAtomic } from '../emit';
import { Console, print } from './console';
import { EXIT } from './exit-codes';

const PORT_YAML = (
  name: string,
): string => `# The manifest of the port "${name}" (reference: docs/rules.md, "The port manifest").
# Port a Linux file:  xenport port <linux.c> --rules ${name} -o <xen.c>
# Test the rules:     xenport test ${name}
name: ${name}
description: What this port makes of which Linux driver.
# Rule files of this port, relative to this folder; add one per concern (includes, dead code, API).
rules:
  - api.yaml
# Rule folders whose rules join this port, e.g. the call-site library of xenport:
# include: [../xen-api]
`;

const RULE_YAML = `# Rules: each one selects Linux code (a C pattern with $METAVARIABLES, or a named function,
# struct, macro...) and changes it; expect: says how many matches it must find, so that a rule
# that stops matching a new Linux version is reported (drift) instead of silently skipped.
# Reference: docs/rules.md. Try one rule on a snippet:
#   echo 'void f(void *p) { kfree(p); }' | xenport port - --rules api.yaml --stdout
rules:
  - id: kfree-to-xfree
    kind: replace                 # replace | delete | disable | insert | includes | guard
    reason: Xen frees with xfree  # written as /* Xen: ... */ above the change (comment: none to leave no mark)
    pattern: "kfree($P)"          # quote C patterns; $P matches one expression
    with: "xfree($P)"
    expect: ">=0"                 # how many matches: 1, ">=1" (default), "0..2"
`;

const TEST_YAML = `# Rule test of kfree-to-xfree (format: docs/testing.md). Run: xenport test <this port folder>
# valid: snippets the rule must leave alone; invalid: snippets it must change, with the output.
# Write new invalid snippets without output:, run xenport test --update, and read what it wrote.
valid:
  - |
    void f(void *p)
    {
    	kfree_rcu(p, rcu);
    }
invalid:
  - code: |
      void f(void *p)
      {
      	kfree(p);
      }
    output: |
      void f(void *p)
      {
      	/* Xen: Xen frees with xfree */
      	xfree(p);
      }
`;

/** Run `xenport init <dir>`; returns the exit code. */
export function runInit(dir: string, out: Console): number {
  if (fs.existsSync(dir) && (!fs.statSync(dir).isDirectory() || fs.readdirSync(dir).length > 0)) {
    print(out, errorText('init', `${dir} already exists and is not an empty folder: refused (nothing is overwritten)`));
    return EXIT.io;
  }
  const name =
    path
      .basename(path.resolve(dir))
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'my-port';
  try {
    fs.mkdirSync(path.join(dir, 'tests'), { recursive: true });
  } catch (e) {
    print(out, errorText('init', `cannot create ${dir}: ${(e as Error).message}`));
    return EXIT.io;
  }
  const files: Array<[string, string]> = [
    [path.join(dir, 'port.yaml'), PORT_YAML(name)],
    [path.join(dir, 'api.yaml'), RULE_YAML],
    [path.join(dir, 'tests', 'kfree-to-xfree.yaml'), TEST_YAML],
  ];
  const written: string[] = [];
  for (const [file, text] of files) {
    const w = writeAtomic(file, text);
    if (w.length) {
      print(out, initText({ dir, written, failure: w }));
      return EXIT.io;
    }
    written.push(file);
  }
  print(out, initText({ dir, written }));
  return EXIT.ok;
}
