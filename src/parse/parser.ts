/**
 * The tree-sitter wrapper: the only module (with the matcher) that imports tree-sitter. One parser
 * instance is reused; trees are returned to callers and released by the garbage collector.
 */
import Parser = require('tree-sitter');
import C = require('tree-sitter-c');

/** A tree-sitter syntax node. */
export type SyntaxNode = Parser.SyntaxNode;
/** A tree-sitter tree. */
export type Tree = Parser.Tree;

let parser: Parser | undefined;

/** The shared C parser. */
export function cParser(): Parser {
  if (!parser) {
    parser = new Parser();
    parser.setLanguage(C as unknown as Parser.Language);
  }
  return parser;
}

/** The C grammar, for compiling queries. */
export function cLanguage(): Parser.Language {
  return C as unknown as Parser.Language;
}

/** Parse C text. `bufferSize` is set from the text length so large inputs never hit the default buffer limit. */
export function parseC(text: string): Tree {
  return cParser().parse(text, undefined, { bufferSize: Math.max(32 * 1024, text.length * 2 + 16) });
}

/** Build a tree-sitter query against the C grammar; throws tree-sitter's error on bad syntax. */
export function compileQuery(source: string): Parser.Query {
  return new Parser.Query(cLanguage(), source);
}
