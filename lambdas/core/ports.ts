import type { IscFilter } from '../adapters/isc/filters.js';
import type {
  CreateOAuthClientRequest,
  CreatedOAuthClient,
  JsonPatchOperation,
  OAuthClient,
} from '../adapters/isc/oauth-client-schemas.js';
import type { RunReport } from './report/run-report.js';

/**
 * Ports: the interfaces the orchestrator needs from the outside world. The core owns them;
 * adapters (lambdas/isc, lambdas/aws) implement them; tests pass fakes.
 */

/** `deleted`: ISC answered 204. `already-gone`: ISC answered 404, which for a delete means done. */
export type DeleteResult = 'deleted' | 'already-gone';

export interface OAuthClientsApi {
  list(filter?: IscFilter): Promise<OAuthClient[]>;
  get(id: string): Promise<OAuthClient>;
  create(request: CreateOAuthClientRequest): Promise<CreatedOAuthClient>;
  patch(id: string, operations: readonly JsonPatchOperation[]): Promise<OAuthClient>;
  /** `patch(id, [{ op: 'replace', path: '/enabled', value: false }])`, retried as idempotent. */
  disable(id: string): Promise<OAuthClient>;
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
