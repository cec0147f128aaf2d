/**
 * docs/diagnostics.md is rendered from the catalog (src/diagnostics/catalog.ts) and MEANINGS; this
 * test fails when the file is out of date. Regenerate it with:
 *   UPDATE_DOCS=1 npx jest test/diagnostics/catalog-doc
 */
import * as fs from 'fs';
import * as path from 'path';
import { CATALOG } from '../../src/diagnostics/catalog';
import { MEANINGS } from './meanings';

const DOC = path.resolve(__dirname, '..', '..', 'docs', 'diagnostics.md');

const GROUPS: Array<[string, string]> = [
  ['XP0', 'Input files'],
  ['XP1', 'Rules'],
  ['XP2', 'Matching and edits'],
  ['XP3', 'Xen-owned text'],
  ['XP4', 'Output'],
  ['XP5', 'Golden tests'],
  ['XP6', 'Learning rules'],
];

/** The Markdown text of docs/diagnostics.md. */
function render(): string {
  const out: string[] = [
    '# Diagnostics',
    '',
    '<!-- Generated from src/diagnostics/catalog.ts and test/diagnostics/meanings.ts by',
    '     test/diagnostics/catalog-doc.test.ts; do not edit by hand: UPDATE_DOCS=1 npx jest test/diagnostics/catalog-doc -->',
    '',
    'Every message xenport prints has a stable code and the form `file:line:col: severity CODE: message [rule-id]`',
    '(1-based, as GCC prints them, so editors can jump to them). Errors stop the write unless `--force`; warnings',
    'and infos never do (infos are shown with `-v`). "Exit" is the exit code of `xenport port` when it stops on the',
    'code (see `xenport --help`). Every code has a test that triggers it: test/diagnostics/triggers.test.ts.',
  ];
  for (const [prefix, name] of GROUPS) {
    out.push(
      '',
      `## ${name}`,
      '',
      '| code | severity | title | meaning | how to fix | exit |',
      '|---|---|---|---|---|---|',
    );
    for (const [code, e] of Object.entries(CATALOG)) {
      if (!code.startsWith(prefix)) continue;
      const m = MEANINGS[code];
      const cell = (s: string): string => s.replace(/\|/g, '\\|');
      out.push(
        `| ${code} | ${e.severity} | ${cell(e.title)} | ${cell(m?.meaning ?? '')} | ${cell(e.fix)} | ${m?.exit ?? ''} |`,
      );
    }
  }
  return `${out.join('\n')}\n`;
}

test('every catalog code has a meaning, and no meaning is for a code the catalog lacks', () => {
  expect(Object.keys(MEANINGS).sort()).toEqual(Object.keys(CATALOG).sort());
});

test('docs/diagnostics.md matches the catalog', () => {
  const text = render();
  if (process.env.UPDATE_DOCS === '1') fs.writeFileSync(DOC, text);
  expect(fs.existsSync(DOC) ? fs.readFileSync(DOC, 'utf8') : '(missing)').toBe(text);
});
