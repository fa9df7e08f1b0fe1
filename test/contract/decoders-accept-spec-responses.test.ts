import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeList, decodeResponse, type IscResponse } from '../../lambdas/adapters/isc/decode-response.js';
import { createdOAuthClientSchema, oauthClientSchema } from '../../lambdas/adapters/isc/oauth-client-schemas.js';
import { createdPersonalAccessTokenSchema, personalAccessTokenSchema } from '../../lambdas/adapters/isc/personal-access-token-schemas.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { evaluateClient } from '../../lambdas/core/plan/evaluate-client.js';
import { evaluatePat } from '../../lambdas/core/plan/evaluate-pat.js';
import { loadSpec } from '../../sandbox/spec/load-spec.js';
import { openEnums } from '../../sandbox/spec/open-enums.js';
import { SPEC_VERSIONS, type JsonSchema, type OperationName, type SpecVersion } from '../../sandbox/spec/spec-types.js';
import { arbitraryFromSchema, type SchemaArbitraryOptions } from './arbitrary-from-schema.js';

/**
 * Contract property (a): whatever the vendored spec lets ISC answer (every version; optional keys
 * present or missing, so responses with only the required keys too; nullable ones null; enum
 * values SailPoint may add later; fields nobody knows yet), the ISC adapter reads it onto the
 * core's model, and the core gives a verdict or a `skip` for it without throwing. Responses are
 * generated from the spec's response schemas, not written by hand.
 */
const CASES = 1_000;
const spec = loadSpec();
const NOW = new Date('2026-12-01T02:00:00.000Z');
/**
 * Dates on both sides of NOW: stale, fresh and (clock skew) in the future. Ids and secrets are
 * never empty: the spec sets no minimum length, but a client or token with an empty id cannot be
 * addressed (its PATCH or DELETE would hit the collection), so the reader skips it naming `id`
 * (the bad-input corpus checks that), and an empty secret in a create answer is refused (nobody
 * could use the new credential). Every other value is generated as the schemas allow it.
 */
const OPTIONS = {
  dates: { min: new Date('2015-01-01T00:00:00Z'), max: new Date('2028-01-01T00:00:00Z') },
  words: ['ci-deploy', 'break-glass-admin', 'sp:scopes:all', 'me', ''],
  values: { id: fc.oneof(fc.string({ minLength: 1 }), fc.stringMatching(/^[0-9a-f]{32}$/)), secret: fc.string({ minLength: 1 }) },
};
const POLICIES = [
  parsePolicy({}),
  parsePolicy({ mode: 'enforce', exempt: { internal: false, names: ['^break-glass'] }, rotation: { enabled: true, names: ['^ci-'] }, pats: { enabled: true } }),
];

/** The response body schema an operation documents for 200; the list's element for a list. */
function bodySchema(version: SpecVersion, operation: OperationName): JsonSchema {
  const schema = spec.operation(version, operation).responses['200']?.schema;
  if (schema === undefined) throw new Error(`${version} ${operation} documents no 200 body`);
  return schema.type === 'array' && schema.items !== undefined ? schema.items : schema;
}

/**
 * What ISC may send for a schema: as the spec lists it, or with enums opened (values not in
 * today's lists), plus unknown fields.
 */
