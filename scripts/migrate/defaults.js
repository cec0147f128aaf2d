// @ts-check
/**
 * One-off migration to `defaults:` (issue 12): in each rule file given, when most rules say
 * `comment: none` (or, with --expect, the same `expect:`), write that once as the file's
 * `defaults:` and remove it from the rules; a rule that relied on its kind's default comment
 * placement (it has a reason and no `comment:`) gets that placement written out, so every rule
 * keeps its meaning. Edits lines in place (comments and layout of the files are kept).
 *   node scripts/migrate/defaults.js [--expect] rules/ubsan/*.yaml
 */
'use strict';
const fs = require('fs');
const YAML = require('yaml');

/** The comment placement of each kind when a rule gives none (src/rules/language/kinds.ts). */
const KIND_DEFAULT_COMMENT = {
  replace: 'above',
  delete: 'above',
  disable: 'if0',
  insert: 'above',
  includes: 'above',
  guard: 'none',
};
const NAMED = ['function', 'struct', 'declaration', 'macro', 'call', 'field', 'label', 'signature', 'items'];

const args = process.argv.slice(2);
const withExpect = args.includes('--expect');

/** The text of `file` with defaults written once; unchanged when no key is shared by most rules. */
function migrate(text) {
  const doc = YAML.parseDocument(text);
  const rules = doc.get('rules');
  if (!YAML.isSeq(rules) || doc.has('defaults')) return text;
  const maps = rules.items.filter(YAML.isMap);
  /** @type {Record<string, string>} */
  const defaults = {};
  const none = maps.filter((m) => m.get('comment') === 'none').length;
  if (none * 2 > maps.length && none > 1) defaults.comment = 'none';
  if (withExpect) {
    const expects = maps.filter((m) => !NAMED.some((k) => m.has(k))).map((m) => m.get('expect'));
    const common = expects.find((e) => e !== undefined && expects.filter((x) => x === e).length * 2 > maps.length);
    // Every rule keeps its count: a rule without `expect` (default ">=1") would take the file's default.
    if (common !== undefined && maps.every((m) => m.has('expect'))) defaults.expect = String(common);
  }
  if (Object.keys(defaults).length === 0) return text;
  /** @type {Array<{start: number, end: number, text: string}>} */
  const edits = [];
  const lineOf = (/** @type {number} */ off) => [text.lastIndexOf('\n', off - 1) + 1, text.indexOf('\n', off) + 1];
  for (const m of maps) {
    for (const pair of m.items) {
      const key = YAML.isScalar(pair.key) ? pair.key.value : undefined;
      const value = YAML.isScalar(pair.value) ? pair.value.value : undefined;
      if (typeof key !== 'string' || !(key in defaults) || String(value) !== defaults[key]) continue;
      const [s, e] = lineOf(/** @type {any} */ (pair.key).range[0]);
      edits.push({ start: s, end: e, text: '' });
    }
    if (defaults.comment && !m.has('comment') && m.has('reason')) {
      const kindPair = m.items.find((p) => YAML.isScalar(p.key) && p.key.value === 'kind');
      const kind = /** @type {keyof typeof KIND_DEFAULT_COMMENT} */ (String(m.get('kind')));
      if (kindPair && KIND_DEFAULT_COMMENT[kind] !== defaults.comment) {
        const [s, e] = lineOf(/** @type {any} */ (kindPair.key).range[0]);
        const indent = /^[ \t-]*/.exec(text.slice(s, e))[0].replace('-', ' ');
        edits.push({ start: e, end: e, text: `${indent}comment: ${KIND_DEFAULT_COMMENT[kind]}\n` });
      }
    }
  }
  let out = text;
  for (const ed of edits.sort((a, b) => b.start - a.start)) out = out.slice(0, ed.start) + ed.text + out.slice(ed.end);
  const at = /^rules:/m.exec(out).index;
  const block = `defaults:\n${Object.entries(defaults)
    .map(([k, v]) => `  ${k}: ${k === 'expect' ? JSON.stringify(v) : v}\n`)
    .join('')}`;
  return out.slice(0, at) + block + out.slice(at);
}

for (const file of args.filter((a) => !a.startsWith('--'))) {
  const text = fs.readFileSync(file, 'utf8');
  const out = migrate(text);
  if (out !== text) fs.writeFileSync(file, out);
  process.stdout.write(`${out === text ? 'unchanged' : 'rewrote  '} ${file}\n`);
}
