/** Parse stage: kernel C to a tree-sitter tree, with annotation masking that preserves offsets. */
export { parseSource, looksLikeNonC, mostlyUnparsed } from './source';
export type { ParsedSource } from './source';
export { maskAnnotations, BARE_ANNOTATIONS, CALL_ANNOTATIONS } from './mask';
export { compileQuery, parseC } from './parser';
export type { SyntaxNode, Tree } from './parser';
