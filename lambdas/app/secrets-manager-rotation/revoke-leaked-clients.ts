import { CURRENT, PREVIOUS, type SecretDescription } from '../../core/model/secret-versions.js';
import type { Door } from '../door/door.js';
import type { RevokedClient, SecretRotationDeps } from './secret-rotation-deps.js';

/**
 * The leak response's second half, at finishSecret, once the successor is AWSCURRENT: the client
 * the secret held before (its secret may be out) and any older predecessor still around are
 * disabled, not deleted, through the door with reason `revoke`; the normal lifecycle deletes them
 * later. Who they are is read from the stages after the move (AWSCURRENT's `previousClientId`,
 * AWSPREVIOUS's `previousClientId`), so a retried finishSecret revokes the same clients again
 * (a disable is idempotent). A disable that fails throws after every client was tried: the step
 * fails, Secrets Manager retries it, and the alarm fires.
 */
export async function revokeLeakedClients(secret: SecretDescription, deps: Pick<SecretRotationDeps, 'managedSecrets'>, door: Door): Promise<RevokedClient[]> {
  const current = await deps.managedSecrets.readStage(secret.arn, CURRENT);
  const leaked = current?.previousClientId;
  if (!current || !leaked || leaked === current.clientId) return [];
  const previous = await deps.managedSecrets.readStage(secret.arn, PREVIOUS);
  const older = previous?.clientId === leaked ? previous.previousClientId : null;
  const targets: { clientId: string; role: RevokedClient['role'] }[] = [{ clientId: leaked, role: 'leaked' }];
  if (older && older !== leaked && older !== current.clientId) targets.push({ clientId: older, role: 'older predecessor' });

  const revoked: RevokedClient[] = [];
  for (const { clientId, role } of targets) {
    const result = await door.pass({
      credential: 'oauth-client',
      operation: 'disable',
      id: clientId,
      name: '',
      reason: 'revoke',
      because: `leak response: secret ${secret.name} was rotated at once (revoke); ${role === 'leaked' ? 'the client it held' : 'an older predecessor'}, replaced by ${current.clientId}`,
    });
    revoked.push({ clientId, role, outcome: result.outcome, detail: result.detail ?? result.error?.message });
  }
  const failed = revoked.filter((client) => client.outcome === 'failed' || client.outcome === 'not-attempted' || client.outcome === 'planned');
  if (failed.length > 0) {
    const which = failed.map((client) => `${client.clientId} (${client.detail ?? client.outcome})`).join(', ');
    throw new Error(`finishSecret: ${current.clientId} is AWSCURRENT, but revoking ${which} failed; disable it in ISC by hand or let Secrets Manager retry finishSecret`);
  }
  return revoked;
}

/** `revoked: client a (leaked) disabled, client b (older predecessor) already gone` */
export function describeRevoked(revoked: readonly RevokedClient[]): string {
  if (revoked.length === 0) return 'revoked: nothing (the secret names no earlier client)';
  const words = (client: RevokedClient) => (client.outcome === 'done' ? 'disabled' : (client.detail ?? client.outcome));
  return `revoked: ${revoked.map((client) => `client ${client.clientId} (${client.role}) ${words(client)}`).join(', ')}`;
}
