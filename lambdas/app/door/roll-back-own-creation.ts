import type { CredentialKind } from '../../core/report/run-report.js';
import type { Door } from './door.js';

/**
 * Delete again, through the door, a credential this process just created and cannot keep (its
 * secret could not be stored, or ISC's answer to the create was lost). Throws when it is not gone
 * afterwards, so callers retry it or name it for a person to delete by hand.
 */
export async function rollBackOwnCreation(
  door: Door,
  credential: { readonly kind: CredentialKind; readonly id: string; readonly name: string; readonly because: string; readonly ownerId?: string },
): Promise<void> {
  const result = await door.pass({
    credential: credential.kind,
    operation: 'delete',
    id: credential.id,
    name: credential.name,
    reason: 'rollback-own-creation',
    because: credential.because,
    ...(credential.ownerId ? { ownerId: credential.ownerId } : {}),
  });
  if (result.outcome === 'done' || (result.outcome === 'skipped' && result.detail === 'already gone')) return;
  throw new Error(`the roll-back of ${credential.id} did not happen (${result.outcome}: ${result.error?.message ?? result.detail ?? 'no detail'})`);
}
