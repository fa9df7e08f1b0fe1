import type { OAuthClientsApi } from '../../core/ports.js';
import type { Executor } from './executor.js';

/** Disabling is the undoable first phase: one PATCH, safe to retry. */
export function disableClient(api: OAuthClientsApi): Executor {
  return async (action) => {
    await api.disable(action.clientId);
    return { outcome: 'done' };
  };
}
