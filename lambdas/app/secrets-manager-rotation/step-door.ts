import { CURRENT, PENDING, PREVIOUS, type SecretDescription } from '../../core/model/secret-versions.js';
import type { IscSession, StagedSecretStore } from '../../core/ports.js';
import type { Door } from '../door/door.js';
import { standaloneDoorRun } from '../door/standalone-door-run.js';
import type { SecretRotationDeps } from './secret-rotation-deps.js';

/**
 * The door a rotation step acts through, on the session it acts with. A left-over it finds must
 * not be referred to by any stage of the secret being rotated; a roll-back is judged without the
 * stages (AWSPENDING names the very successor the step takes back, on purpose).
 */
export function stepDoor(session: IscSession, deps: SecretRotationDeps, secret?: { readonly store: StagedSecretStore<{ readonly clientId: string }>; readonly description: SecretDescription }): Door {
  return deps.doorKeyFor(session).open(
    standaloneDoorRun({
      clock: deps.clock,
      read: { clients: session.clients, pats: session.personalAccessTokens },
      logger: deps.logger,
      ...(secret
        ? {
            heldBySecrets: async (request) => {
              if (request.reason !== 'left-over') return new Set<string>();
              const ids = new Set<string>();
              for (const stage of [CURRENT, PENDING, PREVIOUS] as const) {
                const value = await secret.store.readStage(secret.description.arn, stage);
                if (value) ids.add(value.clientId);
              }
              return ids;
            },
          }
        : {}),
    }),
  );
}
