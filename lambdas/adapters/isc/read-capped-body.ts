/** How the cap is named in errors: the setting a person changes to raise it. */
export const MAX_RESPONSE_SETTING = '--max-response-mb / ISC_MAX_RESPONSE_MB';

/** A body over the cap: the request fails, nothing of the body is used. Never retried (it would be as large again). */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';
  constructor(readonly maxBytes: number) {
    super(`the response body is larger than the ${formatSize(maxBytes)} cap per ISC response (${MAX_RESPONSE_SETTING} raises it)`);
  }
}

/** `64 MB`, `0.5 MB`; under 0.01 MB in KB, so a tiny cap never reads as `0 MB`. */
function formatSize(bytes: number): string {
  const mb = Math.round((bytes / 1024 / 1024) * 100) / 100;
  return mb >= 0.01 ? `${mb} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/**
 * The body as text, read as a stream and abandoned as soon as it passes `maxBytes`: a huge or
 * endless body costs at most the cap in memory, not the whole body (as `response.text()` would).
 * A Content-Length over the cap fails before any of it is read.
 */
export async function readCappedBody(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    throw new ResponseTooLargeError(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks.splice(0)) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return new TextDecoder().decode(bytes);
}
