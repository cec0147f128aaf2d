/** HTML escaping for the review page: every text taken from sources, rules or diagnostics goes through `esc`. */

/** HTML-escape text for element content and quoted attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