function responseArb(schema: JsonSchema, options: SchemaArbitraryOptions = OPTIONS): fc.Arbitrary<Record<string, unknown>> {
  const known = new Set(Object.keys(schema.properties ?? {}));
  const extraKey = fc.string({ minLength: 1, maxLength: 12 }).filter((key) => !known.has(key) && key !== '__proto__');
  // Only the required keys, as sparsely as a server may answer (random records rarely drop them all).
  const required = new Set(schema.required ?? []);
  const minimal: JsonSchema = { ...schema, properties: Object.fromEntries(Object.entries(schema.properties ?? {}).filter(([name]) => required.has(name))) };
  return fc
    .tuple(
      fc.oneof(arbitraryFromSchema(schema, options), arbitraryFromSchema(openEnums(schema), options), arbitraryFromSchema(openEnums(minimal), options)),
      fc.dictionary(extraKey, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
    )
    .map(([body, extra]) => ({ ...extra, ...(body as Record<string, unknown>) }));
}

/**
 * PatOwner requires nothing, not even `id`. A listed token whose owner has no id is skipped,
 * naming `owner.id` (the janitor cannot tell whose it is, so owner exemptions cannot be checked);
 * the create answer is generated with the owner's id, which the janitor's own new PAT always has.
 */
function withOwnerId(schema: JsonSchema): SchemaArbitraryOptions {
  const owner = schema.properties?.owner;
  if (owner === undefined) throw new Error('CreatePersonalAccessTokenResponse has no owner');
  return { ...OPTIONS, values: { ...OPTIONS.values, owner: arbitraryFromSchema({ ...owner, required: [...(owner.required ?? []), 'id'] }, OPTIONS) } };
}

/** Per version, the arbitraries of the bodies the janitor reads. */
const BODIES = new Map(
  SPEC_VERSIONS.map((version) => [
    version,
    {
      client: responseArb(bodySchema(version, 'getOauthClient')),
      listed: responseArb(bodySchema(version, 'listOauthClients')),
      created: responseArb(bodySchema(version, 'createOauthClient')),
      token: responseArb(bodySchema(version, 'listPersonalAccessTokens')),
      createdToken: responseArb(bodySchema(version, 'createPersonalAccessToken'), withOwnerId(bodySchema(version, 'createPersonalAccessToken'))),
    },
  ]),
);

const caseArb = fc.constantFrom(...SPEC_VERSIONS).chain((version) => {
  const bodies = BODIES.get(version)!;
  return fc.record({
    version: fc.constant(version),
    client: bodies.client,
    listed: fc.array(bodies.listed, { minLength: 1, maxLength: 3 }),
    created: bodies.created,
    tokens: fc.array(bodies.token, { minLength: 1, maxLength: 2 }),
    createdToken: bodies.createdToken,
    policy: fc.constantFrom(...POLICIES),
  });
});

const ok = (body: unknown): IscResponse => ({ status: 200, statusText: 'OK', contentType: 'application/json', retryAfter: null, location: null, text: JSON.stringify(body) });
const ctx = { method: 'GET', path: '/oauth-clients/v1' };
const CLIENT_VERDICTS = ['disable', 'delete', 'keep', 'exempt', 'skip'];
const PAT_VERDICTS = ['delete', 'keep', 'exempt', 'skip'];

describe('the ISC adapter and the core against every response the spec allows', () => {
  it(`read and judge every generated client and token (${CASES} seeded cases, every version)`, () => {
    const seen = { minimal: 0, unknownEnum: 0, noLastUsed: 0, future: 0, skipped: 0, extra: 0, ownerless: 0 };
    fc.assert(
      fc.property(caseArb, (c) => {
        // One client (get/patch), a list of them, a create answer: all read, nothing skipped.
        const single = decodeResponse(oauthClientSchema, ok(c.client), ctx);
        const { items, unreadable } = decodeList(oauthClientSchema, ok(c.listed), ctx);
        expect(unreadable).toEqual([]);
        expect(items).toHaveLength(c.listed.length);
        const created = decodeResponse(createdOAuthClientSchema, ok(c.created), ctx);
        expect(created).toMatchObject({ id: c.created.id, secret: c.created.secret, lastUsed: null });

        for (const [wire, model] of [[c.client, single], ...c.listed.map((wire, i) => [wire, items[i]!] as const)] as const) {
          expect(model).toMatchObject({ id: wire.id, name: wire.name, enabled: wire.enabled, internal: wire.internal, lastUsed: wire.lastUsed ?? null, scope: wire.scope });
          expect(model.grantTypes).toEqual(wire.grantTypes);
          expect(model).not.toHaveProperty('secret');
          const finding = evaluateClient(model, { policy: c.policy, now: NOW, selfClientId: 'self' });
          expect(CLIENT_VERDICTS).toContain(finding.verdict);
          if (finding.verdict === 'skip') seen.skipped += 1;
          if (!('lastUsed' in wire)) seen.noLastUsed += 1;
          if (typeof wire.lastUsed === 'string' && Date.parse(wire.lastUsed) > NOW.getTime()) seen.future += 1;
          if (Object.keys(wire).every((key) => (spec.operation(c.version, 'getOauthClient').responses['200']?.schema?.required ?? []).includes(key))) seen.minimal += 1;
          if ((wire.grantTypes as string[]).some((type) => !['CLIENT_CREDENTIALS', 'AUTHORIZATION_CODE', 'REFRESH_TOKEN'].includes(type))) seen.unknownEnum += 1;
          if (Object.keys(wire).some((key) => !(key in (bodySchema(c.version, 'getOauthClient').properties ?? {})))) seen.extra += 1;
        }

        // Personal access tokens: listed and created, in the version's own shape.
        const listing = decodeList(personalAccessTokenSchema, ok(c.tokens), ctx);
        const ownerless = c.tokens.flatMap((wire, position) => (typeof (wire.owner as { id?: unknown }).id === 'string' ? [] : [position]));
        expect(listing.unreadable.map((entry) => [entry.position, entry.problems])).toEqual(ownerless.map((position) => [position, ['owner.id: missing']]));
        seen.ownerless += ownerless.length;
        const readable = c.tokens.filter((_, position) => !ownerless.includes(position));
        for (const [index, token] of listing.items.entries()) {
          expect(token).toMatchObject({ id: readable[index]!.id, lastUsed: readable[index]!.lastUsed ?? null });
          const finding = evaluatePat(token, { pats: c.policy.pats, now: NOW, selfClientId: 'self', announcements: new Map() });
          expect(PAT_VERDICTS).toContain(finding.verdict);
        }
        const createdToken = decodeResponse(createdPersonalAccessTokenSchema, ok(c.createdToken), ctx);
        expect(createdToken).toMatchObject({ id: c.createdToken.id, secret: c.createdToken.secret });
      }),
      { seed: 20_261_202, numRuns: CASES },
    );
    // The generated cases really covered what the spec allows.
    expect(seen.minimal).toBeGreaterThan(100);
    expect(seen.unknownEnum).toBeGreaterThan(100);
    expect(seen.noLastUsed).toBeGreaterThan(100);
    expect(seen.future).toBeGreaterThan(10);
    expect(seen.extra).toBeGreaterThan(100);
    console.log(`decoder contract: ${CASES} cases, ${JSON.stringify(seen)}`);
  });
});
