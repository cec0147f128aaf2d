/**
 * Parses kept between ports of a long-running process (`xenport watch`): a text parsed by the last
 * port with the same file name and equal macro hints is not parsed again. After a rule change the
 * Linux input, its header and the `--base` file are the same texts, and their trees (never edited
 * by a port) are reused; only what the last port did not parse is parsed. Entries the last port
 * did not use are dropped.
 */
import { isDeepStrictEqual } from 'util';
import { parseSource } from '../parse';
import type { MacroHints, ParsedSource } from '../parse';

/** How a port parses a text: `parseSource`, or a memo of it. */
export type ParseText = (text: string, file: string, hints?: MacroHints) => ParsedSource;

/** A parse memo: call `parse` during a port, `nextPort()` between ports. */
export interface ParseMemo {
  parse: ParseText;
  /** Start the next port: entries the port just finished did not use are dropped. */
  nextPort(): void;
}

/** A new, empty parse memo. */
export function parseMemo(): ParseMemo {
  let last = new Map<string, { hints?: MacroHints; src: ParsedSource }>();
  let now = new Map<string, { hints?: MacroHints; src: ParsedSource }>();
  return {
    parse: (text, file, hints) => {
      const key = `${file}\0${text}`;
      const had = now.get(key) ?? last.get(key);
      if (had && (had.hints === hints || isDeepStrictEqual(had.hints, hints))) {
        now.set(key, had);
        return had.src;
      }
      const src = parseSource(text, file, undefined, hints);
      now.set(key, { ...(hints ? { hints } : {}), src });
      return src;
    },
    nextPort: () => {
      last = now;
      now = new Map();
    },
  };
}
