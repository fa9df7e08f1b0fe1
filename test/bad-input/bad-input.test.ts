import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { apiResponseCases, clientWith, FRESH_CLIENT, NOW, TOLERATED, unreadableEntryCases, VALID_CLIENT, valueName } from './api-response-cases.js';
import { tryCase, HUGE, type BadInputCase } from './bad-input-case.js';
import { credentialCases } from './credential-cases.js';
import { awsCalls, handlerCases } from './handler-cases.js';
import { hostileResponseCases } from './hostile-response-cases.js';
import { policyCases } from './policy-cases.js';
import { runLimitCases } from './run-limit-cases.js';
import { startScriptedIsc, VALID_TOKEN, type ScriptedIsc } from './scripted-isc-server.js';
import { stackContextCases } from './stack-context-cases.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import { RAW_HIDDEN } from '../support/hostile-names-isc.js';
import { parseLegacyTenants } from '../../lib/legacy-tenants.js';
import { FRESH_PAT, PAT_TOLERATED, patWith, runOnPats, unreadablePatCases, VALID_PAT } from './pat-response-cases.js';
import { iscWithDoor } from '../support/isc-with-door.js';

/**
 * The bad-input corpus: every input is rejected with an error naming the field, nothing
 * is changed (no AWS call, no mutating ISC request), nothing crashes, no prototype is polluted.
 */
let isc: ScriptedIsc;
const tally = { tried: 0, rejected: 0, crashes: 0 };
beforeAll(async () => {
  isc = await startScriptedIsc();
});
afterAll(async () => {
  await isc.close();
  console.log(`bad input: ${tally.tried} inputs, ${tally.rejected} rejected with a named field, ${tally.crashes} crashes`);
});

