import { ConfigError } from '../../core/config-error.js';
import type { CredentialRemoval } from '../../core/credential-removal.js';
import type { OAuthClient } from '../../core/model/oauth-client.js';
import type { JsonPatchOperation } from './oauth-client-schemas.js';

/**
 * The destructive half of an ISC connection: disable, delete, any JSON Patch, token deletion.
 * It is not on the IscClient the app receives (that has list, get and create only); a
 * composition root takes it with `iscRemovalOf(client)` and hands it to the door (`doorKeyOf`),
 * and `.dependency-cruiser.cjs` lets nothing else in lambdas/ or bin/ import this module.
 */
export interface IscRemoval extends CredentialRemoval {
  readonly clients: CredentialRemoval['clients'] & {
    /** Any JSON Patch ISC allows on a client (the janitor itself only ever disables, through the door). */
    patch(id: string, operations: readonly JsonPatchOperation[]): Promise<OAuthClient>;
  };
}

const removals = new WeakMap<object, IscRemoval>();

/** Called by createIscClient only: ties a client's destructive half to it. */
export function registerIscRemoval(client: object, removal: IscRemoval): void {
  removals.set(client, removal);
}

/** The destructive half of an ISC client (or of an IscSession's `clients`) createIscClient made. */
export function iscRemovalOf(client: object): IscRemoval {
  const removal = removals.get(client);
  if (!removal) throw new ConfigError('iscRemovalOf: not an ISC client made by createIscClient; the door acts only through a real connection');
  return removal;
}
