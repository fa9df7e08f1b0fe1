import type { PolicyMode } from '../../model/policy.js';
import type { DoorRequest } from '../../model/door-request.js';

export type DoorModeVerdict = { readonly verdict: 'send' } | { readonly verdict: 'would'; readonly reason: string };

/**
 * Mode: in report mode (a dry run is report mode) no request is sent, for every reason,
 * retirements and roll-backs included; the action is listed as what it would do, and why.
 */
export function checkDoorMode(request: DoorRequest, mode: PolicyMode): DoorModeVerdict {
  if (mode === 'enforce') return { verdict: 'send' };
  return { verdict: 'would', reason: `would ${request.operation} (${request.reason}); report mode, nothing sent` };
}
