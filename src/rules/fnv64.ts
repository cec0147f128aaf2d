/**
 * A 64-bit hash of a text, in plain JavaScript (loading node's crypto module costs a cold process
 * about 10 ms): names files by what they hold (the compiled-rule cache's entries, the precompiled
 * schema validators). It tells one text from another; it guards against no adversary.
 */

/** Two lanes of FNV-1a over the UTF-16 code units of `text`, as 16 hex digits. */
export function fnv64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x6a09e667;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
