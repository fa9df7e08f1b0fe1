import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIscClient, type IscClient } from '../../lambdas/adapters/isc/create-isc-client.js';
import { oauthClientSchema, PATCHABLE_FIELDS } from '../../lambdas/adapters/isc/oauth-client-schemas.js';
import { creatableRequestOf } from '../../lambdas/app/in-run-rotation/creatable-request-of.js';
import { isConfigError } from '../../lambdas/core/config-error.js';
import type { OAuthClientRequest } from '../../lambdas/core/model/oauth-client.js';
import type { PersonalAccessTokenRequest } from '../../lambdas/core/model/personal-access-token.js';
import type { ListFilter } from '../../lambdas/core/ports.js';
import { loadSpec } from '../../sandbox/spec/load-spec.js';
import { openEnums } from '../../sandbox/spec/open-enums.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import { SPEC_VERSIONS, type JsonSchema, type OperationName, type SpecVersion } from '../../sandbox/spec/spec-types.js';
import type { JsonPatchOperation } from '../../lambdas/adapters/isc/oauth-client-schemas.js';
import { arbitraryFromSchema } from './arbitrary-from-schema.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';

/**
 * Contract property (b): every request the ISC client sends is one the vendored spec documents:
 * an operation of the client's API version at that path and method, the content type the spec
 * names, only the query parameters it declares, and a body its request schema accepts (ajv,
 * enums closed). The inputs are generated from the spec's own schemas: create requests as the
 * spec allows them (plus the nulls a caller means as "not set"), successors of any client a GET
 * may return (unknown enum values included), JSON Patches, PAT create requests per version. An
 * input the client cannot send validly must be refused before anything is sent.
 */
const CASES = 1_000;
const spec = loadSpec();
const validator = new SpecValidator();
const OPTIONS = {
  dates: { min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z') },
  words: ['ci-deploy', 'payroll-export', 'sp:scopes:all', 'idn:sources:read', ''],
};
/** What a well-behaved caller passes: the other half of the generated create requests. */
const REALISTIC = {
  ...OPTIONS,
  values: {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    accessTokenValiditySeconds: fc.integer({ min: 15, max: 43_200 }),
    refreshTokenValiditySeconds: fc.integer({ min: 1, max: 1_000_000 }),
    grantTypes: fc.subarray(['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE', 'REFRESH_TOKEN'], { minLength: 1 }),
    expirationDate: fc.date({ min: new Date(Date.now() + 86_400_000), max: new Date(Date.now() + 100 * 86_400_000) }).map((date) => date.toISOString()),
  },
};

function requestBodySchema(version: SpecVersion, operation: OperationName): JsonSchema {
  const schema = spec.operation(version, operation).requestBody?.schema;
  if (schema === undefined) throw new Error(`${version} ${operation} takes no body`);
  return schema;
}

/** A body as the spec allows it, sometimes realistic, with some optional keys set to null ("not set"). */
function inputArb(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const optional = Object.keys(schema.properties ?? {}).filter((name) => !(schema.required ?? []).includes(name));
  return fc
    .tuple(fc.oneof(arbitraryFromSchema(schema, OPTIONS), arbitraryFromSchema(schema, REALISTIC)), fc.subarray(optional, { maxLength: 3 }))
    .map(([body, nulled]) => ({ ...(body as Record<string, unknown>), ...Object.fromEntries(nulled.map((name) => [name, null])) }));
}

type Call =
  | { kind: 'create'; request: Record<string, unknown> }
  | { kind: 'successor'; client: unknown }
  | { kind: 'patch'; id: string; operations: unknown }
  | { kind: 'disable' | 'get' | 'delete'; id: string }
  | { kind: 'list'; filter: ListFilter | undefined }
  | { kind: 'pat-create'; request: Record<string, unknown> }
  | { kind: 'pat-list'; ownerId: string | undefined; filter: ListFilter | undefined }
  | { kind: 'pat-delete'; id: string };

const idArb = fc.oneof(fc.stringMatching(/^[0-9a-f]{32}$/), fc.string({ minLength: 1, maxLength: 20 }));
const filterArb: fc.Arbitrary<ListFilter | undefined> = fc.option(
  fc.oneof(fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => ({ lastUsedLe: date })), fc.constant({ lastUsedIsNull: true as const })),
  { nil: undefined },
);

/**
 * A JSON Patch: as the spec's schema allows it (mostly ops and paths ISC does not take on a
 * client), or one op on a patchable field with a value the client schema allows.
 */
