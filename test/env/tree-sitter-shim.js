// Shim: the tree-sitter module loaded once by the Jest environment.
module.exports = globalThis.__XENPORT_TREE_SITTER__;
