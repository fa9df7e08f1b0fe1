import { timingSafeEqual } from 'node:crypto';
import type { SandboxCredentials } from './sandbox-types.js';
import type { SandboxState } from './sandbox-state.js';
import type { TokenIssuer, TokenSubject } from './token-issuer.js';
import { jsonReply, type Reply, type SandboxRequest } from './sandbox-http.js';

export interface TokenDeps {
  credentials: () => SandboxCredentials;
  state: SandboxState;
  issuer: TokenIssuer;
  now: () => Date;
  tenantId: string;
}

/** The bodies Spring's OAuth2 endpoint (which ISC runs) answers with. */
const invalidClient = (): Reply =>
  jsonReply(401, { error: 'invalid_client', error_description: 'Bad client credentials' });

/**
 * `POST /oauth/token`, client-credentials grant. Parameters come from the form body or the
 * query string (ISC accepts both), the client pair also from HTTP Basic. Besides the PAT, an
 * enabled OAuth client of the tenant may get a token, which stamps its `lastUsed`: that is what
 * `lastUsed` means on ISC (which only updates it once a day; the sandbox does it at once).
 */
export function handleToken(request: SandboxRequest, deps: TokenDeps): Reply {
  const params = new URLSearchParams(request.query);
  for (const [key, value] of new URLSearchParams(request.body)) params.set(key, value);
  const basic = /^Basic\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
  if (basic !== undefined) {
    const [id, ...rest] = Buffer.from(basic, 'base64').toString('utf8').split(':');
    params.set('client_id', id ?? '');
    params.set('client_secret', rest.join(':'));
  }
  const grantType = params.get('grant_type');
  if (grantType === null) return jsonReply(400, { error: 'invalid_request', error_description: 'Missing grant type' });
  if (grantType !== 'client_credentials') {
    return jsonReply(400, { error: 'unsupported_grant_type', error_description: `Unsupported grant type: ${grantType}` });
  }
  const subject = authenticate(params.get('client_id') ?? '', params.get('client_secret') ?? '', deps);
  if (subject === undefined) return invalidClient();
  const token = deps.issuer.issue(subject);
  const scope = subject.kind === 'pat' ? 'sp:scopes:all' : (deps.state.get(subject.clientId)?.scope ?? []).join(' ');
  return jsonReply(200, {
    access_token: token.accessToken,
    token_type: 'bearer',
    expires_in: token.expiresIn,
    scope,
    tenant_id: deps.tenantId,
    pod: 'sandbox01-local',
    org: 'sandbox',
    identity_id: subject.kind === 'pat' ? 'sandbox-identity' : undefined,
    internal: false,
    strong_auth: false,
    jti: token.jti,
  });
}

function authenticate(clientId: string, secret: string, deps: TokenDeps): TokenSubject | undefined {
  const pat = deps.credentials();
  if (clientId === pat.clientId) return sameSecret(secret, pat.clientSecret) ? { kind: 'pat' } : undefined;
  const client = deps.state.get(clientId);
  const stored = deps.state.secretOf(clientId);
  if (client === undefined || stored === undefined || !client.enabled || !sameSecret(secret, stored)) return undefined;
  deps.state.put({ ...client, lastUsed: deps.now().toISOString() });
  return { kind: 'client', clientId };
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