function patchArb(version: SpecVersion, client: JsonSchema): fc.Arbitrary<unknown> {
  const properties = client.properties ?? {};
  const fields = PATCHABLE_FIELDS.filter((field) => properties[field] !== undefined);
  const onePatch = fc
    .constantFrom(...fields)
    .chain((field) => fc.tuple(fc.constant(field), arbitraryFromSchema(properties[field] ?? {}, REALISTIC), fc.constantFrom('replace', 'add', 'remove')))
    .map(([field, value, op]) => [op === 'remove' ? { op, path: `/${field}` } : { op, path: `/${field}`, value }]);
  return fc.oneof(onePatch, arbitraryFromSchema(requestBodySchema(version, 'patchOauthClient'), OPTIONS));
}

function callArb(version: SpecVersion): fc.Arbitrary<Call> {
  const client = spec.operation(version, 'getOauthClient').responses['200']?.schema ?? {};
  // Any client a GET may return, unknown enum values included, or one as a well-behaved tenant holds it.
  const listed = fc.oneof(arbitraryFromSchema(openEnums(client), { ...OPTIONS, values: { id: idArb } }), arbitraryFromSchema(client, { ...REALISTIC, values: { ...REALISTIC.values, id: idArb } }));
  return fc.oneof(
    { weight: 4, arbitrary: inputArb(requestBodySchema(version, 'createOauthClient')).map((request): Call => ({ kind: 'create', request })) },
    { weight: 3, arbitrary: listed.map((wire): Call => ({ kind: 'successor', client: wire })) },
    { weight: 2, arbitrary: fc.tuple(idArb, patchArb(version, client)).map(([id, operations]): Call => ({ kind: 'patch', id, operations })) },
    { weight: 2, arbitrary: fc.tuple(fc.constantFrom('disable' as const, 'get' as const, 'delete' as const), idArb).map(([kind, id]): Call => ({ kind, id })) },
    { weight: 1, arbitrary: filterArb.map((filter): Call => ({ kind: 'list', filter })) },
    { weight: 3, arbitrary: inputArb(requestBodySchema(version, 'createPersonalAccessToken')).map((request): Call => ({ kind: 'pat-create', request })) },
    { weight: 1, arbitrary: fc.tuple(fc.option(fc.oneof(fc.constant('me'), idArb), { nil: undefined }), filterArb).map(([ownerId, filter]): Call => ({ kind: 'pat-list', ownerId, filter })) },
    { weight: 1, arbitrary: idArb.map((id): Call => ({ kind: 'pat-delete', id })) },
  );
}

const caseArb = fc.constantFrom(...SPEC_VERSIONS).chain((version) => fc.record({ version: fc.constant(version), call: callArb(version) }));

/** The operation each call must reach. */
const EXPECTED: Record<Call['kind'], OperationName> = {
  create: 'createOauthClient',
  successor: 'createOauthClient',
  patch: 'patchOauthClient',
  disable: 'patchOauthClient',
  get: 'getOauthClient',
  delete: 'deleteOauthClient',
  list: 'listOauthClients',
  'pat-create': 'createPersonalAccessToken',
  'pat-list': 'listPersonalAccessTokens',
  'pat-delete': 'deletePersonalAccessToken',
};

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly contentType: string | undefined;
  readonly body: string;
}

const CLIENT = {
  id: '2c9180835d2e5168015d32f890ca1581',
  businessName: null,
  homepageUrl: null,
  name: 'payroll-export',
  description: null,
  accessTokenValiditySeconds: 750,
  refreshTokenValiditySeconds: 86_400,
  redirectUris: [],
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  type: 'CONFIDENTIAL',
  internal: false,
  enabled: true,
  strongAuthSupported: false,
  claimsSupported: false,
  created: '2026-01-02T03:04:05.678Z',
  modified: '2026-01-02T03:04:05.678Z',
  scope: ['idn:sources:read'],
};
const PAT = { id: 'a1b2c3', name: 'p', scope: null, owner: { type: 'IDENTITY', id: 'owner-1', name: 'Owner' }, created: '2026-01-02T03:04:05.678Z', expirationDate: '2026-06-02T03:04:05.678Z' };

/** Records every request and answers it as ISC would on success: the client's reading is not what is tested here. */
async function startRecorder(): Promise<{ url: string; sent: Sent[]; server: Server }> {
  const sent: Sent[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const [path = '/', query = ''] = (req.url ?? '/').split('?');
      const body = Buffer.concat(chunks).toString('utf8');
      const json = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      if (path === '/oauth/token') return json(200, { access_token: 'recorded-token', token_type: 'bearer', expires_in: 749 });
      sent.push({ method: req.method ?? '', path, query, contentType: req.headers['content-type'], body });
      const pats = path.includes('personal-access-tokens');
      if (req.method === 'DELETE') return res.writeHead(204).end();
      if (req.method === 'GET') return json(200, pats || !/oauth-clients(\/v1)?\/[^/]+$/.test(path) || path === '/oauth-clients/v1' ? [] : CLIENT);
      if (req.method === 'POST') return json(200, pats ? { ...PAT, secret: 'recorded-secret' } : { ...CLIENT, secret: 'recorded-secret' });
      return json(200, CLIENT);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sent, server };
}

