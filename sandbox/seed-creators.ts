import { apiClientEvent, identityDocument, loginName } from './audit-event.js';
import { mulberry32 } from './mulberry32.js';
import type { SandboxAuditEvent, SandboxIdentity, SandboxIdentityDocument, SandboxOAuthClient } from './sandbox-wire-types.js';

export interface SeededCreators {
  identities: SandboxIdentityDocument[];
  events: SandboxAuditEvent[];
}

/**
 * Who created the seeded clients: every client gets an `API_CLIENT_CREATED` event at its
 * `created` time by one of the seeded people (chosen on its own PRNG stream, so the clients do not
 * change). The 4th seeded person has left (lifecycle `inactive`) and the 6th is `terminated`, so
 * a seeded tenant always holds orphans once it has a dozen clients.
 */
export function seedCreators(clients: readonly SandboxOAuthClient[], people: readonly SandboxIdentity[], seed = 1): SeededCreators {
  const random = mulberry32((seed ^ 0x0c3a7095) >>> 0);
  const identities = people.map((person, index) =>
    index === 3 ? identityDocument(person, { inactive: true, attributes: { cloudLifecycleState: 'inactive' } })
    : index === 5 ? identityDocument(person, { inactive: true, attributes: { cloudLifecycleState: 'terminated' } })
    : identityDocument(person),
  );
  const events = people.length === 0 ? [] : clients.map((client) => {
    const creator = people[Math.floor(random() * people.length)] as SandboxIdentity;
    return apiClientEvent('API_CLIENT_CREATED', client, loginName(creator), client.created);
  });
  return { identities, events };
}
