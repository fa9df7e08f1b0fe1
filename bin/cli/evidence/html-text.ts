import { oneLine, truncate } from '../../../lambdas/core/text.js';

/**
 * Outside text (names, reasons, ids, the tenant) as HTML text or attribute value: one safe line
 * first (control characters out, bidi and other hidden characters shown as `<U+202E>`), then the
 * five characters HTML gives meaning escaped. Nothing from the archive reaches the page as markup.
 */
export function esc(text: string, max?: number): string {
  const flat = oneLine(text);
  return (max === undefined ? flat : truncate(flat, max)).replace(/[&<>"']/g, (char) => ENTITY[char] ?? char);
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
