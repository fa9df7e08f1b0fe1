import { CURRENT, type SecretDescription } from '../../core/model/secret-versions.js';
import { DEFAULT_POLICY } from '../../core/model/policy.js';
import { doorKeyOf, type Door } from '../door/door.js';
import { alwaysMayAct } from '../door/may-still-act.js';
import type { SecretRotationDeps } from './secret-rotation-deps.js';
import { janitorSessionFor } from './tenant-credentials.js';

/**
 * The door a revoke acts through: the janitor's session for the secret's tenant, enforcing (a
 * revoke exists only to act), counted against the default limits, each call logged as evidence.
 */
export async function revokeDoor(secret: SecretDescription, deps: SecretRotationDeps): Promise<Door> {
  const current = await deps.managedSecrets.readStage(secret.arn, CURRENT);
  if (!current) throw new Error(`secret ${secret.name} has no AWSCURRENT value: nothing to revoke`);
  const session = await janitorSessionFor(current.baseUrl, deps);
  const removal = {
    clients: { disable: (id: string) => session.clients.disable(id), delete: (id: string) => session.clients.delete(id) },
    pats: { delete: (id: string) => session.personalAccessTokens.delete(id) },
  };
  return doorKeyOf(removal).open({
    mode: 'enforce',
    clock: deps.clock,
    budget: { limits: DEFAULT_POLICY.limits },
    windowDays: { clients: DEFAULT_POLICY.disableAfterDays, pats: DEFAULT_POLICY.pats.deleteAfterDays },
    mayStillAct: alwaysMayAct,
    read: { clients: session.clients, pats: session.personalAccessTokens },
    evidence: (line) =>
      deps.logger?.info('door action', {
        clientId: line.request.id,
        action: line.request.operation,
        reasonCode: line.request.reason,
        reason: line.request.because,
        outcome: line.result.outcome,
        detail: line.result.detail ?? line.result.error?.message,
        before: line.result.before,
      }),
    logger: deps.logger,
  });
}
