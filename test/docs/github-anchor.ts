/**
 * The anchor GitHub gives a Markdown heading: lower case, punctuation dropped (letters, digits,
 * `-` and `_` stay), spaces become `-`; inline code and link markup count by their text.
 */
export function githubAnchor(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}
