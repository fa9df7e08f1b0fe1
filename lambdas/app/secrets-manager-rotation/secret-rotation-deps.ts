import type { ActionOutcome } from '../../core/report/run-report.js';
import type { DoorKey } from '../door/door.js';
import type { IscConnector, IscSession, JanitorSecret, ManagedClientSecret, StagedSecretStore, TenantCredentialsRegistry } from '../../core/ports.js';
import type { RotationStep } from '../../core/model/secret-versions.js';
import type { RunLogger } from '../../core/run-logger.js';
import type { StoreRetry } from '../in-run-rotation/store-retry.js';

/** What the rotation function's steps need; the rotation handler (or the CLI) builds it. */
export interface SecretRotationDeps {
  /** Managed client secrets, by stage. */
  readonly managedSecrets: StagedSecretStore<ManagedClientSecret>;
  /** The janitor's own credentials secrets, by stage (the same Secrets Manager, another value shape). */
  readonly janitorSecrets: StagedSecretStore<JanitorSecret>;
  /** Which secrets hold the janitor's own credentials, per tenant. */
  readonly registry: TenantCredentialsRegistry;
  readonly isc: IscConnector;
  /** The door for a session `isc` opened: the composition root ties each session's destructive half to it. */
  readonly doorKeyFor: (session: IscSession) => DoorKey;
  readonly clock: () => Date;
  readonly logger?: RunLogger | undefined;
  /** Attempts to store a secret, and to take a new credential back. */
  readonly retry: StoreRetry;
  /**
   * How long testSecret gives ISC to accept a credential it just made (a new client or PAT takes
   * a moment to reach the token endpoint): attempts and the first pause, doubled each time.
   */
  readonly propagation: StoreRetry;
}

/** One call of the rotation function. */
export interface RotationStepRequest {
  readonly step: RotationStep;
  readonly secretId: string;
  readonly token: string;
}

/** What a step did, for the log (never a secret). */
export interface RotationStepResult {
  readonly step: RotationStepRequest['step'];
  readonly secret: string;
  /** Which kind of secret it turned out to be; `unknown` when the step ended before it mattered. */
  readonly kind: 'managed-client' | 'janitor-credentials' | 'unknown';
  /** `done`: the step did its work now. `already-done`: a repeated or late call; nothing to do. */
  readonly outcome: 'done' | 'already-done';
  readonly detail: string;
  /** A revoke's finishSecret: the clients it disabled, for the notice that names them. */
  readonly revoked?: readonly RevokedClient[] | undefined;
}

/** One client the leak response disabled (or found gone), for the step's result, its log and the notice. */
export interface RevokedClient {
  readonly clientId: string;
  /** `leaked`: the client AWSCURRENT held when the revoke started; `older predecessor`: the one before it. */
  readonly role: 'leaked' | 'older predecessor';
  readonly outcome: ActionOutcome;
  readonly detail?: string | undefined;
}
