/**
 * Text from outside (client names, error messages) flattened to one line: a name containing a
 * line break must not be able to forge extra lines in an emailed report or a subject header.
 */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}

/** `text` shortened to `max` characters, ending in `...` when cut. */
export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 3))}...`;
}
