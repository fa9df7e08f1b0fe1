/** Secrets Manager tag limits: key <= 128, value <= 256, letters, digits, spaces and _.:/=+-@ */
const TAG_KEY_MAX = 128;
const TAG_VALUE_MAX = 256;
const TAG_DISALLOWED = /[^\p{L}\p{Z}\p{N}_.:/=+\-@]/gu;

/**
 * Tags as the SDK wants them, made valid: a client name with an emoji or a quote must not make
 * the whole CreateSecret fail (and with it the rotation). Disallowed characters become `_`.
 */
export function secretTags(tags: Readonly<Record<string, string>>): { Key: string; Value: string }[] {
  return Object.entries(tags).map(([key, value]) => ({
    Key: clean(key, TAG_KEY_MAX),
    Value: clean(value, TAG_VALUE_MAX),
  }));
}

function clean(text: string, max: number): string {
  return [...text.replace(TAG_DISALLOWED, '_')].slice(0, max).join('');
}
