/**
 * The tables of docs/rules.md that are generated from the rule-language definitions: the common
 * keys, the selectors, and the keys, defaults, selectors and comment placements of each kind. Each
 * sits between `<!-- generated: NAME -->` and `<!-- end generated -->` lines; the prose around them
 * is written by hand.
 */
import { COMMON_KEYS } from './keys';
import { KINDS } from './kinds';
import { SELECTORS } from './selectors';

const code = (s: string): string => `\`${s}\``;

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** The generated tables, by name. */
export function generatedTables(): Record<string, string> {
  return {
    'common-keys': table(
      ['key', 'meaning'],
      Object.entries(COMMON_KEYS).map(([k, d]) => [code(k), d.doc]),
    ),
    selectors: table(
      ['key', 'selects'],
      SELECTORS.map((s) => [
        code(s.key),
        s.doc + (s.kinds ? ` (only in ${s.kinds.map(code).join(' and ')} rules)` : ''),
      ]),
    ),
    kinds: table(
      ['kind', 'what it does', 'its keys (default)', 'selectors', '`comment:` placements (default)'],
      KINDS.map((k) => [
        code(k.name),
        k.doc,
        Object.entries(k.keys)
          .map(
            ([key, d]) =>
              `${code(key)}${k.required?.includes(key) ? ' (required)' : k.defaults?.[key] !== undefined ? ` (${String(k.defaults[key])})` : ''}: ${d.doc}`,
          )
          .join('; '),
        k.selectors
          ? k.selectors.map(code).join(', ')
          : SELECTORS.some((s) => s.kinds && !s.kinds.includes(k.name))
            ? `all but ${SELECTORS.filter((s) => s.kinds && !s.kinds.includes(k.name))
                .map((s) => code(s.key))
                .join(', ')}`
            : 'all',
        k.placements.map((p) => (p === k.defaultComment ? `**${p}**` : p)).join(', '),
      ]),
    ),
  };
}

const BLOCK = /(<!-- generated: ([a-z-]+) -->\n)[\s\S]*?(<!-- end generated -->)/g;

/** `doc` (the text of docs/rules.md) with every generated table replaced by its current text. */
export function rulesDocText(doc: string): string {
  const tables = generatedTables();
  return doc.replace(BLOCK, (whole, open: string, name: string, close: string) =>
    tables[name] === undefined ? whole : `${open}${tables[name]}\n${close}`,
  );
}
