// Shim: the tree-sitter-c grammar loaded once by the Jest environment.
module.exports = globalThis.__XENPORT_TREE_SITTER_C__;
