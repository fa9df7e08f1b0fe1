import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAuditSearchApi } from '../../lambdas/adapters/isc/audit-search-api.js';
import type { CallIsc } from '../../lambdas/adapters/isc/checked-calls.js';
import type { ApiCall } from '../../lambdas/adapters/isc/create-api-caller.js';
import type { IscResponse } from '../../lambdas/adapters/isc/decode-response.js';
import { API_VERSIONS } from '../../lambdas/adapters/isc/isc-client-config.js';
import { matchCreationEvents } from '../../lambdas/core/rules/match-creation-events.js';
import { ownerOfClient } from '../../lambdas/core/rules/owner-of-client.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import type { IdentityRecord } from '../../lambdas/core/model/owner.js';
import { loadSpec } from '../../sandbox/spec/load-spec.js';
import { openEnums } from '../../sandbox/spec/open-enums.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import type { JsonSchema } from '../../sandbox/spec/spec-types.js';
import { arbitraryFromSchema } from './arbitrary-from-schema.js';

/**
 * The contract properties for search, as for the credential APIs: (b) every search request the
 * ISC adapter sends is one the vendored spec documents (path, method, declared query parameters
 * within their bounds, a body the `Search` schema accepts); (a) whatever hits the spec lets ISC
 * answer (every field optional, enums opened, unknown fields, maps of anything) decode without
 * throwing and go through the owner attribution.
 */
const CASES = 300;
const spec = loadSpec();
const validator = new SpecValidator();
const ok = (body: unknown): IscResponse => ({ status: 200, statusText: 'OK', contentType: 'application/json', retryAfter: null, location: null, text: JSON.stringify(body) });

function capture(answer: unknown = []): { call: CallIsc; sent: ApiCall[] } {
  const sent: ApiCall[] = [];
  return { sent, call: async (c) => (sent.push(c), ok(answer)) };
}

function checkRequest(c: ApiCall): string[] {
  const problems: string[] = [];
  const op = spec.matchSearch(c.method, c.path);
  if (op === undefined) return [`${c.method} ${c.path} is not a documented search operation`];
  if (c.contentType !== op.requestBody?.contentType) problems.push(`content type ${c.contentType ?? 'none'}`);
  for (const [name, value] of new URLSearchParams(c.query ?? '')) {
    const parameter = op.parameters.find((p) => p.name === name && p.in === 'query');
    if (parameter === undefined) problems.push(`undeclared query parameter ${name}`);
    else {
      const check = validator.check(parameter.schema, /^\d+$/.test(value) ? Number(value) : value);
      if (!check.valid) problems.push(`${name}: ${check.errors.join('; ')}`);
    }
  }
  const check = validator.check(op.requestBody?.schema ?? {}, JSON.parse(c.body ?? 'null'));
  if (!check.valid) problems.push(...check.errors);
  return problems;
}

const nameArb = fc.oneof(fc.string(), fc.constantFrom('ci-deploy-bot', 'payroll\u200b-export', '\u202egnp.exe', 'a"b\\c', ''), fc.constant(null));
const clientsArb = fc.uniqueArray(fc.record({ id: fc.string({ minLength: 1 }), name: nameArb }), { minLength: 0, maxLength: 300, selector: (c) => c.id });

describe('search requests against the vendored spec', () => {
  it(`every request the adapter sends is documented, in every API version (${CASES} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...API_VERSIONS), clientsArb, fc.array(fc.string(), { maxLength: 300 }), async (version, clients, names) => {
        const { call, sent } = capture();
        const search = createAuditSearchApi(call, version);
        await search.clientCreations(clients.slice(0, search.batchSize));
        await search.identities({ names: names.slice(0, search.batchSize), ids: clients.slice(0, 5).map((c) => c.id) });
        for (const c of sent) expect(checkRequest(c), `${version} ${c.path} ${c.body ?? ''}`).toEqual([]);
        expect(sent.every((c) => c.path === (version === 'v1' ? '/search/v1' : '/v3/search'))).toBe(true);
      }),
      { numRuns: CASES },
    );
  });
});

function hitsArb(schema: JsonSchema): fc.Arbitrary<unknown[]> {
  const extra = fc.dictionary(fc.string({ minLength: 1, maxLength: 8 }).filter((key) => key !== '__proto__'), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 2 });
  const hit = fc.tuple(fc.oneof(arbitraryFromSchema(schema), arbitraryFromSchema(openEnums(schema))), extra).map(([body, more]) => ({ ...more, ...(body as object) }));
  return fc.array(hit, { maxLength: 4 });
}

describe('search responses the spec allows', () => {
  const policy = parsePolicy({ owners: { fromAuditEvents: true, orphanStaleDays: 10, map: [{ namePattern: '^ci-', owner: { name: 'CI' } }] } });
  for (const version of ['v3', 'v1'] as const) {
    it(`decode without throwing and attribute owners (${version}, ${CASES} cases)`, async () => {
      const events = hitsArb(spec.searchDocumentSchema(version, 'events'));
      const identities = hitsArb(spec.searchDocumentSchema(version, 'identities'));
      await fc.assert(
        fc.asyncProperty(events, identities, clientsArb, async (eventHits, identityHits, clients) => {
          const api = createAuditSearchApi(capture(eventHits).call, version === 'v1' ? 'v1' : 'v3');
          const found = await api.clientCreations(clients);
          const people: IdentityRecord[] = await createAuditSearchApi(capture(identityHits).call, 'v3').identities({ names: ['x'] });
          const matched = matchCreationEvents(clients.map((c) => ({ ...c, created: 0 })), found);
          const facts = { creators: new Map([...matched].map(([id, e]) => [id, e.actorName])), identities: new Map(people.map((p) => [p.name.toLowerCase(), p])), identitiesRead: true };
          for (const client of clients) {
            const owner = ownerOfClient(client, policy.owners, facts);
            if (owner !== undefined) expect(typeof owner.name).toBe('string');
          }
        }),
        { numRuns: CASES },
      );
    });
  }
});
