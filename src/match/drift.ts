/**
 * Drift: a rule that matches a different number of times than it expects. The message names the
 * rule, its file:line, what it expected and found, and where it can, why (a name that is gone,
 * with the closest existing names).
 */
import { Diagnostic, diag } from '../diagnostics';
import type { MatchRule as Rule } from './rule';
import type { Match, MatchContext } from './select';
import { itemsOf, selectorModule } from './selectors';
import type { NamedKind, NameGroup } from './selectors';
import { similarNames } from './named';

/** The context over the whole tree: hints name what exists anywhere, folded function bodies included. */
function whole(ctx: MatchContext): MatchContext {
  return ctx.full ? ctx.full() : ctx;
}

/** Hints for a named selector's missing names. */
function missingNameHints(ctx: MatchContext, rule: Rule, matches: Match[]): string[] {
  return nameGroups(rule).flatMap(({ kind, names }) => {
    const found = new Set(matches.filter((m) => m.kind === kind).map((m) => m.name));
    const missing = names.filter((n) => !found.has(n));
    if (!missing.length) return [];
    const existing = itemsOf(whole(ctx), kind as NamedKind).map((i) => i.name);
    return missing.map((n) => {
      const close = similarNames(n, existing);
      return `${kind} '${n}' not found${close.length ? `; similar: ${close.join(', ')}` : ''}`;
    });
  });
}

/** The names a rule's selector lists, per named kind. */
function nameGroups(rule: Rule): NameGroup[] {
  return selectorModule(rule.select).nameGroups?.(rule.select) ?? [];
}

/** How many names a named or items selector lists (each is one expected match). */
function nameCount(rule: Rule): number | undefined {
  const groups = nameGroups(rule);
  return groups.length ? groups.reduce((n, g) => n + g.names.length, 0) : undefined;
}

/** Check one rule's match count against its expectation; returns drift diagnostics. */
export function checkDrift(ctx: MatchContext, rule: Rule, matches: Match[], scopeHints: string[]): Diagnostic[] {
  const n = matches.length;
  const missing = missingNameHints(ctx, rule, matches);
  const { min, max, text } = rule.expect;
  if (n >= min && n <= max && missing.length === 0) return [];
  const hints = [
    ...scopeHints,
    ...missing,
    ...(n < min ? (selectorModule(rule.select).driftHints?.(whole(ctx), rule.select) ?? []) : []),
  ];
  const names = nameCount(rule);
  const expected = names !== undefined && missing.length ? `${names}` : text;
  return [
    diag(
      'XP200',
      `rule '${rule.id}' expected ${expected} match(es)${expected !== text ? ' (one per name)' : ''}, found ${n}${n < min ? '' : n > max ? ' (more than expected: the code grew new places this rule would change)' : ''}`,
      {
        location: rule.origin,
        ruleId: rule.id,
        ...(hints.length ? { hint: hints.join('; ') } : {}),
      },
    ),
  ];
}
