import { CURRENT, type SecretDescription } from '../../core/model/secret-versions.js';
import type { Door } from '../door/door.js';
import { stepDoor } from './step-door.js';
import type { SecretRotationDeps } from './secret-rotation-deps.js';
import { janitorSessionFor } from './tenant-credentials.js';

/**
 * The door a revoke acts through: the janitor's session for the secret's tenant, with the
 * session's destructive half the composition root tied to it (doorKeyFor), enforcing (a revoke
 * exists only to act), counted against the default limits, each call logged as evidence.
 */
export async function revokeDoor(secret: SecretDescription, deps: SecretRotationDeps): Promise<Door> {
  const current = await deps.managedSecrets.readStage(secret.arn, CURRENT);
  if (!current) throw new Error(`secret ${secret.name} has no AWSCURRENT value: nothing to revoke`);
  const session = await janitorSessionFor(current.baseUrl, deps);
  return stepDoor(session, deps);
}