async function expectAllRejected(cases: readonly BadInputCase[]): Promise<void> {
  const problems: string[] = [];
  for (const c of cases) {
    const result = await tryCase(c);
    tally.tried += 1;
    if (result.ok) tally.rejected += 1;
    if (result.crashed) tally.crashes += 1;
    if (result.problem) problems.push(result.problem);
    if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${c.name}: polluted Object.prototype`);
  }
  expect(problems).toEqual([]);
  expect(cases.length).toBeGreaterThan(20);
}

describe('bad input', () => {
  it('rejects invalid policies, naming the field', async () => {
    await expectAllRejected(policyCases);
  });

  it('rejects invalid handler events and environments before any AWS call', async () => {
    await expectAllRejected(handlerCases);
    expect(awsCalls).toEqual([]);
  });

  it('rejects invalid credential secrets without echoing the secret', async () => {
    await expectAllRejected(credentialCases);
  });

  it('rejects invalid CDK context', async () => {
    await expectAllRejected(stackContextCases);
  });

  it('rejects time limits that are not a number of seconds within bounds, naming the flag or variable', async () => {
    await expectAllRejected(runLimitCases);
  });

  it('follows no redirect and echoes no secret, whatever a hostile gateway answers', async () => {
    const before = isc.requests.length;
    await expectAllRejected(hostileResponseCases(isc));
    expect(isc.requests.slice(before).filter((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token')).toEqual([]);
  });

  it('rejects malformed ISC responses before any change is sent', async () => {
    await expectAllRejected(apiResponseCases(isc));
    expect(isc.requests.filter((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token')).toEqual([]);
  });

  it('skips a list entry it cannot read, naming the entry and the field, and still reads the others', async () => {
    const problems: string[] = [];
    const cases = unreadableEntryCases();
    for (const c of cases) {
      tally.tried += 1;
      isc.bodies.token = VALID_TOKEN;
      isc.bodies.list = JSON.stringify([FRESH_CLIENT, c.entry]);
      const before = isc.requests.length;
      let report;
      try {
        report = await runJanitor({
          ...iscWithDoor(createIscClient({ baseUrl: isc.url, credentials: { clientId: 'j', clientSecret: 's' }, rateLimit: false })),
          policy: parsePolicy({ mode: 'enforce', limits: { maxActions: 10, maxFraction: 1 } }),
          tenant: 't',
          selfClientId: 'j',
          clock: () => NOW,
          reportId: 'r',
        });
      } catch (error) {
        problems.push(`${c.name}: the run failed: ${String(error)}`);
        continue;
      }
      const warning = report.warnings.find((w) => w.includes('skipped, never acted on') && c.names.every((name) => w.includes(name)));
      const mutated = isc.requests.slice(before).some((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token');
      const { total, skipped } = report.counts;
      if (warning && !mutated && total === 1 && skipped === 1) tally.rejected += 1;
      else problems.push(`${c.name}: warnings=${JSON.stringify(report.warnings)} mutated=${mutated} total=${total} skipped=${skipped}`);
      if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${c.name}: polluted Object.prototype`);
    }
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThan(30);
  });

  it('reads every client the spec allows: missing optional keys, nulls, unknown enum values, unknown fields', async () => {
    const api = createIscClient({ baseUrl: isc.url, credentials: { clientId: 'j', clientSecret: 's' }, rateLimit: false });
    const problems: string[] = [];
    for (const [field, values] of Object.entries(TOLERATED)) {
      for (const value of values) {
        const variant = clientWith(field, value);
        isc.bodies.list = JSON.stringify([FRESH_CLIENT, variant]);
        isc.bodies.get = JSON.stringify(variant);
        const listing = await api.list();
        const got = await api.get(VALID_CLIENT.id);
        const listed = listing.clients.find((client) => client.id === VALID_CLIENT.id);
        if (listing.unreadable.length > 0 || listed === undefined) problems.push(`${field} ${valueName(value)}: ${JSON.stringify(listing.unreadable)}`);
        if (got.id !== VALID_CLIENT.id || 'secret' in got || 'brandNewField' in got) problems.push(`${field} ${valueName(value)}: get gave ${JSON.stringify(got).slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('skips clients with unreadable dates, naming the field, and never acts on them', async () => {
    const dates = ['yesterday', '2026-02-30T00:00:00Z', '', HUGE, '2026-13-01T00:00:00Z', '0000-00-00'];
    const problems: string[] = [];
    for (const [index, value] of dates.entries()) {
      for (const field of ['lastUsed', 'created', 'modified'] as const) {
        tally.tried += 1;
        isc.bodies.token = VALID_TOKEN;
        isc.bodies.list = JSON.stringify([{ ...VALID_CLIENT, id: `bad-date-${index}`, [field]: value }]);
        const before = isc.requests.length;
        const report = await runJanitor({
          ...iscWithDoor(createIscClient({ baseUrl: isc.url, credentials: { clientId: 'j', clientSecret: 's' }, rateLimit: false })),
          policy: parsePolicy({ mode: 'enforce', limits: { maxActions: 10, maxFraction: 1 } }),
          tenant: 't',
          selfClientId: 'j',
          clock: () => new Date('2026-03-01T12:00:00.000Z'),
          reportId: 'r',
        });
        const named = report.warnings.some((warning) => warning.includes(`${field} `) && warning.includes('not a date'));
        const mutated = isc.requests.slice(before).some((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token');
        if (named && report.actions.length === 0 && !mutated) tally.rejected += 1;
        else problems.push(`${field}=${value.slice(0, 20)}: warned=${named} actions=${report.actions.length} mutated=${mutated}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('bad personal access token payloads', () => {
  const mutating = (from: number) => isc.requests.slice(from).filter((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token');

  it('deletes the valid, announced token (the corpus below would show a slip)', async () => {
    const before = isc.requests.length;
    const report = await runOnPats(isc, [FRESH_PAT, VALID_PAT]);
    expect(mutating(before)).toEqual([`DELETE /v3/personal-access-tokens/${VALID_PAT.id}`]);
    expect(report.actions.map((a) => `${a.credential} ${a.clientId} ${a.outcome}`)).toEqual([`personal-access-token ${VALID_PAT.id} failed`]);
  });

  it('skips a token it cannot read, naming it and the field, and never deletes it', async () => {
    const problems: string[] = [];
    const cases = unreadablePatCases();
    for (const c of cases) {
      tally.tried += 1;
      const before = isc.requests.length;
      const report = await runOnPats(isc, [FRESH_PAT, c.entry]);
      const warned = report.warnings.some((w) => w.includes('unreadable') && w.includes('skipped, never acted on') && c.names.every((name) => w.includes(name)));
      const counts = report.pats?.counts;
      if (warned && mutating(before).length === 0 && counts?.total === 1 && counts.skipped === 1) tally.rejected += 1;
      else problems.push(`${c.name}: warnings=${JSON.stringify(report.warnings).slice(0, 300)} mutated=${mutating(before).join()} counts=${JSON.stringify(counts)}`);
      if (({} as Record<string, unknown>).polluted !== undefined) problems.push(`${c.name}: polluted Object.prototype`);
    }
    expect(problems).toEqual([]);
    expect(cases.length).toBeGreaterThan(30);
  });

  it('reads every token the spec allows: missing optional keys, nulls, other owner types, unknown fields', async () => {
    const api = createIscClient({ baseUrl: isc.url, credentials: { clientId: 'j', clientSecret: 's' }, rateLimit: false });
    const problems: string[] = [];
    for (const [field, values] of Object.entries(PAT_TOLERATED)) {
      for (const value of values) {
        isc.bodies.token = VALID_TOKEN;
        isc.bodies.pats = JSON.stringify([FRESH_PAT, patWith(field, value)]);
        const { tokens, unreadable } = await api.personalAccessTokens.list();
        const read = tokens.find((token) => token.id === VALID_PAT.id);
        if (unreadable.length > 0 || read === undefined || 'brandNewField' in read) problems.push(`${field}: ${JSON.stringify(unreadable)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('rejects a token list that is not a list before any change, naming the root', async () => {
    await expectAllRejected(
      [
        '{}', 'null', 'true', 'false', '0', '5', '-1', '1e309', '"tokens"', '"[]"', '""',
        JSON.stringify({ tokens: [VALID_PAT] }),
        JSON.stringify({ items: [VALID_PAT], count: 1 }),
        JSON.stringify({ length: 1, 0: VALID_PAT }),
        JSON.stringify({ 0: VALID_PAT }),
        JSON.stringify(VALID_PAT),
        JSON.stringify({ data: { tokens: [VALID_PAT] } }),
        `{"__proto__":[${JSON.stringify(VALID_PAT)}]}`,
        JSON.stringify({ error: 'JWT validation failed' }),
        JSON.stringify({ messages: [{ text: 'ok' }], detailCode: '200' }),
        JSON.stringify(String(HUGE.length)),
      ].map((body) => ({
        name: `pat list ${body.slice(0, 30)}`,
        field: '(root)',
        run: async () => {
          isc.bodies.token = VALID_TOKEN;
          isc.bodies.list = '[]';
          isc.bodies.pats = body;
          const api = createIscClient({ baseUrl: isc.url, credentials: { clientId: 'j', clientSecret: 's' }, retry: { attempts: 1 }, rateLimit: false });
          return runJanitor({ ...iscWithDoor(api), pats: { api: api.personalAccessTokens }, policy: parsePolicy({ mode: 'enforce', pats: { enabled: true } }), tenant: 't', selfClientId: 'j', clock: () => NOW, reportId: 'r' });
        },
      })),
    );
    expect(isc.requests.filter((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token' && !r.includes(VALID_PAT.id))).toEqual([]);
  });

  it('skips tokens with unreadable dates, naming the field, and never deletes them', async () => {
    const problems: string[] = [];
    for (const value of ['yesterday', '2026-02-30T00:00:00Z', '', HUGE, '2026-13-01T00:00:00Z']) {
      for (const field of ['lastUsed', 'created'] as const) {
        tally.tried += 1;
        const before = isc.requests.length;
        const report = await runOnPats(isc, [{ ...VALID_PAT, [field]: value }]);
        const named = report.warnings.some((warning) => warning.includes(`${field} `) && warning.includes('not a date'));
        if (named && report.actions.length === 0 && mutating(before).length === 0) tally.rejected += 1;
        else problems.push(`${field}=${value.slice(0, 20)}: warned=${named} actions=${report.actions.length} mutated=${mutating(before).join()}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe('hostile client names', () => {
  const NAMES = [
    'payroll\u200b-export',
    'a\u200c\u200db',
    'rtl\u202Eevil',
    'embed\u202a\u202b\u202c\u202dx',
    'isolate\u2066\u2067\u2068\u2069x',
    'joiner\u2060bom\ufeffx',
    'soft\u00adhyphen',
    'tag\u{E0041}\u{E007F}',
    'ansi\u001b[2J\u001b[31mred',
    'osc\u001b]0;owned\u0007title',
    'c1\u009b2Jclear',
    'bell\u0007nul\u0000x',
    'line\u2028break\u2029x',
    'cr\rlf\nx',
  ];

  it('shows each hidden character visibly in the text, warns about the name, and treats the client like any other', async () => {
    const problems: string[] = [];
    for (const [index, name] of NAMES.entries()) {
      tally.tried += 1;
      isc.bodies.token = VALID_TOKEN;
      isc.bodies.list = JSON.stringify([{ ...VALID_CLIENT, id: `hostile-name-${index}`, name }]);
      const before = isc.requests.length;
      const report = await runJanitor({
        ...iscWithDoor(createIscClient({ baseUrl: isc.url, credentials: { clientId: 'j', clientSecret: 's' }, rateLimit: false })),
        policy: parsePolicy({ mode: 'report', limits: { maxActions: 10, maxFraction: 1 } }),
        tenant: 't',
        selfClientId: 'j',
        clock: () => new Date('2026-03-01T12:00:00.000Z'),
        reportId: 'r',
      });
      const text = renderTextReport(report);
      const raw = RAW_HIDDEN.test(text);
      const warned = report.warnings.some((warning) => warning.includes(`hostile-name-${index}`) && warning.includes('hidden characters'));
      const planned = report.actions.map((action) => `${action.action}:${action.outcome}`).join();
      const mutated = isc.requests.slice(before).some((r) => !r.startsWith('GET ') && r !== 'POST /oauth/token');
      if (!raw && warned && planned === 'delete:planned' && !mutated) tally.rejected += 1;
      else problems.push(`${JSON.stringify(name)}: raw=${raw} warned=${warned} planned=${planned} mutated=${mutated}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('parseLegacyTenants', () => {
  it('refuses a __proto__ key inside a tenant policy of an old cdk.json, naming the field, without polluting anything', () => {
    const raw = JSON.parse('{"context":{"tenants":[{"name":"a","policy":{"__proto__":{"polluted":true}}}]}}') as Record<string, unknown>;
    expect(() => parseLegacyTenants(raw, 'cdk.json')).toThrow(/tenants\[0\]\.policy\.__proto__/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
