import type { OAuthClient } from '../lambdas/adapters/isc/oauth-client-schemas.js';

interface Entry {
  client: OAuthClient;
  secret: string | undefined;
}

/**
 * The sandbox tenant's OAuth clients, in insertion order (the order list returns them).
 * Everything in and out is a deep copy, so a test holding a client cannot change the server
 * behind its back. Secrets are kept apart from the client: like ISC, the stored client always
 * has `secret: null` and the secret only serves the token endpoint.
 */
export class SandboxState {
  readonly #entries = new Map<string, Entry>();

  all(): OAuthClient[] {
    return [...this.#entries.values()].map((entry) => structuredClone(entry.client));
  }

  get(id: string): OAuthClient | undefined {
    const entry = this.#entries.get(id);
    return entry === undefined ? undefined : structuredClone(entry.client);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** Insert or replace. The secret is `secret`, else `client.secret`, else the one already stored. */
  put(client: OAuthClient, secret?: string): void {
    const previous = this.#entries.get(client.id)?.secret;
    const kept = secret ?? client.secret ?? previous ?? undefined;
    this.#entries.set(client.id, { client: { ...structuredClone(client), secret: null }, secret: kept });
  }

  /** True when a client was removed. */
  remove(id: string): boolean {
    return this.#entries.delete(id);
  }

  /** The token-endpoint secret of a client (tests use it to get a plain client token). */
  secretOf(id: string): string | undefined {
    return this.#entries.get(id)?.secret;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }
}
