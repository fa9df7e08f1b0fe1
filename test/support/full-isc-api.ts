import type { IscClient } from '../../lambdas/adapters/isc/index.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';
import { doorKeyOf, type DoorKey } from '../../lambdas/app/door/door.js';
import type { CredentialRemoval } from '../../lambdas/core/credential-removal.js';
import type { OAuthClientsApi } from '../../lambdas/core/ports.js';

/** An ISC client with its destructive half beside the reads, for tests that wrap every call. */
export type FullIscApi = OAuthClientsApi & CredentialRemoval['clients'];

export function fullIscApi(client: IscClient): FullIscApi {
  const removal = iscRemovalOf(client);
  return {
    list: (filter) => client.list(filter),
    get: (id) => client.get(id),
    create: (request) => client.create(request),
    disable: (id) => removal.clients.disable(id),
    delete: (id) => removal.clients.delete(id),
  };
}

/** The door over a (wrapped) FullIscApi; token deletions go to `pats` (default: refused). */
export function doorOver(api: Pick<FullIscApi, 'disable' | 'delete'>, pats?: CredentialRemoval['pats']): DoorKey {
  return doorKeyOf({
    clients: { disable: (id) => api.disable(id), delete: (id) => api.delete(id) },
    pats: pats ?? { delete: () => Promise.reject(new Error('no token deletion in this test')) },
  });
}
