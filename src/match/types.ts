/**
 * Type lookup for metavariables: the declared type of an expression bound by a pattern, found
 * from the declarations in the file (locals of the enclosing blocks, parameters of the enclosing
 * function, file-scope declarations, and struct fields through `a->f` / `a.f`, also of structs
 * defined in the file's paired header, `MatchContext.headers`). It is what a rule's
 * `types: { T: "*$P" }` uses to bind `$T` to the type of `*$P`.
 */
import type { MatchRule as Rule } from './rule';
import { childByField, FNode } from './flat';
import { declaratorName } from './named';
import type { MatchContext } from './select';
import type { Bindings } from './structural';

/** A declared type: the base type text (`struct arm_smmu_domain`) and its pointer depth. */
export interface DeclaredType {
  base: string;
  pointers: number;
}

/** The result of a lookup: the type, or why it cannot be known. */
export type TypeResult = { ok: true; type: DeclaredType } | { ok: false; why: string };

const fail = (why: string): TypeResult => ({ ok: false, why });

/** The base of `struct { ... } *p`: a type that has no name to write. */
const ANONYMOUS = '<anonymous>';

/** Render a type the kernel way: `struct x`, `struct x *`, `u64 **`. */
export function typeText(t: DeclaredType): string {
  return t.pointers > 0 ? `${t.base} ${'*'.repeat(t.pointers)}` : t.base;
}

/** The type a declarator gives its base type: each pointer or array level adds one. */
function declaratorType(base: string, decl: FNode | undefined): DeclaredType {
  let pointers = 0;
  for (let d = decl; d; d = childByField(d, 'declarator')) {
    if (d.type === 'pointer_declarator' || d.type === 'array_declarator') pointers++;
    if (d.type === 'function_declarator') break;
  }
  return { base, pointers };
}

/** The base type text of a declaration, parameter or field (qualifiers and storage left out). */
function baseOf(decl: FNode, text: string): string | undefined {
  const t = childByField(decl, 'type');
  if (!t) return undefined;
  if (t.type === 'struct_specifier' || t.type === 'union_specifier' || t.type === 'enum_specifier') {
    const name = childByField(t, 'name');
    const kw = t.type.replace('_specifier', '');
    return name ? `${kw} ${text.slice(name.start, name.end)}` : `${kw} ${ANONYMOUS}`;
  }
  return text.slice(t.start, t.end).replace(/\s+/g, ' ');
}

/** The type a declaration-like node gives `name`, if it declares it. */
function declares(decl: FNode, name: string, text: string): DeclaredType | undefined {
  const base = baseOf(decl, text);
  if (!base) return undefined;
  for (const d of decl.children.filter((c) => c.field === 'declarator')) {
    if (declaratorName(d, text) === name) return declaratorType(base, d);
  }
  return undefined;
}

/** Look an identifier up from `at` outwards: blocks, function parameters, then file scope. */
function lookupVariable(name: string, at: FNode, text: string, root: FNode): DeclaredType | undefined {
  for (let n: FNode | null = at.parent; n; n = n.parent) {
    if (n.type === 'compound_statement' || n.type === 'for_statement') {
      for (const c of n.children) {
        if (c.start >= at.start) break;
        if (c.type === 'declaration') {
          const t = declares(c, name, text);
          if (t) return t;
        }
      }
    }
    if (n.type === 'function_definition') {
      const params = findParams(childByField(n, 'declarator'));
      for (const p of params?.children ?? []) {
        if (p.type !== 'parameter_declaration') continue;
        const t = declares(p, name, text);
        if (t) return t;
      }
    }
  }
  return fileScope(name, root, text);
}

/** The parameter list of a function declarator (through pointer declarators). */
function findParams(d: FNode | undefined): FNode | undefined {
  for (let n = d; n; n = childByField(n, 'declarator')) {
    if (n.type === 'function_declarator') return childByField(n, 'parameters');
  }
  return undefined;
}

function fileScope(name: string, root: FNode, text: string): DeclaredType | undefined {
  const visit = (n: FNode): DeclaredType | undefined => {
    for (const c of n.children) {
      if (c.type === 'declaration') {
        const t = declares(c, name, text);
        if (t) return t;
      } else if (c.type.startsWith('preproc_')) {
        const t = visit(c);
        if (t) return t;
      }
    }
    return undefined;
  };
  return visit(root);
}

/** The declared type of `field` among the field declarations of a struct body, also under `#ifdef` and the like. */
function fieldIn(body: FNode, field: string, text: string): DeclaredType | undefined {
  for (const f of body.children) {
    const t =
      f.type === 'field_declaration'
        ? declares(f, field, text)
        : f.type.startsWith('preproc_')
          ? fieldIn(f, field, text)
          : undefined;
    if (t) return t;
  }
  return undefined;
}

