import { ROUTES } from '../../sandbox/resolve-route.js';
import { SELF_IDENTITY, startSandbox, type Sandbox, type SandboxPersonalAccessToken } from '../../sandbox/start-sandbox.js';
import { loadSpec } from '../../sandbox/spec/load-spec.js';
import type { OperationName, SpecVersion } from '../../sandbox/spec/spec-types.js';
import type { Caller, Query, Step, Target } from './sandbox-steps.js';

/** What the sandbox answered to one request, and what was asked. */
export interface Exchange {
  readonly about: { readonly kind: 'operation'; readonly version: SpecVersion; readonly operation: OperationName } | { readonly kind: 'token' } | { readonly kind: 'nowhere' };
  readonly request: { readonly method: string; readonly path: string; readonly body?: unknown };
  readonly status: number;
  readonly contentType: string | null;
  readonly text: string;
}

export interface ContractTenant {
  readonly sb: Sandbox;
  /** Access tokens by caller; `self` is the janitor's PAT. */
  readonly tokens: Record<Caller, string>;
  readonly exchanges: Exchange[];
}

export const CONTRACT_NOW = new Date('2026-03-01T12:00:00.000Z');
const MISSING = '00000000000000000000000000000000';
const CLIENT_SECRET = 'contract-client-secret';
/** Another identity's PAT that may only manage its own tokens: the 403 of the PAT routes. */
const NARROW: SandboxPersonalAccessToken = {
  id: 'aa0000000000000000000000000000aa',
  name: 'own-tokens-only',
  scope: ['sp:my-personal-access-tokens:manage'],
  owner: { type: 'IDENTITY', id: 'bb0000000000000000000000000000bb', name: 'Narrow Scope' },
  created: '2026-02-01T00:00:00.000Z',
  lastUsed: null,
  managed: false,
  accessTokenValiditySeconds: 43200,
  expirationDate: '2026-08-01T00:00:00.000Z',
  userAwareTokenNeverExpires: false,
};
const NARROW_SECRET = 'contract-narrow-secret';

/**
 * A seeded tenant (clients, identities, PATs; unknown enum values on request) with a rate limit
 * small enough to reach (6 per 60 s per client_id and version); each case resets it, so what a
 * case gets is deterministic.
 */
export async function startContractTenant(seed: number, sparse: boolean, unknownEnums: number): Promise<ContractTenant> {
  const sb = await startSandbox({
    now: () => CONTRACT_NOW,
    seed: { count: 8, seed, pats: 12, unknownEnums },
    specSparse: sparse,
    rateLimit: { requests: 6, windowMs: 60_000 },
    pats: [NARROW],
    patSecrets: { [NARROW.id]: NARROW_SECRET },
  });
  const client = sb.state.all().find((c) => !c.internal) ?? sb.state.all()[0];
  if (client !== undefined) sb.state.put({ ...client, enabled: true }, CLIENT_SECRET);
  const exchanges: Exchange[] = [];
  const tenant = { sb, exchanges, tokens: { self: '', narrow: '', client: '' } };
  tenant.tokens.self = await tokenOf(tenant, sb.credentials.clientId, sb.credentials.clientSecret);
  tenant.tokens.narrow = await tokenOf(tenant, NARROW.id, NARROW_SECRET);
  tenant.tokens.client = await tokenOf(tenant, client?.id ?? MISSING, CLIENT_SECRET);
  return tenant;
}

async function tokenOf(tenant: ContractTenant, clientId: string, clientSecret: string): Promise<string> {
  const exchange = await send(tenant, { kind: 'token' }, 'POST', '/oauth/token', { body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }) });
  return (JSON.parse(exchange.text) as { access_token: string }).access_token;
}

export async function runStep(tenant: ContractTenant, step: Step): Promise<void> {
  const { sb } = tenant;
  switch (step.kind) {
    case 'call':
      await call(tenant, step.version, step.operation, { token: tenant.tokens[step.as], target: step.target, query: step.query, body: step.body, contentType: step.contentType });
      return;
    case 'unauthorized':
      await call(tenant, step.version, step.operation, { token: step.token === 'none' ? undefined : 'forged-token', target: { existing: 0 }, query: {} });
      return;
    case 'fault':
      sb.faults.failNext(1, { route: ROUTES[step.operation] }, { kind: 'status', status: step.status, ...(step.status === 429 ? { retryAfterSeconds: 1 } : {}) });
      await call(tenant, step.version, step.operation, { token: tenant.tokens.self, target: { existing: 0 }, query: {} });
      sb.faults.clear();
      return;
    case 'exhaust':
      for (let i = 0; i < 10; i += 1) {
        const exchange = await call(tenant, step.version, 'listOauthClients', { token: tenant.tokens.self, target: 'missing', query: {} });
        if (exchange.status === 429) break;
      }
      sb.resetRateLimits();
      return;
    case 'nowhere':
      await send(tenant, { kind: 'nowhere' }, step.method, step.path, { headers: { authorization: `Bearer ${tenant.tokens.self}` } });
      return;
    case 'token':
      await token(tenant, step);
      return;
  }
}

