import { CredentialStore } from './credential-store.js';
import type { SandboxOAuthClient, SandboxOAuthClientInput } from './sandbox-wire-types.js';

/** The sandbox tenant's OAuth clients. The stored client always has `secret: null`. */
export class SandboxState extends CredentialStore<SandboxOAuthClient> {
  /**
   * Insert or replace. The client is stored as given (see SandboxOAuthClientInput): whoever puts
   * an off-spec client on purpose gets it served as it is; left-out `lastUsed` and `metadata`
   * become null. The secret is `secret`, else `client.secret`, else the one already stored.
   */
  put(client: SandboxOAuthClientInput, secret?: string): void {
    const stored = { ...client, lastUsed: client.lastUsed ?? null, metadata: client.metadata ?? null, secret: null } as SandboxOAuthClient;
    this.store(stored, secret ?? (typeof client.secret === 'string' ? client.secret : undefined));
  }
}
