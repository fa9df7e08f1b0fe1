import type { CreatedOAuthClient, OAuthClient, OAuthClientRequest } from './model/oauth-client.js';
import type { CreatedPersonalAccessToken, PersonalAccessToken, PersonalAccessTokenRequest } from './model/personal-access-token.js';
import type { RunReport } from './report/run-report.js';

/**
 * Ports: the interfaces the orchestrator needs from the outside world. The core owns them;
 * adapters (lambdas/isc, lambdas/aws) implement them; tests pass fakes.
 */

/**
 * `deleted`: ISC answered 204. `already-gone`: ISC answered 404: the client was gone before this
 * DELETE (someone else deleted it), so the run reports it as skipped, not as its own deletion.
 */
export type DeleteResult = 'deleted' | 'already-gone';

/**
 * The only server-side filters ISC supports on credential lists: `lastUsed le <instant>` and
 * `lastUsed isnull`. The core asks for one of these; the adapter spells it in ISC's syntax.
 */
export type ListFilter = { readonly lastUsedLe: Date } | { readonly lastUsedIsNull: true };

export interface OAuthClientsApi {
  list(filter?: ListFilter): Promise<OAuthClient[]>;
  get(id: string): Promise<OAuthClient>;
  create(request: OAuthClientRequest): Promise<CreatedOAuthClient>;
  /** Set `enabled` to false; safe to retry (the same state twice is the same state). */
  disable(id: string): Promise<OAuthClient>;
  delete(id: string): Promise<DeleteResult>;
}

export interface PatListOptions {
  /**
   * One identity's tokens. Omitted: every token of the tenant, which needs the right
   * `idn:all-personal-access-tokens:read` (managed tokens also `idn:managed-personal-access-tokens:read`).
   */
  readonly ownerId?: string;
  readonly filter?: ListFilter;
}

/** Personal access tokens: listed, created, deleted. ISC has no get-by-id and no disable for them. */
export interface PersonalAccessTokensApi {
  list(options?: PatListOptions): Promise<PersonalAccessToken[]>;
  create(request: PersonalAccessTokenRequest): Promise<CreatedPersonalAccessToken>;
  delete(id: string): Promise<DeleteResult>;
}

/** What the janitor stores for a managed (rotated or governed-created) client. */
export interface ManagedClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string;
  /** ISO timestamp of the rotation (or creation) that wrote this value. */
  readonly rotatedAt: string;
  readonly previousClientId: string | null;
}

/** Where managed client secrets live: Secrets Manager in AWS, a 0600 directory locally. */
export interface SecretStore {
  /** The stored value, or undefined when no secret of that name exists. */
  read(name: string): Promise<ManagedClientSecret | undefined>;
  /**
   * Create the secret if absent, else put a new version. `idempotencyToken` (derived from the
   * successor's client id) makes a retried write a no-op. Returns the secret's ARN or path.
   */
  write(
    name: string,
    value: ManagedClientSecret,
    options: { idempotencyToken: string; tags: Readonly<Record<string, string>> },
  ): Promise<{ arn: string }>;
}

/** Sends the finished report to people (SNS email) and machines. */
export interface ReportPublisher {
  publish(report: RunReport): Promise<void>;
}