async function token(tenant: ContractTenant, step: Extract<Step, { kind: 'token' }>): Promise<void> {
  const { sb } = tenant;
  const client = sb.state.all().find((c) => sb.state.secretOf(c.id) === CLIENT_SECRET);
  const [id, secret] =
    step.who === 'self' ? [sb.credentials.clientId, sb.credentials.clientSecret]
    : step.who === 'narrow' ? [NARROW.id, NARROW_SECRET]
    : step.who === 'client' ? [client?.id ?? MISSING, CLIENT_SECRET]
    : [sb.credentials.clientId, 'wrong-secret'];
  const fields: Record<string, string> = { client_id: id, client_secret: secret, ...(step.grant === 'none' ? {} : { grant_type: step.grant }) };
  if (step.style === 'query') {
    await send(tenant, { kind: 'token' }, 'POST', `/oauth/token?${new URLSearchParams(fields).toString()}`, {});
  } else if (step.style === 'basic') {
    const { client_id: _id, client_secret: _secret, ...rest } = fields;
    await send(tenant, { kind: 'token' }, 'POST', '/oauth/token', { headers: { authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}` }, body: new URLSearchParams(rest) });
  } else if (step.style === 'multipart') {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.set(key, value);
    await send(tenant, { kind: 'token' }, 'POST', '/oauth/token', { body: form });
  } else {
    await send(tenant, { kind: 'token' }, 'POST', '/oauth/token', { body: new URLSearchParams(fields) });
  }
}

interface CallOptions {
  token: string | undefined;
  target: Target;
  query: Query;
  body?: unknown;
  contentType?: string | undefined;
}

async function call(tenant: ContractTenant, version: SpecVersion, operation: OperationName, options: CallOptions): Promise<Exchange> {
  const { sb } = tenant;
  const op = loadSpec().operation(version, operation);
  const pats = operation.endsWith('PersonalAccessToken') || operation === 'listPersonalAccessTokens';
  const records: { id: string }[] = pats ? sb.pats.all() : sb.state.all();
  const id = options.target === 'missing' ? MISSING : (records[options.target.existing % Math.max(records.length, 1)]?.id ?? MISSING);
  const query = new URLSearchParams();
  if (operation.startsWith('list') && options.query.filters !== undefined) query.set('filters', options.query.filters);
  if (operation === 'listPersonalAccessTokens' && options.query.ownerId !== undefined) {
    const owners = { me: 'me', 'self-id': SELF_IDENTITY.id, other: sb.identities[1]?.id ?? 'nobody', unknown: 'nobody' } as const;
    query.set('owner-id', owners[options.query.ownerId]);
  }
  const path = op.path.replace('{id}', encodeURIComponent(id)) + (query.size > 0 ? `?${query.toString()}` : '');
  const headers: Record<string, string> = options.token === undefined ? {} : { authorization: `Bearer ${options.token}` };
  const withBody = op.requestBody !== undefined;
  if (withBody) headers['content-type'] = options.contentType ?? op.requestBody?.contentType ?? 'application/json';
  return send(tenant, { kind: 'operation', version, operation }, op.method, path, {
    headers,
    ...(withBody ? { body: JSON.stringify(options.body ?? null), json: options.body } : {}),
  });
}

async function send(
  tenant: ContractTenant,
  about: Exchange['about'],
  method: string,
  path: string,
  init: { headers?: Record<string, string>; body?: string | URLSearchParams | FormData; json?: unknown },
): Promise<Exchange> {
  const response = await fetch(`${tenant.sb.url}${path}`, { method, ...(init.headers ? { headers: init.headers } : {}), ...(init.body === undefined ? {} : { body: init.body }) });
  const exchange: Exchange = {
    about,
    request: { method, path, ...(init.json === undefined ? {} : { body: init.json }) },
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
  };
  tenant.exchanges.push(exchange);
  return exchange;
}
