/* eslint-disable no-control-regex -- finding control characters is the point of these patterns */

/**
 * Terminal escape sequences, in their 7-bit (ESC ...) and 8-bit (C1) forms: CSI (`ESC [ 31 m`,
 * colours, cursor moves, screen clears), string commands (OSC `ESC ] 0 ; title BEL`, DCS, SOS, PM,
 * APC) up to their terminator or the end of the line, and two-character escapes (`ESC c`).
 */
const TERMINAL_SEQUENCE =
  /(?:\u001b\[|\u009b)[\u0030-\u003f]*[\u0020-\u002f]*[\u0040-\u007e]?|(?:\u001b[\]PX^_]|[\u0090\u0098\u009d-\u009f])[^\u0007\u001b\u009c\n]*(?:\u0007|\u001b\\|\u009c)?|\u001b[\u0020-\u002f]*[\u0030-\u007e]?/g;

/** C0 and C1 control characters, except tab and line feed (which multi-line output keeps). */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]+/g;

/**
 * Characters that change how text looks without showing themselves: every Unicode format
 * character (category Cf: bidi controls U+202A-U+202E and U+2066-U+2069, zero-width U+200B-U+200D,
 * U+2060, U+FEFF, soft hyphen, tag characters, ...) and the line and paragraph separators.
 */
const HIDDEN = /[\p{Cf}\u2028\u2029]/gu;

/** `<U+202E>`: a hidden character written so a person sees it. */
function visible(char: string): string {
  return `<U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Text from outside (client names, tracking ids, tenant labels, error bodies) made safe to show on
 * a terminal, in a log or in an email: terminal escape sequences removed, other control
 * characters turned into spaces (tab and line feed kept), and every invisible format character
 * shown as `<U+XXXX>`. `payroll\u200b-export` cannot pass for `payroll-export`, and U+202E
 * cannot reverse the columns after it. Used at every boundary where text leaves for a person.
 */
export function safeText(text: string): string {
  return text.replace(TERMINAL_SEQUENCE, '').replace(CONTROL, ' ').replace(HIDDEN, visible);
}

/** The hidden characters in `text`, each once, as `<U+XXXX>`: empty when there are none. */
export function hiddenCharacters(text: string): string[] {
  if (!ANY_HIDDEN.test(text)) return [];
  const found = new Set<string>();
  for (const match of text.matchAll(HIDDEN)) found.add(visible(match[0]));
  for (const match of text.matchAll(LINE_OR_CONTROL)) for (const char of match[0]) found.add(visible(char));
  return [...found];
}

/**
 * Text from outside flattened to one safe line (see safeText): a name containing a line break
 * must not be able to forge extra lines in an emailed report or a subject header.
 */
export function oneLine(text: string): string {
  return text.replace(TERMINAL_SEQUENCE, '').replace(LINE_OR_CONTROL, ' ').replace(HIDDEN, visible).trim();
}

const LINE_OR_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;
const ANY_HIDDEN = /[\p{Cf}\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

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
