/** Parse stage: kernel C to a tree-sitter tree, with macro hints applied in ways that preserve offsets. */
export {
  parseSource,
  parseSourceFull,
  reparseEdited,
  spareTree,
  takeFirstParse,
  looksLikeNonC,
  mostlyUnparsed,
} from './source';
export type { ParsedSource, SpareParse } from './source';
export { maskAnnotations, BARE_ANNOTATIONS, CALL_ANNOTATIONS } from './mask';
export { shapeMacros, defaultHints } from './shape';
export type { ShapedText } from './shape';
export { buildHints, checkHintData, MACRO_SHAPES } from './hints';
export type { MacroHints, MacroHintData, MacroShape, HintProblem } from './hints';
export { KERNEL_MACROS } from './kernel-macros';
export { acknowledgeSyntaxErrors } from './acknowledge';
export { compileQuery, parseC } from './parser';
export type { SyntaxNode, Tree } from './parser';
export { textChange } from './incremental';
export type { Replacement } from './incremental';
