/**
 * Kernel annotation masking. tree-sitter-c misparses `static int __init f(void)` (the function's
 * type becomes `f`) and chokes on `void __iomem *p`. Annotations and attributes (the `annotation`
 * and `attribute` shapes of the macro hints) are blanked with spaces of the same length before
 * parsing, so every node offset stays valid for the original text.
 */
import type { MacroHints } from './hints';
import { KERNEL_MACROS } from './kernel-macros';
import { defaultHints, shapeMacros } from './shape';

/** Annotations that take no arguments and carry no meaning for matching. */
export const BARE_ANNOTATIONS: readonly string[] = KERNEL_MACROS.annotation ?? [];

/** Attributes, bare or written with a parenthesised argument list, e.g. `__aligned(8)`. */
export const CALL_ANNOTATIONS: readonly string[] = KERNEL_MACROS.attribute ?? [];

/**
 * Return a copy of `text` with kernel annotations and attributes blanked. The result has the same
 * length and the same newlines, so offsets, lines and columns are identical in both texts.
 */
export function maskAnnotations(text: string, hints: MacroHints = defaultHints()): string {
  return shapeMacros(text, hints).masked;
}
