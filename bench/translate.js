// @ts-check
/**
 * Translate xenport scan rules (single-node `pattern` selectors) into equivalent ast-grep rules and
 * Coccinelle match-only rules, for the side-by-side scans. What cannot be said in a peer's language
 * is listed with the reason, never silently dropped: a peer's count is only comparable per rule.
 */
'use strict';

/** YAML string (JSON strings are valid YAML). @param {string} s */
const q = (s) => JSON.stringify(s);

/** The ast-grep pattern object (context + selector) for a xenport pattern. @param {any} pattern */
function astGrepPattern(pattern) {
  const src = pattern.source.trim();
  const root = pattern.nodes[0].type;
  if (/^struct\s+\w+$/.test(src)) return { context: `${src} x;`, selector: 'struct_specifier' };
  if (/^\w+$/.test(src)) return { context: `${src} x;`, selector: 'type_identifier' };
  if (/[;}]$/.test(src)) return { context: `void f(void) { ${src} }`, selector: root };
  return { context: `void f(void) { ${src}; }`, selector: root === 'identifier' ? 'identifier' : root };
}

/**
 * ast-grep rules (one YAML document each) for `rules`; returns the text and what was left out.
 * @param {any[]} rules
 */
function toAstGrep(rules) {
  const docs = [];
  const left = [];
  for (const r of rules) {
    if (r.select.type !== 'pattern' || r.select.pattern.nodes.length !== 1) {
      left.push({ id: r.id, why: `${r.select.type} selector has no ast-grep rule here` });
      continue;
    }
    const p = astGrepPattern(r.select.pattern);
    const lines = [
      `id: ${r.id}`,
      'language: c',
      'rule:',
      '  all:',
      `    - pattern: { context: ${q(p.context)}, selector: ${p.selector} }`,
    ];
    if (r.unless) {
      const u = astGrepPattern(r.unless);
      lines.push(`    - not: { pattern: { context: ${q(u.context)}, selector: ${u.selector} } }`);
    }
    const fns = r.scope.functions;
    if (fns.length)
      lines.push(
        `    - inside: { stopBy: end, kind: function_definition, has: { field: declarator, regex: ${q(`^(${fns.join('|')})\\(`)} } }`,
      );
    if (r.types?.length)
      left.push({
        id: r.id,
        why: 'types: (declared-type lookup) has no ast-grep equivalent: ast-grep also counts calls whose type xenport cannot resolve',
      });
    docs.push(lines.join('\n'));
  }
  return { text: `${docs.join('\n---\n')}\n`, left };
}

/**
 * A Coccinelle rule printing `file:line:col: id` for each match of a call pattern `f(args)`;
 * undefined when the pattern is not a plain call. @param {any} r
 */
function cocciRule(r, n) {
  const src = r.select.pattern.source.trim();
  const m = /^(\w+)\((.*)\)$/s.exec(src);
  if (!m) return undefined;
  const metas = new Set();
  const body = m[2].replace(/\$\$\$\w*/g, '...').replace(/\$(_|[A-Z][A-Z0-9_]*)/g, (_, name) => {
    const v = name === '_' ? `ANY${metas.size}` : name;
    metas.add(v);
    return v;
  });
  const decl = metas.size ? `expression ${[...metas].join(', ')};\n` : '';
  return `@r${n}@\n${decl}position p;\n@@\n${m[1]}@p(${body})\n\n@script:python@\np << r${n}.p;\n@@\nprint("%s:%s:%s: ${r.id}" % (p[0].file, p[0].line, int(p[0].column) + 1))\n`;
}

/** Coccinelle SmPL for `rules` (call patterns only). @param {any[]} rules */
function toCoccinelle(rules) {
  const parts = [];
  const left = [];
  rules.forEach((r, i) => {
    const c = r.select.type === 'pattern' && r.select.pattern.nodes.length === 1 ? cocciRule(r, i) : undefined;
    if (!c) return left.push({ id: r.id, why: 'not a plain call pattern: no SmPL translation here' });
    if (r.unless) left.push({ id: r.id, why: 'unless: not translated: Coccinelle counts the excluded calls too' });
    if (r.types?.length)
      left.push({ id: r.id, why: 'types: not translated: Coccinelle counts calls whose type xenport cannot resolve' });
    parts.push(c);
  });
  return { text: parts.join('\n'), left };
}

module.exports = { toAstGrep, toCoccinelle };
