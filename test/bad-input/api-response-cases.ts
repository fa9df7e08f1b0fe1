import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { makeSeedClient } from '../../sandbox/make-seed-client.js';
import { HUGE, label, type BadInputCase } from './bad-input-case.js';
import { VALID_TOKEN, type ScriptedIsc } from './scripted-isc-server.js';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;
/** Disabled and unused for 400 days: a fault-free run would delete it, so a slip would show. */
export const VALID_CLIENT = makeSeedClient({
  id: '2c9180835d2e5168015d32f890ca1581',
  name: 'legacy-sync',
  businessName: null,
  internal: false,
  enabled: false,
  scope: ['sp:scopes:all'],
  created: NOW.getTime() - 900 * DAY,
  modified: NOW.getTime() - 300 * DAY,
  lastUsed: NOW.getTime() - 400 * DAY,
});
const MISSING = Symbol('missing');

/** Wrong types, missing fields, huge strings and unknown enum values, per field of a client. */
const CLIENT_FIELDS: Record<string, readonly unknown[]> = {
  id: [MISSING, '', 5, null, [], HUGE.length],
  name: [MISSING, 5, true, {}],
  internal: [MISSING, 'yes', null, 1],
  enabled: [MISSING, 'true', null, 1, HUGE],
  created: [MISSING, 5, null, {}],
  modified: [MISSING, 5, null, []],
  lastUsed: [MISSING, 5, true, {}, []],
  grantTypes: [['PASSWORD'], 'CLIENT_CREDENTIALS', [1], [HUGE]],
  accessType: ['SOMETIMES', 1, HUGE],
  type: ['SECRET', true],
  scope: ['sp:scopes:all', [1]],
  redirectUris: ['https://x', [null]],
  accessTokenValiditySeconds: ['750', 1.5, {}],
  strongAuthSupported: ['no'],
  metadata: [5],
};

function clientWith(field: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...VALID_CLIENT };
  if (value === MISSING) delete copy[field];
  else copy[field] = value;
  return copy;
}

export function apiResponseCases(isc: ScriptedIsc): BadInputCase[] {
  const client = () =>
    createIscClient({ baseUrl: isc.url, credentials: { clientId: 'janitor', clientSecret: 'pat-secret-value-123' }, retry: { baseDelayMs: 1, maxDelayMs: 5 }, rateLimit: false });
  const listed = (body: unknown[]) => () => {
    isc.bodies.token = VALID_TOKEN;
    isc.bodies.list = JSON.stringify(body);
    // The whole orchestrator, in enforce mode: a bad list must stop the run before any action.
    return runJanitor({ api: client(), policy: parsePolicy({ mode: 'enforce', limits: { maxActions: 100, maxFraction: 1 } }), tenant: 't', selfClientId: 'janitor', clock: () => NOW, reportId: 'r' });
  };
  const fetched = (body: unknown) => () => {
    isc.bodies.token = VALID_TOKEN;
    isc.bodies.get = JSON.stringify(body);
    return client().get(VALID_CLIENT.id);
  };
  const name = (value: unknown) => (value === MISSING ? 'missing' : label(value));
  const fieldCases = Object.entries(CLIENT_FIELDS).flatMap(([field, values]) =>
    values.flatMap((value): BadInputCase[] => [
      { name: `list [1].${field} ${name(value)}`, field: `[1].${field}`, run: listed([VALID_CLIENT, clientWith(field, value)]) },
      { name: `get ${field} ${name(value)}`, field, run: fetched(clientWith(field, value)) },
    ]),
  );
  const token = (body: unknown, field: string): BadInputCase => ({
    name: `token ${JSON.stringify(body).slice(0, 40)}`,
    field,
    run: () => {
      isc.bodies.token = JSON.stringify(body);
      return client().list();
    },
  });
  return [
    ...fieldCases,
    { name: 'list is an object', field: '(root)', run: listed({} as unknown as unknown[]) },
    { name: 'list is null', field: '(root)', run: () => ((isc.bodies.list = 'null'), client().list()) },
    { name: 'list item is a string', field: '[0]', run: listed(['2c91']) },
    { name: 'list item __proto__ with a bad field', field: '[0].enabled', run: listed([JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(clientWith('enabled', 'yes')).slice(1)}`)]) },
    { name: 'get __proto__ with a missing id', field: 'id', run: () => ((isc.bodies.get = `{"__proto__":{"polluted":true},${JSON.stringify(clientWith('id', MISSING)).slice(1)}`), client().get('x')) },
    token({}, 'access_token'),
    token({ access_token: 5, expires_in: 749 }, 'access_token'),
    token({ access_token: '', expires_in: 749 }, 'access_token'),
    token({ access_token: 't', expires_in: -1 }, 'expires_in'),
    token({ access_token: 't', expires_in: '749' }, 'expires_in'),
    token({ access_token: 't' }, 'expires_in'),
  ];
}
