import { randomHex } from './random-hex.js';
import type { SandboxAuditEvent, SandboxIdentity, SandboxIdentityDocument } from './sandbox-wire-types.js';

export type ApiClientAction = 'API_CLIENT_CREATED' | 'API_CLIENT_DELETED';

/**
 * The audit event ISC records when an API client is created or deleted (type `AUTH`, per the
 * Audit Events Reference): the acting identity's login name as `actor.name`, the client's name as
 * `target.name` and its id in `attributes`.
 */
export function apiClientEvent(action: ApiClientAction, client: { id: string; name: string }, actorName: string, created: string): SandboxAuditEvent {
  const operation = action === 'API_CLIENT_CREATED' ? 'CREATE' : 'DELETE';
  return {
    id: randomHex(16),
    name: action === 'API_CLIENT_CREATED' ? 'Create API Client Passed' : 'Delete API Client Passed',
    created,
    action,
    type: 'AUTH',
    actor: { name: actorName },
    target: { name: client.name },
    attributes: { clientId: client.id, sourceName: 'SailPoint' },
    operation,
    status: 'PASSED',
    technicalName: `API_CLIENT_${operation}_PASSED`,
  };
}

/** The login name ISC shows for an identity: 'Alice Nguyen' -> 'alice.nguyen'. */
export function loginName(identity: SandboxIdentity): string {
  return identity.name.trim().toLowerCase().replace(/\s+/g, '.');
}

/** An active identity's search document, from the sandbox's id and display name. */
export function identityDocument(identity: SandboxIdentity, overrides: Partial<SandboxIdentityDocument> = {}): SandboxIdentityDocument {
  const name = loginName(identity);
  return { id: identity.id, name, displayName: identity.name, email: `${name}@example.com`, inactive: false, attributes: { cloudLifecycleState: 'active' }, ...overrides };
}
