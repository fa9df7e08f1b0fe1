/**
 * Every secret value this process has seen (the PAT secret, access tokens, secrets of created
 * clients), so that every output can be scrubbed of them by VALUE: a server that echoes the
 * secret in a body, a status text or an error cause leaks nothing. Adapters register what they
 * read or receive; the boundaries (loggers, error rendering, report publishing, the CLI's output
 * streams) redact. Plain data, no I/O: one registry per process (`knownSecrets`).
 */

export const REDACTED = '[redacted]';

/** Shorter values are not secrets ISC issues; scrubbing them would maul ordinary words. */
export const MIN_SECRET_LENGTH = 8;

/** Oldest values are forgotten past this many (a warm Lambda sees a new token every ~12 minutes). */
const MAX_VALUES = 2_000;

/** Object keys whose string values are secrets whatever they hold. */
const SECRET_KEY = /^(client_?secret|secret|access_?token|refresh_?token|token|password|authorization)$/i;

/** Secret-looking JSON members and bearer tokens in free text, for secrets nobody registered. */
const SECRET_MEMBER = /("(?:secret|client_secret|clientSecret|access_token|refresh_token|token)"\s*:\s*)"[^"]*("|$)/gi;
const BEARER = /\bBearer\s+[\w.~+/=-]+/gi;
const PATTERN_HINT = /"|bearer/i;

export class SecretRegistry {
  /** Insertion order (for forgetting the oldest); `#byLength` is what redaction walks. */
  readonly #values = new Set<string>();
  #byLength: string[] = [];

  /** Remember a secret and the forms it takes when URL- or JSON-encoded. Non-strings are ignored. */
  register(value: unknown): void {
    if (typeof value !== 'string' || value.length < MIN_SECRET_LENGTH) return;
    let added = false;
    for (const form of encodedForms(value)) {
      if (this.#values.has(form)) continue;
      this.#values.add(form);
      added = true;
    }
    if (!added) return;
    while (this.#values.size > MAX_VALUES) this.#values.delete(this.#values.values().next().value as string);
    // Longest first: a secret that contains another is replaced whole.
    this.#byLength = [...this.#values].sort((a, b) => b.length - a.length);
  }

  get size(): number {
    return this.#values.size;
  }

  /** `text` with every known secret, secret-looking JSON member and bearer token replaced. */
  redact(text: string): string {
    let out = text;
    for (const value of this.#byLength) if (out.includes(value)) out = out.split(value).join(REDACTED);
    // One scan decides whether the two patterns can match at all: most report strings are plain words.
    if (!PATTERN_HINT.test(out)) return out;
    return out.replace(SECRET_MEMBER, `$1"${REDACTED}$2`).replace(BEARER, `Bearer ${REDACTED}`);
  }

  /**
   * A copy of `value` for output: strings redacted, values under secret-named keys replaced,
   * objects with `toJSON` serialized first (as a logger would). Errors are redacted IN PLACE
   * (message, stack, cause, own fields), so their class, and with it `instanceof`, survives.
   */
  redactDeep<T>(value: T): T {
    return this.#deep(value, new WeakSet()) as T;
  }

  #deep(value: unknown, seen: WeakSet<object>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null || value instanceof Date) return value;
    if (seen.has(value)) return value;
    seen.add(value);
    if (value instanceof Error) return this.#error(value, seen);
    if (Array.isArray(value)) return value.map((item) => this.#deep(item, seen));
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') return this.#deep(toJSON.call(value) as unknown, seen);
    // Other class instances (SDK responses, sockets) are not walked: outputs carry plain data.
    if (!isPlainObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      out[key] = SECRET_KEY.test(key) && typeof item === 'string' ? REDACTED : this.#deep(item, seen);
    }
    return out;
  }

  #error(error: Error, seen: WeakSet<object>): Error {
    const target = error as Error & Record<string, unknown>;
    target.message = this.redact(error.message);
    if (typeof error.stack === 'string') target.stack = this.redact(error.stack);
    if ('cause' in error) target.cause = this.#deep(error.cause, seen);
    for (const [key, item] of Object.entries(error)) {
      if (key === 'cause') continue;
      try {
        target[key] = SECRET_KEY.test(key) && typeof item === 'string' ? REDACTED : this.#deep(item, seen);
      } catch {
        // A getter-only or frozen field: it stays as it was, and the boundary prints only the message.
      }
    }
    return error;
  }
}

function isPlainObject(value: object): boolean {
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** The forms a secret takes in transit: raw, in a URL or form body, inside a JSON string. */
function encodedForms(value: string): string[] {
  const forms = new Set([value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)]);
  return [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH);
}

/** The process's registry: adapters register into it, output boundaries redact with it. */
export const knownSecrets = new SecretRegistry();
