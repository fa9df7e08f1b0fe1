interface Entry<T> {
  record: T;
  secret: string | undefined;
}

/**
 * Records of one credential kind (OAuth clients, PATs) in insertion order, the order list returns
 * them, each with its token-endpoint secret kept apart: like ISC, a stored record never carries
 * its secret. Everything in and out is a deep copy, so a test holding a record cannot change the
 * server behind its back.
 */
export class CredentialStore<T extends { id: string }> {
  readonly #entries = new Map<string, Entry<T>>();

  all(): T[] {
    return [...this.#entries.values()].map((entry) => structuredClone(entry.record));
  }

  get(id: string): T | undefined {
    const entry = this.#entries.get(id);
    return entry === undefined ? undefined : structuredClone(entry.record);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** True when a record was removed. */
  remove(id: string): boolean {
    return this.#entries.delete(id);
  }

  /** The token-endpoint secret of a record (tests use it to get a token as that credential). */
  secretOf(id: string): string | undefined {
    return this.#entries.get(id)?.secret;
  }

  get size(): number {
    return this.#entries.size;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Insert or replace; without a new secret, the one already stored is kept. */
  protected store(record: T, secret: string | undefined): void {
    const kept = secret ?? this.#entries.get(record.id)?.secret;
    this.#entries.set(record.id, { record: structuredClone(record), secret: kept });
  }
}
