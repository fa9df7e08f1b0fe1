import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Issues and checks access tokens. A token is either the PAT's (user context: may do
 * everything) or a plain API client's (may only `get`, as on ISC). Tokens are opaque random
 * strings; only this map knows what they mean, so `revokeAll` is simply forgetting them.
 */
export type TokenSubject = { kind: 'pat' } | { kind: 'client'; clientId: string };

export interface IssuedToken {
  accessToken: string;
  expiresIn: number;
  jti: string;
}

export type TokenCheck =
  | { ok: true; subject: TokenSubject }
  | { ok: false; reason: 'expired' | 'invalid' };

interface TokenRecord {
  subject: TokenSubject;
  expiresAt: number;
}

export class TokenIssuer {
  readonly #tokens = new Map<string, TokenRecord>();

  constructor(
    private readonly now: () => Date,
    private readonly ttlSeconds: number,
  ) {}

  issue(subject: TokenSubject): IssuedToken {
    const accessToken = randomBytes(48).toString('base64url');
    this.#tokens.set(accessToken, { subject, expiresAt: this.now().getTime() + this.ttlSeconds * 1000 });
    return { accessToken, expiresIn: this.ttlSeconds, jti: randomUUID() };
  }

  /** Checks an `Authorization` header value ('Bearer <token>'). */
  check(authorization: string | undefined): TokenCheck {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const record = match?.[1] === undefined ? undefined : this.#tokens.get(match[1]);
    if (record === undefined) return { ok: false, reason: 'invalid' };
    if (this.now().getTime() >= record.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, subject: record.subject };
  }

  /** The bearer token itself, for per-token rate limiting. */
  static tokenOf(authorization: string | undefined): string {
    return /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1] ?? '';
  }

  revokeAll(): void {
    this.#tokens.clear();
  }
}
