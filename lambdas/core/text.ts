/**
 * Text from outside (client names, error messages) flattened to one line: a name containing a
 * line break must not be able to forge extra lines in an emailed report or a subject header.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** `text` shortened to at most `max` characters, ending in `ellipsis` when cut. */
export function truncate(text: string, max: number, ellipsis = '...'): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - ellipsis.length))}${ellipsis}`;
}

/** `Société Générale` -> `Societe Generale`: accents dropped, the letters kept. */
export function foldAccents(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}


/**
 * `parts` joined into one string, stored flat.
 *
 * Reasons are kept for every client of a tenant (100,000 at the scale target). V8 keeps a
 * template literal longer than a few characters as a tree of its pieces (a "cons string"),
 * about twice the memory of the same text in one block; `Array.prototype.join` writes one
 * block. Same text either way: only the memory differs.
 */
export function flatText(...parts: readonly (string | number)[]): string {
  return parts.join('');
}

/**
 * A credential's name for people: `(no name)` when ISC gave none or only blanks. Called once per
 * credential of a tenant, so a name starting with a visible ASCII character is returned at once.
 */
export function displayName(name: string | null): string {
  if (name === null) return '(no name)';
  const first = name.charCodeAt(0);
  if (first > 32 && first < 127) return name;
  return name.trim() === '' ? '(no name)' : name;
}

/** `lastUsed "yesterday" is not a date`: the bad value quoted and cut short (it came from outside). */
export function notADate(field: string, value: unknown): string {
  const text = typeof value === 'string' ? value : String(value);
  return `${field} ${JSON.stringify(truncate(text, 43))} is not a date`;
}
