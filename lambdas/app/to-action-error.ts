import type { ActionError } from '../core/report/run-report.js';
import { isIscApiError } from '../core/isc-api-error.js';
import { errorMessage } from '../core/error-message.js';

/**
 * The part of a failure a report may show: ISC status and tracking id (what SailPoint support asks
 * for) and a message. ISC client errors are already secret-free; anything else keeps only its message.
 */
export function toActionError(error: unknown): ActionError {
  if (isIscApiError(error)) {
    return {
      message: error.message,
      status: error.status,
      ...(error.trackingId ? { trackingId: error.trackingId } : {}),
    };
  }
  return { message: errorMessage(error) };
}
