import { foldAccents } from '../../core/text.js';

/** SNS: a Subject is printable ASCII, has no line breaks or control characters, and is short. */
export const SNS_SUBJECT_MAX = 100;

const FALLBACK_SUBJECT = 'ISC OAuth client cleanup report';

/**
 * Make any string a valid SNS Subject. The core already renders a compliant one; this is the
 * last line of defence, because an invalid Subject fails the whole Publish and loses the report.
 * Accents are folded (`é` -> `e`), other non-ASCII becomes `?`, whitespace runs become one space.
 */
export function snsSubject(raw: string): string {
  const ascii = foldAccents(raw)
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  const cut = ascii.slice(0, SNS_SUBJECT_MAX).trimEnd();
  return cut === '' ? FALLBACK_SUBJECT : cut;
}
