import type { SandboxAuditEvent, SandboxIdentityDocument } from './sandbox-wire-types.js';

/**
 * What `POST /v3/search` (and `/search/v1`) reads: the tenant's audit events and identities, in
 * insertion order. Copies in and out, like the credential stores.
 */
export class SearchIndex {
  readonly #events: SandboxAuditEvent[] = [];
  readonly #identities = new Map<string, SandboxIdentityDocument>();

  addEvent(event: SandboxAuditEvent): void {
    this.#events.push(structuredClone(event));
  }

  /** Insert or replace by id. */
  putIdentity(identity: SandboxIdentityDocument): void {
    this.#identities.set(identity.id, structuredClone(identity));
  }

  removeIdentity(id: string): boolean {
    return this.#identities.delete(id);
  }

  events(): SandboxAuditEvent[] {
    return this.#events.map((event) => structuredClone(event));
  }

  identities(): SandboxIdentityDocument[] {
    return [...this.#identities.values()].map((identity) => structuredClone(identity));
  }
}
