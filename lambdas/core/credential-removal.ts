import type { OAuthClient } from './model/oauth-client.js';
import type { DeleteResult } from './ports.js';

/**
 * The destructive half of the ISC port: the calls that remove or weaken a credential. Only the
 * door (lambdas/app/door/) receives it: the composition roots take it from the ISC adapter and
 * hand it to `doorKeyOf`, and `.dependency-cruiser.cjs` (rule `only-the-door-removes`) fails the
 * build if any other module imports this file. Everything else gets the read-and-create ports
 * (`OAuthClientsApi`, `PersonalAccessTokensApi`), which have no delete and no disable.
 */
export interface CredentialRemoval {
  readonly clients: {
    /** PATCH enabled=false; the answer is the client as ISC now holds it. */
    disable(id: string): Promise<OAuthClient>;
    delete(id: string): Promise<DeleteResult>;
  };
  readonly pats: {
    delete(id: string): Promise<DeleteResult>;
  };
}
