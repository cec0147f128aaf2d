/**
 * What matching produces and reads: a `Match` (one place a rule applies to) and the per-file
 * `MatchContext`. Each selector finds its matches in its own module (selectors/); `select` runs
 * the one that compiled a rule's selector.
 */
import type { ParsedSource } from '../parse';
import type { FlatTree, FNode } from './flat';
import type { NamedItem } from './named';
import type { Bindings } from './structural';
import type { WordIndex } from './words';

/** One place a rule applies to. */
export interface Match {
  start: number;
  end: number;
  /** The matched nodes (consecutive siblings); empty for line and file anchors. */
  nodes: FNode[];
  captures: Bindings;
  /** For named selectors: the name that matched, and its kind. */
  name?: string;
  kind?: NamedItem['kind'];
}

/** Per-file data shared by all rules: the parsed source and its flat tree with indexes. */
export interface MatchContext {
  src: ParsedSource;
  flat: FlatTree;
  byNormType: Map<string, FNode[]>;
  /** Named items per kind, computed on first use. */
  named: Map<string, NamedItem[]>;
  /**
   * When `flat` is a partial copy (folded function bodies, skipped items): the context over the
   * whole tree, built on first call. Only for what must see every node, such as drift hints.
   */
  full?: () => MatchContext;
  /**
   * Contexts of the headers paired with this file (the driver's own `.h`): type lookups follow a
   * struct whose definition is not in this file into them.
   */
  headers?: readonly MatchContext[];
  /**
   * Where words occur in `src.masked`, when the context was made for rules (the index their fold
   * filters searched: a word asked again is a lookup).
   */
  words?: WordIndex;
}

export { includePath, itemsOf, select } from './selectors';