/** The type of field `field` in the definition of `struct tag` (or union). */
function fieldType(base: string, field: string, ctx: MatchContext): TypeResult {
  if (base.endsWith(ANONYMOUS)) return fail(`an anonymous ${base.split(' ')[0]} is not followed to its fields`);
  const m = /^(struct|union) (\w+)$/.exec(base);
  if (!m) return fail(`'${base}' is not a struct or union type`);
  for (const c of [ctx, ...(ctx.headers ?? [])]) {
    const text = c.src.text;
    for (const s of c.flat.byType.get(`${m[1]}_specifier`) ?? []) {
      const name = childByField(s, 'name');
      const body = childByField(s, 'body');
      if (!name || !body || text.slice(name.start, name.end) !== m[2]) continue;
      const t = fieldIn(body, field, text);
      if (t) return { ok: true, type: t };
      return fail(`${base} has no field '${field}'${c === ctx ? '' : ` (definition in ${c.src.file})`}`);
    }
  }
  return fail(`the definition of ${base} is not in this file${ctx.headers?.length ? ' nor in its header' : ''}`);
}

/** The declared type of expression node `e`. */
export function typeOfExpression(e: FNode, ctx: MatchContext): TypeResult {
  const text = ctx.src.text;
  const src = text.slice(e.start, e.end);
  switch (e.type) {
    case 'parenthesized_expression': {
      const inner = e.children.find((c) => c.named && c.type !== 'comment');
      return inner ? typeOfExpression(inner, ctx) : fail(`empty parentheses`);
    }
    case 'identifier': {
      const t = lookupVariable(src, e, text, ctx.flat.root);
      return t ? { ok: true, type: t } : fail(`no declaration of '${src}' in scope`);
    }
    case 'pointer_expression': {
      const op = text.slice(e.start, e.start + 1);
      const arg = childByField(e, 'argument');
      if (!arg) return fail(`cannot read '${src}'`);
      const r = typeOfExpression(arg, ctx);
      if (!r.ok) return r;
      return op === '&' ? deref(r.type, -1, src) : deref(r.type, 1, src);
    }
    case 'subscript_expression': {
      const arg = childByField(e, 'argument');
      const r = arg ? typeOfExpression(arg, ctx) : fail(`cannot read '${src}'`);
      return r.ok ? deref(r.type, 1, src) : r;
    }
    case 'field_expression': {
      const arg = childByField(e, 'argument');
      const field = childByField(e, 'field');
      const op = e.children.find((c) => c.type === '->' || c.type === '.');
      if (!arg || !field || !op) return fail(`cannot read '${src}'`);
      const r = typeOfExpression(arg, ctx);
      if (!r.ok) return r;
      const want = op.type === '->' ? 1 : 0;
      if (r.type.pointers !== want)
        return fail(`'${text.slice(arg.start, arg.end)}' is ${typeText(r.type)}, not usable with '${op.type}'`);
      return fieldType(r.type.base, text.slice(field.start, field.end), ctx);
    }
    default:
      return fail(
        `the type of a ${e.type.replace(/_/g, ' ')} ('${src}') is not looked up; bind a variable or a field instead`,
      );
  }
}

function deref(t: DeclaredType, levels: number, src: string): TypeResult {
  const pointers = t.pointers - levels;
  if (pointers < 0) return fail(`'${src}' dereferences ${typeText(t)}, which is not a pointer`);
  return { ok: true, type: { base: t.base, pointers } };
}

/** A `types:` entry of a rule: `$name` is bound to the type of `*...*$of` (`derefs` stars). */
export interface TypeBinding {
  name: string;
  of: string;
  derefs: number;
}

/** Parse a `types:` value such as `*$P` or `$P`; undefined when it is not of that form. */
export function parseTypeBinding(name: string, value: string): TypeBinding | undefined {
  const m = /^\s*(\**)\s*\$([A-Z_][A-Z0-9_]*)\s*$/.exec(value);
  return m ? { name, of: m[2], derefs: m[1].length } : undefined;
}

/**
 * Add the rule's type bindings to `captures`. Returns why it failed (the match then makes no edit)
 * or undefined on success.
 */
export function bindTypes(rule: Rule, captures: Bindings, ctx: MatchContext): string | undefined {
  for (const tb of rule.types ?? []) {
    const c = captures.get(tb.of);
    const node = c?.nodes.length === 1 ? c.nodes[0] : undefined;
    if (!c || !node) return `$${tb.of} is not bound to one expression`;
    const r = typeOfExpression(node, ctx);
    if (!r.ok)
      return `cannot determine the type of '${'*'.repeat(tb.derefs)}${ctx.src.text.slice(c.start, c.end)}': ${r.why}`;
    const d = deref(r.type, tb.derefs, ctx.src.text.slice(c.start, c.end));
    if (!d.ok)
      return `cannot determine the type of '${'*'.repeat(tb.derefs)}${ctx.src.text.slice(c.start, c.end)}': ${d.why}`;
    if (d.type.base.endsWith(ANONYMOUS))
      return `the type of '${'*'.repeat(tb.derefs)}${ctx.src.text.slice(c.start, c.end)}' is an anonymous ${d.type.base.split(' ')[0]}: it has no name to write`;
    captures.set(tb.name, { start: c.start, end: c.start, nodes: [], text: typeText(d.type) });
  }
  return undefined;
}
