import { createRequestLimiter, type RequestLimiter } from './request-limiter.js';

/** What ISC counts a request against: the tenant, the credential that got the token, the API version. */
export interface PacingKey {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly apiVersion: string;
}

export interface PacingSettings {
  readonly requests: number;
  readonly windowMs: number;
}

/**
 * ISC's rate limit is per `client_id` and API version (100 requests per 10 s): every request
 * made with one credential on one version spends the same budget, and another credential or
 * another version has a budget of its own. So the pacer is picked per (tenant, client id,
 * version), for the whole process: two ISC clients of this process with the same credential and
 * version wait for each other as ISC would make them, while a client that switches credential
 * (a rotated PAT) or a second version does not wait on a budget that is not its own.
 * Clients that pace with different settings keep separate pacers: each honours its own.
 */
const budgets = new Map<string, RequestLimiter>();

/** A process holds few credentials; past this many, the oldest pacer is dropped (it starts over if used again). */
const BUDGETS_KEPT = 1_000;

export function pacingBudget(key: PacingKey, settings: PacingSettings): RequestLimiter {
  const id = JSON.stringify([key.baseUrl, key.clientId, key.apiVersion, settings.requests, settings.windowMs]);
  let limiter = budgets.get(id);
  if (limiter === undefined) {
    limiter = createRequestLimiter(settings);
    if (budgets.size >= BUDGETS_KEPT) budgets.delete(budgets.keys().next().value as string);
    budgets.set(id, limiter);
  }
  return limiter;
}
