/**
 * Short excerpts of quoted text in messages (issue 10): a message never carries a whole file, a
 * long value or a secret read by mistake. `quote()` is the one way a message quotes text; `diag()`
 * also cuts any message longer than MAX_MESSAGE_CHARS, as a last guard.
 */

/** The longest quoted text shown in a message, in characters (before JSON escaping). */
export const MAX_QUOTE_CHARS = 60;

/** The longest message, in characters; longer ones are cut with a note of the length. */
export const MAX_MESSAGE_CHARS = 500;

/**
 * `text` in double quotes (JSON escapes: tabs and newlines visible), cut to `max` characters with
 * `...` and the full length when longer. Whitespace is kept as it is (never trimmed).
 */
export function quote(text: string, max = MAX_QUOTE_CHARS): string {
  if (text.length <= max) return JSON.stringify(text);
  return `${JSON.stringify(text.slice(0, max))}...(${text.length} chars)`;
}

/** A message cut to MAX_MESSAGE_CHARS, saying how long it was. */
export function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_CHARS) return message;
  return `${message.slice(0, MAX_MESSAGE_CHARS)}...(message cut, ${message.length} chars)`;
}
