import type { RequestLogEntry } from '../sandbox/start-sandbox.js';

export interface RequestSummary {
  /** API calls the sandbox received (everything but /oauth/token), 429s included. */
  readonly api: number;
  /** API calls answered 429 (the sandbox rejected them; they did not count against the window). */
  readonly rateLimited: number;
  /** API calls admitted: what the rate limit actually metered. */
  readonly admitted: number;
  readonly tokens: number;
  readonly patches: number;
  readonly lists: number;
}

/** Counts from the sandbox's own request log, so no client can flatter its figures. */
export function summarizeRequests(log: readonly RequestLogEntry[]): RequestSummary {
  const api = log.filter((entry) => entry.route !== 'token');
  const rateLimited = api.filter((entry) => entry.status === 429).length;
  return {
    api: api.length,
    rateLimited,
    admitted: api.length - rateLimited,
    tokens: log.length - api.length,
    patches: api.filter((entry) => entry.route === 'patch').length,
    lists: api.filter((entry) => entry.route === 'list').length,
  };
}
