/**
 * Kernel annotation masking. tree-sitter-c misparses `static int __init f(void)` (the function's
 * type becomes `f`) and chokes on `void __iomem *p`. We blank such annotations with spaces of the
 * same length before parsing, so every node offset stays valid for the original text.
 */

/** Annotations that take no arguments and carry no meaning for matching. */
export const BARE_ANNOTATIONS: readonly string[] = [
  '__init', '__exit', '__initdata', '__exitdata', '__initconst', '__devinit', '__devexit',
  '__iomem', '__user', '__kernel', '__force', '__rcu', '__percpu', '__bitwise', '__nocast',
  '__maybe_unused', '__always_unused', '__used', '__must_check', '__hwdom_init', '__read_mostly',
  '__ro_after_init', '__refdata', '__ref', '__cold', '__hot', '__visible', '__weak', '__sched',
  '__always_inline', 'noinline', 'notrace', 'asmlinkage', '__noreturn', '__packed', '__pure',
  '__cpuinit', '__cpuexit', '__meminit', '__safe', '__latent_entropy', '__randomize_layout',
  '__noinline', '__flatten', '__nocfi', '__noclone', '__initdata_or_module', '__mustcheck',
];

/** Annotations written with a parenthesised argument list, e.g. `__aligned(8)`. */
export const CALL_ANNOTATIONS: readonly string[] = [
  '__aligned', '__printf', '__scanf', '__section', '__must_hold', '__acquires', '__releases',
  '__counted_by', '__alloc_size', '__cond_lock', '__diag_ignore',
];

const BARE = new RegExp(`\\b(?:${BARE_ANNOTATIONS.join('|')})\\b`, 'g');
const CALL = new RegExp(`\\b(?:${CALL_ANNOTATIONS.join('|')})\\s*\\((?:[^()]|\\([^()]*\\))*\\)`, 'g');

/** Replace every non-newline character of a match by a space. */
function blank(s: string): string {
  return s.replace(/[^\n]/g, ' ');
}

/**
 * Return a copy of `text` with kernel annotations blanked. The result has the same length and the
 * same newlines, so offsets, lines and columns are identical in both texts.
 */
export function maskAnnotations(text: string): string {
  if (!text.includes('__') && !/\b(noinline|notrace|asmlinkage)\b/.test(text)) return text;
  return text.replace(CALL, blank).replace(BARE, blank);
}
