import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NAMES, SPEC_VERSIONS } from '../../sandbox/spec/spec-types.js';
import { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import { checkExchange } from './check-exchange.js';
import { runStep, startContractTenant, type ContractTenant } from './sandbox-contract-run.js';
import { stepArb } from './sandbox-steps.js';

/**
 * Contract property (c): every answer the sandbox gives, on every route (OAuth clients and PATs
 * in every version, v1 included, and the token endpoint), success or error (400, 401, 403, 404,
 * 405, 429, an injected 500), in normal and in sparse mode, validates against the response
 * schema the vendored spec documents for that status. fast-check drives seeded cases of a few
 * calls each, with bodies generated from the spec's request schemas, against tenants that live
 * through all cases (creates and deletes pile up); a failure prints the case. Tenants seeded
 * with enum values outside today's lists are checked with the enums opened, as SailPoint's
 * versioning rules allow; the others against the spec exactly.
 */
const CASES = 1_000;
const strict = new SpecValidator();
const open = new SpecValidator({ openEnums: true });

/** Four long-lived tenants: normal and sparse, each with enums as listed and with unknown ones. */
const MODES = [
  { sparse: false, unknownEnums: 0 },
  { sparse: true, unknownEnums: 0 },
  { sparse: false, unknownEnums: 3 },
  { sparse: true, unknownEnums: 3 },
] as const;

/** One case: a short sequence of requests to one of the tenants, as one night of a client would send. */
const caseArb = fc.record({
  mode: fc.nat({ max: MODES.length - 1 }),
  steps: fc.array(fc.noShrink(stepArb), { minLength: 1, maxLength: 3 }),
});

describe('the sandbox against the vendored OpenAPI spec', () => {
  const tenants: ContractTenant[] = [];
  beforeAll(async () => {
    for (const [index, mode] of MODES.entries()) tenants.push(await startContractTenant(index + 1, mode.sparse, mode.unknownEnums));
  });
  afterAll(async () => {
    await Promise.all(tenants.map((tenant) => tenant.sb.close()));
  });

  it(`answers every generated request as the spec documents (${CASES} seeded cases, normal and sparse)`, async () => {
    let errata = 0;
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ mode, steps }) => {
        const tenant = tenants[mode] as ContractTenant;
        const { sparse, unknownEnums } = MODES[mode] as (typeof MODES)[number];
        // Each case starts with a full rate-limit budget and no pending fault, like a new night.
        tenant.sb.resetRateLimits();
        tenant.sb.faults.clear();
        const first = tenant.exchanges.length;
        for (const step of steps) await runStep(tenant, step);
        const problems = tenant.exchanges.slice(first).flatMap((exchange) => {
          const verdict = checkExchange(exchange, unknownEnums > 0 ? open : strict, sparse);
          if (verdict.ok && verdict.erratum !== undefined) errata += 1;
          return verdict.ok ? [] : [`${exchange.request.method} ${exchange.request.path} -> ${exchange.status}: ${verdict.problems.join('; ')} ${exchange.text.slice(0, 300)}`];
        });
        expect(problems).toEqual([]);
      }),
      { seed: 20_261_201, numRuns: CASES, endOnFailure: true },
    );

    // The cases really covered the contract: every status the spec documents for these
    // operations, every version and operation answered in both modes, each with a success.
    const exchanges = tenants.flatMap((tenant, index) => tenant.exchanges.map((exchange) => ({ exchange, sparse: MODES[index]?.sparse ?? false })));
    const statuses = new Set(exchanges.map(({ exchange }) => exchange.status));
    for (const status of [200, 204, 400, 401, 403, 404, 405, 429, 500]) expect(statuses, `status ${status}`).toContain(status);
    const answered = new Set<string>();
    const succeeded = new Set<string>();
    for (const { exchange, sparse } of exchanges) {
      if (exchange.about.kind !== 'operation') continue;
      answered.add(`${sparse} ${exchange.about.version} ${exchange.about.operation}`);
      if (exchange.status < 300) succeeded.add(`${sparse} ${exchange.about.operation}`);
    }
    for (const sparse of [false, true]) {
      for (const version of SPEC_VERSIONS) expect([...answered].filter((key) => key.startsWith(`${sparse} ${version} `)).length, `${version} sparse=${sparse}`).toBe(9);
    }
    expect([...succeeded].sort()).toEqual([false, true].flatMap((sparse) => OPERATION_NAMES.map((operation) => `${sparse} ${operation}`)).sort());
    const tokenStatuses = new Set(exchanges.filter(({ exchange }) => exchange.about.kind === 'token').map(({ exchange }) => exchange.status));
    expect([...tokenStatuses].sort()).toEqual([200, 400, 401]);
    console.log(`sandbox contract: ${CASES} cases, ${exchanges.length} requests, statuses ${[...statuses].sort().join(' ')}, ${errata} known spec erratum answers`);
  });
});
