import { timingSafeEqual } from 'node:crypto';
import type { PatState } from './pat-state.js';
import { jsonReply, mediaType, type Reply, type SandboxRequest } from './sandbox-http.js';
import type { SandboxState } from './sandbox-state.js';
import type { TokenIssuer, TokenSubject } from './token-issuer.js';

export interface TokenDeps {
  state: SandboxState;
  pats: PatState;
  issuer: TokenIssuer;
  now: () => Date;
  tenantId: string;
}

/** The bodies Spring's OAuth2 endpoint (which ISC runs) answers with. */
const invalidClient = (): Reply =>
  jsonReply(401, { error: 'invalid_client', error_description: 'Bad client credentials' });

/**
 * `POST /oauth/token`, client-credentials grant. Parameters come from the query string, an
 * `application/x-www-form-urlencoded` body or a `multipart/form-data` body (what the official
 * SDKs send), the client pair also from HTTP Basic. A PAT of the tenant that has not expired, or
 * an enabled OAuth client, gets a token; either way its `lastUsed` is stamped: that is what
 * `lastUsed` means on ISC (which only updates it once a day; the sandbox does it at once).
 */
export async function handleToken(request: SandboxRequest, deps: TokenDeps): Promise<Reply> {
  const params = new URLSearchParams(request.query);
  const body = await bodyParams(request);
  if (body === undefined) return jsonReply(400, { error: 'invalid_request', error_description: 'Malformed multipart body' });
  for (const [key, value] of body) params.set(key, value);
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
  return jsonReply(200, {
    access_token: token.accessToken,
    token_type: 'bearer',
    expires_in: token.expiresIn,
    scope: subject.scope.join(' '),
    tenant_id: deps.tenantId,
    pod: 'sandbox01-local',
    org: 'sandbox',
    identity_id: subject.kind === 'pat' ? subject.identityId : undefined,
    internal: false,
    strong_auth: false,
    jti: token.jti,
  });
}

/** Form fields of the body; `undefined` for a multipart body that cannot be parsed. */
async function bodyParams(request: SandboxRequest): Promise<[string, string][] | undefined> {
  if (mediaType(request.headers) !== 'multipart/form-data') return [...new URLSearchParams(request.body)];
  try {
    const form = await new Response(request.body, { headers: { 'content-type': request.headers['content-type'] ?? '' } }).formData();
    return [...form].flatMap(([key, value]): [string, string][] => (typeof value === 'string' ? [[key, value]] : []));
  } catch {
    return undefined;
  }
}

function authenticate(clientId: string, secret: string, deps: TokenDeps): TokenSubject | undefined {
  const stamp = deps.now().toISOString();
  const pat = deps.pats.get(clientId);
  if (pat !== undefined) {
    const expired = pat.expirationDate !== null && Date.parse(pat.expirationDate) <= deps.now().getTime();
    if (expired || !sameSecret(secret, deps.pats.secretOf(clientId))) return undefined;
    deps.pats.put({ ...pat, lastUsed: stamp });
    return { kind: 'pat', clientId, identityId: pat.owner.id, scope: pat.scope ?? ['sp:scopes:all'] };
  }
  const client = deps.state.get(clientId);
  if (client === undefined || !client.enabled || !sameSecret(secret, deps.state.secretOf(clientId))) return undefined;
  deps.state.put({ ...client, lastUsed: stamp });
  return { kind: 'client', clientId, scope: client.scope ?? [] };
}

function sameSecret(given: string, expected: string | undefined): boolean {
  if (expected === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
