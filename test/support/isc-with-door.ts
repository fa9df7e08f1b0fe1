import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';
import type { OAuthClientsApi } from '../../lambdas/core/ports.js';

/** `api` and the door made from its destructive half, as a composition root wires them. */
export function iscWithDoor<Api extends OAuthClientsApi>(api: Api): { readonly api: Api; readonly door: ReturnType<typeof doorKeyOf> } {
  return { api, door: doorKeyOf(iscRemovalOf(api)) };
}
