import type { OAuthClientsApi, SecretStore } from '../../core/ports.js';
import type { RunLogger } from '../../core/run-logger.js';
import type { Door } from '../door/door.js';
import type { StoreRetry } from './store-retry.js';

/** What the rotation executors and governed creation need; the composition root builds it. */
export interface RotationDeps {
  readonly api: OAuthClientsApi;
  /** The run's door: removing a left-over, rolling back a successor whose secret was not stored. */
  readonly door: Door;
  readonly store: SecretStore;
  /** The tenant's API base URL, stored beside the secret so consumers know where to use it. */
  readonly baseUrl: string;
  readonly clock: () => Date;
  readonly logger?: RunLogger;
  /** Attempts to store a secret (and to delete a successor whose secret could not be stored). */
  readonly retry: StoreRetry;
  /** Hand a secret the run stored to Secrets Manager rotation every so many days (`rotation.maxAgeDays`). */
  readonly rotationAfterDays?: number;
}

/** What creating a client and storing its secret needs: everything but the store (the slot says where). */
export type ClientCreationDeps = Omit<RotationDeps, 'store'>;
