import { truncate } from '../text.js';

/**
 * Step Functions keeps every state's input and output, and the Map's collected results, in the
 * execution's state: 256 KB at most, or the execution fails and the night is never summarized.
 * The tenants' results are the only part that grows with the fleet, so they get a budget that
 * leaves room for the rest (the counts, the invalid entries) below the limit.
 */
export const FLEET_RESULTS_BUDGET_BYTES = 170_000;

/** The longest reason a tenant's result carries into the state: its report holds the whole text. */
export const MAX_REASON_CHARS = 200;

/** What a result costs besides its tenant's name and reason: `{"tenant":"","outcome":"deferred","reason":"","runDay":"YYYY-MM-DD"}` and the comma. */
const RESULT_OVERHEAD_BYTES = 80;

/**
 * How many characters of reason each of this tick's results may carry so that all of them fit
 * the budget: MAX_REASON_CHARS on an ordinary night, fewer when a thousand long-named tenants
 * are due at once (and none at all before the names alone would outgrow it).
 */
export function reasonCharsFor(tenants: readonly string[]): number {
  if (tenants.length === 0) return MAX_REASON_CHARS;
  const fixed = tenants.reduce((sum, name) => sum + utf8Length(name) + RESULT_OVERHEAD_BYTES, 0);
  const share = Math.floor((FLEET_RESULTS_BUDGET_BYTES - fixed) / tenants.length);
  return Math.max(0, Math.min(MAX_REASON_CHARS, share));
}

/**
 * `reason` cut to at most `maxBytes` bytes as the state stores it (JSON-escaped UTF-8), so a
 * reason full of accents, emoji or control characters costs no more than a plain one.
 */
export function fitReason(reason: string, maxBytes: number): string {
  if (jsonLength(reason) <= maxBytes) return reason;
  if (maxBytes < 4) return '';
  let chars = Math.min(reason.length, maxBytes);
  let fitted = truncate(reason, chars);
  // Each step drops at least one character, and a cut at 3 characters or fewer is the bare ellipsis.
  while (jsonLength(fitted) > maxBytes && chars > 3) {
    chars = Math.max(3, chars - Math.max(1, Math.ceil((jsonLength(fitted) - maxBytes) / 6)));
    fitted = truncate(reason, chars);
  }
  return fitted;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Bytes of `text` inside a JSON document, without its quotes. */
function jsonLength(text: string): number {
  return utf8Length(JSON.stringify(text)) - 2;
}
