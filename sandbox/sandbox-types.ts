import type { OAuthClient } from '../lambdas/adapters/isc/oauth-client-schemas.js';
import type { SandboxState } from './sandbox-state.js';
import type { SeedOptions } from './seed-tenant.js';

/**
 * The public shapes of the local ISC sandbox. `start-sandbox.ts` re-exports all of them, so
 * callers import from there; they live here to keep the server file about wiring only.
 */

export type SandboxRoute = 'token' | 'list' | 'get' | 'create' | 'patch' | 'delete';

export interface SandboxCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SandboxOptions {
  /** Default 0 (ephemeral). The host is always 127.0.0.1. */
  port?: number;
  /** The janitor's PAT. Default: a random id and secret. */
  credentials?: SandboxCredentials;
  /** Sandbox clock for created/modified/lastUsed stamps, token expiry and log times. Default real time. */
  now?: () => Date;
  /** Default 749, ISC's typical `expires_in`. */
  tokenTtlSeconds?: number;
  /** Per access token, API calls only (not /oauth/token). Default 100 per 10_000 ms; `false` turns it off. */
  rateLimit?: { requests: number; windowMs: number } | false;
  /** `Retry-After` format. 'fractional' ("0.043") lets tests use tiny windows. Default 'integer' (ceil seconds). */
  retryAfter?: 'integer' | 'fractional';
  /** Initial clients. A non-null `secret` on one becomes its token-endpoint secret (and is blanked). */
  clients?: OAuthClient[];
  /** Secrets for initial clients by client id (wins over `client.secret`). */
  secrets?: Record<string, string>;
  /** Generate a realistic tenant (added after `clients`). */
  seed?: SeedOptions;
  latencyMs?: Partial<Record<SandboxRoute | '*', number>>;
}

export interface RequestLogEntry {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Raw query string without '?', as sent (URL-encoded): read it with `new URLSearchParams(query)`. */
  query: string;
  /** Final status; 0 when the socket was dropped (or the client went away). */
  status: number;
  route: SandboxRoute | 'unknown';
  /** Arrival time, ms on the sandbox clock. */
  at: number;
  /** The fault applied, e.g. 'status:500', 'html', 'truncated', 'drop', 'delay:20', 'error-rate'. */
  fault?: string;
}

export type Fault =
  /** ErrorResponseDto body; a 401 gets the JWT error body, a 429 the rate-limit body (+ Retry-After if given). */
  | { kind: 'status'; status: number; retryAfterSeconds?: number }
  /** An HTML page instead of JSON: status 200 by default (a login/maintenance page), or e.g. 502. */
  | { kind: 'html'; status?: number }
  /** The request is processed, then answered 200 with its JSON body cut in half. */
  | { kind: 'truncated' }
  /** Destroy the socket without answering. */
  | { kind: 'drop' }
  /** Wait `ms`, then process normally. */
  | { kind: 'delay'; ms: number };

export interface FaultMatch {
  route?: SandboxRoute;
  method?: string;
}

export interface SandboxFaults {
  /** One-shot faults, consumed in the order they were added by the requests they match. */
  failNext(count: number, match: FaultMatch, fault: Fault): void;
  setLatency(route: SandboxRoute | '*', ms: number): void;
  /** Random 500s with a seeded PRNG (default seed 1); a route's own rate wins over '*'. */
  setErrorRate(route: SandboxRoute | '*', rate: number, seed?: number): void;
  /** List returns everything whatever the filter, like a server that ignores filters. */
  ignoreFilters(on: boolean): void;
  clear(): void;
}

export interface Sandbox {
  /** 'http://127.0.0.1:PORT', without API version. */
  url: string;
  credentials: SandboxCredentials;
  state: SandboxState;
  faults: SandboxFaults;
  /** Every request in arrival order, faulted ones included. */
  requests: readonly RequestLogEntry[];
  /** POST/PATCH/DELETE on /{version}/oauth-clients*. */
  mutatingRequests(): RequestLogEntry[];
  /** "Rotate" the PAT: the old secret now gets 401 at /oauth/token. Issued tokens stay valid. */
  setCredentials(credentials: SandboxCredentials): void;
  /** Every issued token becomes invalid (401 JWT validation failed). */
  revokeTokens(): void;
  close(): Promise<void>;
}