async function perform(api: IscClient, call: Call): Promise<unknown> {
  switch (call.kind) {
    case 'create':
      return api.create(call.request as OAuthClientRequest);
    case 'successor': {
      // What rotation sends: the successor of a client exactly as ISC listed it.
      const parsed = oauthClientSchema.safeParse(call.client);
      return parsed.success ? api.create(creatableRequestOf(parsed.data)) : undefined;
    }
    case 'patch':
      return iscRemovalOf(api).clients.patch(call.id, call.operations as JsonPatchOperation[]);
    case 'disable':
      return iscRemovalOf(api).clients.disable(call.id);
    case 'get':
      return api.get(call.id);
    case 'delete':
      return iscRemovalOf(api).clients.delete(call.id);
    case 'list':
      return api.list(call.filter);
    case 'pat-create':
      return api.personalAccessTokens.create(call.request as PersonalAccessTokenRequest);
    case 'pat-list':
      return api.personalAccessTokens.list({ ...(call.ownerId === undefined ? {} : { ownerId: call.ownerId }), ...(call.filter ? { filter: call.filter } : {}) });
    case 'pat-delete':
      return iscRemovalOf(api).pats.delete(call.id);
  }
}

/** Why `request` is not what the spec documents for `operation` of `version`; empty when it is. */
function problemsOf(request: Sent, version: SpecVersion, operation: OperationName): string[] {
  const matched = spec.match(request.method, request.path);
  if (matched === undefined) return [`${request.method} ${request.path} is no operation of the spec`];
  const op = matched.operation;
  if (op.version !== version || op.operation !== operation) return [`${request.method} ${request.path} is ${op.version} ${op.operation}, not ${version} ${operation}`];
  const problems: string[] = [];
  const declared = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
  for (const name of new URLSearchParams(request.query).keys()) if (!declared.has(name)) problems.push(`query parameter ${name} is not declared`);
  if (op.requestBody === undefined) {
    if (request.body !== '') problems.push('a body where the spec takes none');
    return problems;
  }
  if (request.contentType?.split(';')[0] !== op.requestBody.contentType) problems.push(`content type ${request.contentType}, spec: ${op.requestBody.contentType}`);
  const check = validator.request(version, operation, JSON.parse(request.body));
  if (!check.valid) problems.push(...check.errors);
  return problems;
}

describe('every request the ISC client sends, against the vendored OpenAPI spec', () => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  const clients = new Map<SpecVersion, IscClient>();
  beforeAll(async () => {
    recorder = await startRecorder();
    for (const version of SPEC_VERSIONS) {
      clients.set(version, createIscClient({ baseUrl: recorder.url, credentials: { clientId: 'pat', clientSecret: 'pat-secret' }, apiVersion: version, rateLimit: false, retry: { attempts: 1 } }));
    }
  });
  afterAll(async () => {
    recorder.server.closeAllConnections();
    await new Promise((resolve) => recorder.server.close(resolve));
  });

  it(`are valid for the operation they call (${CASES} seeded cases, every version)`, async () => {
    const sentBy = new Map<Call['kind'], number>();
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ version, call }) => {
        const first = recorder.sent.length;
        try {
          await perform(clients.get(version)!, call);
        } catch (error) {
          // Refused before sending (a value the spec or the janitor does not allow): nothing may have gone out.
          if (!isConfigError(error)) throw error;
          refused += 1;
          expect(recorder.sent.length).toBe(first);
          return;
        }
        const requests = recorder.sent.slice(first);
        if (call.kind !== 'successor' || requests.length > 0) expect(requests).toHaveLength(1);
        for (const request of requests) expect(problemsOf(request, version, EXPECTED[call.kind])).toEqual([]);
        if (requests.length > 0) sentBy.set(call.kind, (sentBy.get(call.kind) ?? 0) + 1);
      }),
      { seed: 20_261_203, numRuns: CASES },
    );
    console.log(`request contract: ${CASES} cases, sent ${JSON.stringify(Object.fromEntries(sentBy))}, ${refused} refused before sending`);
    // Not vacuous: every kind of request was really sent, creates and successors many times.
    expect([...sentBy.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const kind of ['create', 'successor', 'pat-create'] as const) expect(sentBy.get(kind)).toBeGreaterThan(50);
  });
});
