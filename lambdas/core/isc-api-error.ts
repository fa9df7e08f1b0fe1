import { knownSecrets } from './known-secrets.js';

/**
 * Errors from the ISC client. They carry the context SailPoint support asks for (status, method,
 * path, detailCode, trackingId) and nothing else: no request headers, no body beyond a short,
 * redacted excerpt, no raw ky/undici error as `cause` (those hold the Authorization header).
 */

/**
 * `http`: ISC answered with an error status. `auth`: ISC rejected the credential (see
 * IscAuthError). `invalid-response`: the body was not the documented JSON (HTML page, truncated
 * JSON, schema mismatch). `network`: connection refused/reset/dropped. `timeout`: no answer in time.
 * `aborted`: the run itself stopped the request (its deadline passed, or it was interrupted).
 */
export type IscApiErrorKind = 'http' | 'auth' | 'invalid-response' | 'network' | 'timeout' | 'aborted' | 'too-large';

export interface IscApiErrorDetails {
  readonly kind: IscApiErrorKind;
  readonly method: string;
  /** Path without host or query, e.g. `/v3/oauth-clients/abc`. */
  readonly path: string;
  /** HTTP status; undefined when no response arrived (network, timeout). */
  readonly status?: number | undefined;
  readonly detailCode?: string | undefined;
  readonly trackingId?: string | undefined;
  readonly messages?: readonly string[] | undefined;
}

export class IscApiError extends Error {
  override readonly name: string = 'IscApiError';
  readonly kind: IscApiErrorKind;
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  readonly detailCode: string | undefined;
  readonly trackingId: string | undefined;
  readonly messages: string[];

  constructor(message: string, details: IscApiErrorDetails) {
    // Status texts, tracking ids and detail codes come from the server as they are: one that
    // echoes a known secret is scrubbed here, once for every ISC error.
    super(knownSecrets.redact(message));
    this.kind = details.kind;
    this.status = details.status;
    this.method = details.method;
    this.path = details.path;
    this.detailCode = redactOptional(details.detailCode);
    this.trackingId = redactOptional(details.trackingId);
    this.messages = (details.messages ?? []).map((text) => knownSecrets.redact(text));
  }

  /** Plain data for logs and reports; `message` is not enumerable on Error, so add it here. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      status: this.status,
      method: this.method,
      path: this.path,
      detailCode: this.detailCode,
      trackingId: this.trackingId,
      messages: this.messages,
    };
  }
}

/**
 * ISC rejected the credential: the token endpoint said 401, or an API call still said 401 with a
 * freshly issued token. Names the client id (never the secret) so an operator knows which
 * credential to fix.
 */
export class IscAuthError extends IscApiError {
  override readonly name: string = 'IscAuthError';
  readonly clientId: string;

  constructor(message: string, details: Omit<IscApiErrorDetails, 'kind'> & { clientId: string }) {
    super(message, { ...details, kind: 'auth' });
    this.clientId = details.clientId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), clientId: this.clientId };
  }
}

function redactOptional(text: string | undefined): string | undefined {
  return text === undefined || text === null ? undefined : knownSecrets.redact(text);
}

export function isIscApiError(error: unknown): error is IscApiError {
  return error instanceof IscApiError;
}

export function isIscAuthError(error: unknown): error is IscAuthError {
  return error instanceof IscAuthError;
}
