import { randomBytes, randomUUID } from 'node:crypto';

/**
 * Issues and checks access tokens. A token is either a PAT's (user context: acts as the PAT's
 * owner, within the PAT's scopes) or a plain API client's (application context: only what the
 * spec's `applicationAuth` allows, i.e. get one client). Tokens are opaque random strings; only
 * this map knows what they mean, so `revokeAll` is simply forgetting them. `clientId` is the id
 * that obtained the token (the PAT's or the client's): the rate limit counts per client_id.
 */
export type TokenSubject =
  | { kind: 'pat'; clientId: string; identityId: string; scope: readonly string[] }
  | { kind: 'client'; clientId: string; scope: readonly string[] };

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

  revokeAll(): void {
    this.#tokens.clear();
  }
}
