import fc from 'fast-check';
import { loadSpec } from '../../sandbox/spec/load-spec.js';
import { SPEC_VERSIONS, type OperationName, type SpecVersion } from '../../sandbox/spec/spec-types.js';
import { arbitraryFromSchema } from './arbitrary-from-schema.js';

/**
 * One thing a client of the sandbox does, generated: an API call with a body generated from the
 * spec's request schema (or a patch of one field with a value generated from the response
 * schema), a token request in one of the ways ISC accepts or refuses, a call without a valid
 * token, with a plain API client's token, with a narrow PAT, behind an injected fault, a burst
 * into the rate limit, or a path the API does not have.
 */
export type Caller = 'self' | 'narrow' | 'client';

export type Step =
  | { readonly kind: 'call'; readonly version: SpecVersion; readonly operation: OperationName; readonly as: Caller; readonly target: Target; readonly query: Query; readonly body: unknown; readonly contentType?: string }
  | { readonly kind: 'token'; readonly style: 'form' | 'multipart' | 'query' | 'basic'; readonly who: 'self' | 'client' | 'narrow' | 'wrong-secret'; readonly grant: 'client_credentials' | 'password' | 'none' }
  | { readonly kind: 'unauthorized'; readonly version: SpecVersion; readonly operation: OperationName; readonly token: 'none' | 'forged' }
  | { readonly kind: 'fault'; readonly version: SpecVersion; readonly operation: OperationName; readonly status: 500 | 429 }
  | { readonly kind: 'exhaust'; readonly version: SpecVersion }
  | { readonly kind: 'nowhere'; readonly method: string; readonly path: string };

/** Which record an id-taking call names: one that exists (by index, modulo), or none. */
export type Target = { readonly existing: number } | 'missing';
export interface Query {
  readonly filters?: string;
  readonly ownerId?: 'me' | 'self-id' | 'other' | 'unknown';
}

const NOW_RANGE = { min: new Date('2024-01-01T00:00:00Z'), max: new Date('2027-06-01T00:00:00Z') };
const WORDS = ['ci-deploy-bot', 'payroll-export', 'sp:scopes:all', 'idn:sources:read', 'sp:my-personal-access-tokens:manage', 'a', ''];
const OPTIONS = { dates: NOW_RANGE, words: WORDS };
/** What a well-behaved client sends: the other half of the generated bodies. */
const REALISTIC = {
  ...OPTIONS,
  values: {
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    accessTokenValiditySeconds: fc.integer({ min: 15, max: 43200 }),
    refreshTokenValiditySeconds: fc.integer({ min: 1, max: 1_000_000 }),
    grantTypes: fc.subarray(['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE', 'REFRESH_TOKEN'], { minLength: 1 }),
  },
};

const versionArb = fc.constantFrom(...SPEC_VERSIONS);
const operationArb = fc.constantFrom(...loadSpec().operations.filter((op) => op.version === 'v3').map((op) => op.operation));
const targetArb: fc.Arbitrary<Target> = fc.oneof({ weight: 4, arbitrary: fc.nat({ max: 40 }).map((existing) => ({ existing })) }, { weight: 1, arbitrary: fc.constant('missing' as const) });
const filterArb = fc.option(
  fc.oneof(
    fc.constant('lastUsed isnull'),
    fc.date(NOW_RANGE).map((date) => `lastUsed le ${date.toISOString()}`),
    fc.constantFrom('name eq "x"', 'lastUsed gt 2025-01-01T00:00:00Z', 'lastUsed le yesterday', 'lastUsed', 'lastUsed le 2025-01-01T00:00:00Z and 1'),
  ),
  { nil: undefined },
);
const queryArb: fc.Arbitrary<Query> = fc.record(
  { filters: filterArb, ownerId: fc.option(fc.constantFrom('me' as const, 'self-id' as const, 'other' as const, 'unknown' as const), { nil: undefined }) },
  { requiredKeys: [] },
);

/** The body of a call: generated from the spec's request schema of that version and operation. */
function bodyArb(version: SpecVersion, operation: OperationName): fc.Arbitrary<unknown> {
  const op = loadSpec().operation(version, operation);
  if (op.requestBody === undefined) return fc.constant(undefined);
  const generated = fc.oneof(arbitraryFromSchema(op.requestBody.schema, OPTIONS), arbitraryFromSchema(op.requestBody.schema, REALISTIC));
  if (!operation.startsWith('patch')) return generated;
  // A patch of one field with a value the response schema allows mostly succeeds; a generated
  // JSON Patch mostly names fields that are not patchable. Both kinds of answer are checked.
  const resource = operation === 'patchOauthClient' ? 'GetOAuthClientResponse' : 'GetPersonalAccessTokenResponse';
  const properties = loadSpec().schema(version, resource).properties ?? {};
  const fields = operation === 'patchOauthClient' ? ['enabled', 'name', 'description', 'accessTokenValiditySeconds', 'grantTypes', 'businessName'] : ['name', 'scope', 'expirationDate', 'userAwareTokenNeverExpires'];
  const onePatch = fc
    .constantFrom(...fields.filter((field) => properties[field] !== undefined))
    .chain((field) => fc.tuple(fc.constant(field), arbitraryFromSchema(properties[field] ?? {}, OPTIONS), fc.constantFrom('replace', 'add', 'remove')))
    .map(([field, value, op]) => [op === 'remove' ? { op, path: `/${field}` } : { op, path: `/${field}`, value }]);
  return fc.oneof({ weight: 3, arbitrary: onePatch }, { weight: 1, arbitrary: generated });
}

const callArb: fc.Arbitrary<Step> = fc
  .tuple(versionArb, operationArb)
  .chain(([version, operation]) =>
    fc.record({
      kind: fc.constant('call' as const),
      version: fc.constant(version),
      operation: fc.constant(operation),
      as: fc.oneof({ weight: 8, arbitrary: fc.constant('self' as const) }, { weight: 1, arbitrary: fc.constantFrom('narrow' as const, 'client' as const) }),
      target: targetArb,
      query: queryArb,
      body: bodyArb(version, operation),
      // Now and then a body in a content type the operation does not take.
      contentType: fc.option(fc.constantFrom('text/plain', 'application/json', 'application/json-patch+json'), { nil: undefined, freq: 8 }),
    }),
  );

export const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: callArb },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('token' as const),
      style: fc.constantFrom('form' as const, 'multipart' as const, 'query' as const, 'basic' as const),
      who: fc.constantFrom('self' as const, 'client' as const, 'narrow' as const, 'wrong-secret' as const),
      grant: fc.oneof({ weight: 4, arbitrary: fc.constant('client_credentials' as const) }, { weight: 1, arbitrary: fc.constantFrom('password' as const, 'none' as const) }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unauthorized' as const), version: versionArb, operation: operationArb, token: fc.constantFrom('none' as const, 'forged' as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('fault' as const), version: versionArb, operation: operationArb, status: fc.constantFrom(500 as const, 429 as const) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('exhaust' as const), version: versionArb }) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom(
        ['GET', '/v1/oauth-clients'],
        ['GET', '/v4/oauth-clients'],
        ['GET', '/v3/oauth-client'],
        ['GET', '/v3/oauth-clients/a/b'],
        ['PUT', '/v3/oauth-clients'],
        ['DELETE', '/oauth-clients/v1'],
        ['GET', '/v3/personal-access-tokens/x'],
        ['GET', '/oauth/token'],
        ['POST', '/'],
      )
      .map(([method, path]): Step => ({ kind: 'nowhere', method, path })),
  },
);
