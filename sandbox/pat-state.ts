import { CredentialStore } from './credential-store.js';
import type { SandboxPersonalAccessToken } from './sandbox-wire-types.js';

/** The sandbox tenant's personal access tokens; a PAT's secret serves the token endpoint only. */
export class PatState extends CredentialStore<SandboxPersonalAccessToken> {
  /** Insert or replace; without `secret` the one already stored is kept. */
  put(pat: SandboxPersonalAccessToken, secret?: string): void {
    this.store(pat, secret);
  }

  /** The PATs one identity owns. */
  ownedBy(identityId: string): SandboxPersonalAccessToken[] {
    return this.all().filter((pat) => pat.owner.id === identityId);
  }
}
