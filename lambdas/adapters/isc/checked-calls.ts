import type { IscResponse } from './decode-response.js';
import { apiErrorFromResponse } from './decode-response.js';
import { IscApiError } from '../../core/isc-api-error.js';
import type { DeleteResult } from '../../core/ports.js';
import type { ApiCall } from './create-api-caller.js';

/** How every API of the ISC client sends a call: paced, retried and re-authenticated. */
export type CallIsc = (call: ApiCall) => Promise<IscResponse>;

/** The response of a call that must succeed; any other status is an IscApiError. */
export async function expectOk(call: CallIsc, c: ApiCall): Promise<IscResponse> {
  const res = await call(c);
  if (res.status < 200 || res.status > 299) throw apiErrorFromResponse(res, c);
  return res;
}

/**
 * A DELETE whose answer is judged strictly, for every credential kind: 204 is `deleted`, ISC's own
 * JSON 404 is `already-gone` (unless an earlier attempt's answer was lost: see below), and a
 * proxy's HTML 404 or a 2xx with a body (a maintenance page) proves nothing.
 */
export async function sendDelete(call: CallIsc, c: ApiCall): Promise<DeleteResult> {
  const res = await call(c);
  // ISC's 404 after an attempt whose answer was lost (a stalled or cut-off response, retried):
  // that attempt most likely did the delete, so it is ours, not someone else's "already gone".
  if (res.status === 404 && !/html/i.test(res.contentType)) return res.afterUnansweredAttempt ? 'deleted' : 'already-gone';
  if (res.status < 200 || res.status > 299) throw apiErrorFromResponse(res, c);
  if (res.status !== 204 && res.text.trim() !== '') {
    throw new IscApiError(`ISC returned an unexpected ${res.status} body for ${c.method} ${c.path}; the delete is not confirmed`, {
      kind: 'invalid-response',
      status: res.status,
      method: c.method,
      path: c.path,
    });
  }
  return 'deleted';
}
