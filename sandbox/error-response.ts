import { jsonReply, type Reply } from './sandbox-http.js';
import { randomHex } from './random-hex.js';

/**
 * The error bodies ISC sends: ErrorResponseDto for 400/403/404/405/415/500/5xx, the bare
 * `{"error": ...}` of the JWT filter for 401, and `{"message": ...}` of the gateway for 429.
 */

const DETAIL_CODES: Record<number, string> = {
  400: '400.1 Bad Request Content',
  403: '403 Forbidden',
  404: '404 Not found',
  405: '405 Method Not Allowed',
  413: '413 Payload Too Large',
  415: '415 Unsupported Media Type',
  500: '500.0 Internal Fault',
  502: '502 Bad Gateway',
  503: '503 Service Unavailable',
  504: '504 Gateway Timeout',
};

export function errorResponse(status: number, text: string): Reply {
  return jsonReply(status, {
    detailCode: DETAIL_CODES[status] ?? `${status} Error`,
    trackingId: randomHex(16),
    messages: [{ locale: 'en-US', localeOrigin: 'DEFAULT', text }],
    causes: [],
  });
}

export function jwtErrorResponse(reason: 'expired' | 'invalid'): Reply {
  return jsonReply(401, { error: `JWT validation failed: JWT is ${reason}` });
}

/** `retryAfter` is the header value already formatted; omitted means no header at all. */
export function rateLimitResponse(retryAfter?: string): Reply {
  return jsonReply(429, { message: ' Rate Limit Exceeded ' }, retryAfter === undefined ? {} : { 'retry-after': retryAfter });
}

/** A gateway-style answer for any status: what a fault with that status sends. */
export function statusResponse(status: number, retryAfterSeconds?: number): Reply {
  if (status === 401) return jwtErrorResponse('invalid');
  if (status === 429) return rateLimitResponse(retryAfterSeconds === undefined ? undefined : String(retryAfterSeconds));
  return errorResponse(status, status >= 500 ? 'An internal fault occurred.' : `Injected ${status} response.`);
}
