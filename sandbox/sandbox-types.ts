import type { PatState } from './pat-state.js';
import type { SandboxState } from './sandbox-state.js';
import type { SandboxAuditEvent, SandboxIdentity, SandboxIdentityDocument, SandboxOAuthClientInput, SandboxPersonalAccessToken } from './sandbox-wire-types.js';
import type { SearchIndex } from './search-index.js';
import type { SeedOptions } from './seed-tenant.js';
import type { SpecVersion } from './spec/spec-types.js';

/**
 * The public shapes of the local ISC sandbox. `start-sandbox.ts` re-exports all of them, so
 * callers import from there; they live here to keep the server file about wiring only.
 */

/** OAuth clients: list ... delete; personal access tokens: pat-list ... pat-delete. */
export type SandboxRoute = 'token' | 'list' | 'get' | 'create' | 'patch' | 'delete' | 'pat-list' | 'pat-create' | 'pat-patch' | 'pat-delete' | 'search';

export interface SandboxCredentials {
  clientId: string;
  clientSecret: string;
}

export interface SandboxOptions {
  /** Default 0 (ephemeral). The host is always 127.0.0.1. */
  port?: number;
  /**
   * The janitor's PAT: a personal access token of `selfIdentity`, listed like every other PAT
   * (so `owner-id=me` finds it). Default: a random id and secret.
   */
  credentials?: SandboxCredentials;
  /**
   * The rest of the janitor's PAT. Default: named 'isc-oauth-janitor', scope `sp:scopes:all`,
   * created 30 days before the sandbox clock's start, expiring 6 months after creation.
   */
  credentialsPat?: Partial<Omit<SandboxPersonalAccessToken, 'id' | 'owner'>>;
  /** Who owns the janitor's PAT. Default: SELF_IDENTITY ('IAM Automation'). */
  selfIdentity?: SandboxIdentity;
  /**
   * Answer as sparsely as the spec allows: an optional key whose value is null or the spec's
   * default is left out (never-used clients and PATs have no `lastUsed`, GET has no `secret` or
   * `metadata`, PATs no `managed: false`), and keys the response schema does not declare are
   * left out too (a created client has no `lastUsed` or `metadata`). Default false: every key,
   * as the sandbox always answered. Error bodies are never thinned.
   */
  specSparse?: boolean;
  /** Sandbox clock for created/modified/lastUsed stamps, token expiry and log times. Default real time. */
  now?: () => Date;
  /** Default 749, ISC's typical `expires_in`. */
  tokenTtlSeconds?: number;
  /**
   * Per `client_id` (the PAT or client that obtained the token) and API version (`v3`, `v1`, ...),
   * API calls only (not /oauth/token). Default 100 per 10_000 ms; `false` turns it off.
   */
  rateLimit?: { requests: number; windowMs: number } | false;
  /** `Retry-After` format. 'fractional' ("0.043") lets tests use tiny windows. Default 'integer' (ceil seconds). */
  retryAfter?: 'integer' | 'fractional';
  /** Initial clients. A non-null `secret` on one becomes its token-endpoint secret (and is blanked). */
  clients?: SandboxOAuthClientInput[];
  /** Secrets for initial clients by client id (wins over `client.secret`). */
  secrets?: Record<string, string>;
  /** Initial personal access tokens (besides the janitor's), with their secrets by id. */
  pats?: SandboxPersonalAccessToken[];
  patSecrets?: Record<string, string>;
  /**
   * The search `identities` index (by id, winning over generated ones). Every identity of the
   * sandbox (`selfIdentity`, seeded people) gets an active document unless one is given here.
   */
  identityDocuments?: SandboxIdentityDocument[];
  /** Initial audit events of the search `events` index (creating or deleting a client adds one). */
  auditEvents?: SandboxAuditEvent[];
  /**
   * Generate a realistic tenant: clients, identities and their PATs (added after `clients` and
   * `pats`), and who created each client (an `API_CLIENT_CREATED` event; see seedCreators).
   */
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
  /** The API version of an API route (`v3`, `v2026`, `v1`, ...). */
  version?: SpecVersion;
  /** Arrival time, ms on the sandbox clock. */
  at: number;
  /** The fault applied, e.g. 'status:500', 'html', 'truncated', 'drop', 'delay:20', 'stall', 'redirect:307', 'echo-secret', 'error-rate'. */
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
  | { kind: 'delay'; ms: number }
  /**
   * Headers at once, then one byte of body every 50 ms, never finished: only a deadline on the
   * whole response ends it. `processed`: the request takes effect first (its answer stalls).
   */
  | { kind: 'stall'; processed?: boolean }
  /**
   * Not processed: a redirect (307 by default) to `location`, by default this sandbox's own
   * `/redirected{path}`, so a client that followed it shows up in the request log.
   */
  | { kind: 'redirect'; status?: 301 | 302 | 303 | 307 | 308; location?: string }
  /**
   * Not processed: a 500 that echoes what the caller sent, as a careless gateway does: the PAT
   * secret and the Authorization header in the status text, the trackingId and messages[].text.
   */
  | { kind: 'echo-secret' };

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
  /** The tenant's personal access tokens, the janitor's own included. */
  pats: PatState;
  /** What search reads: audit events and identity documents (tests add, change or remove them). */
  search: SearchIndex;
  /** The tenant's identities (PAT owners), `selfIdentity` first. */
  identities: readonly SandboxIdentity[];
  /** The identity that owns the janitor's PAT: what `owner-id=me` means for its tokens. */
  selfIdentity: SandboxIdentity;
  /** POST/PATCH/DELETE on the OAuth clients paths of any version (`/v3/oauth-clients*`, `/oauth-clients/v1*`). */
  mutatingRequests(): RequestLogEntry[];
  /** POST/PATCH/DELETE on the personal access token paths of any version. */
  mutatingPatRequests(): RequestLogEntry[];
  /**
   * "Rotate" the janitor's PAT outside the API: its PAT record now has this id and secret (same
   * owner, name, scope and expiry), so the old pair gets 401 at /oauth/token. Issued tokens stay valid.
   */
  setCredentials(credentials: SandboxCredentials): void;
  /** Switch the sparse answers (see `SandboxOptions.specSparse`) on or off. */
  setSpecSparse(on: boolean): void;
  /** Every issued token becomes invalid (401 JWT validation failed). */
  revokeTokens(): void;
  /**
   * Every rate-limit window starts empty again: for tests that reuse one sandbox for independent
   * runs, which would otherwise inherit each other's budget (it counts per client_id and version).
   */
  resetRateLimits(): void;
  close(): Promise<void>;
}
