import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { makeSeedClient } from '../../sandbox/make-seed-client.js';
import { HUGE, label, type BadInputCase } from './bad-input-case.js';
import { VALID_TOKEN, type ScriptedIsc } from './scripted-isc-server.js';
import { iscWithDoor } from '../support/isc-with-door.js';

export const NOW = new Date('2026-03-01T12:00:00.000Z');
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
/** Used yesterday: a run has nothing to do with it, so any mutating request is a slip. */
export const FRESH_CLIENT = { ...VALID_CLIENT, id: '2c9180835d2e5168015d32f890ca0001', name: 'fresh', enabled: true, lastUsed: new Date(NOW.getTime() - DAY).toISOString() };
export const MISSING = Symbol('missing');

/**
 * Wrong types and missing fields, per field of a client: a list skips such an entry (naming it
 * and the field) and a get rejects it. Values the spec allows are in TOLERATED instead.
 */
const CLIENT_FIELDS: Record<string, readonly unknown[]> = {
  id: [MISSING, '', 5, null, [], HUGE.length],
  name: [MISSING, 5, true, {}],
  internal: [MISSING, 'yes', null, 1],
  enabled: [MISSING, 'true', null, 1, HUGE],
  created: [MISSING, 5, null, {}],
  modified: [MISSING, 5, null, []],
  lastUsed: [5, true, {}, []],
  grantTypes: ['CLIENT_CREDENTIALS', [1]],
  accessType: [1],
  type: [true],
  scope: [MISSING, 'sp:scopes:all', [1]],
  redirectUris: ['https://x', [null]],
  accessTokenValiditySeconds: ['750', 1.5, {}],
  strongAuthSupported: ['no'],
};

/**
 * What the spec allows (or SailPoint may add without notice) and the reader must accept: a
 * missing `lastUsed` (never used), enum values from next year, a huge one, fields we do not know.
 */
export const TOLERATED: Record<string, readonly unknown[]> = {
  lastUsed: [MISSING, null],
  metadata: [MISSING, null, 5],
  secret: [MISSING, null],
  grantTypes: [['DEVICE_CODE'], ['CLIENT_CREDENTIALS', 'TOKEN_EXCHANGE']],
  accessType: ['SOMETIMES', HUGE],
  type: ['SECRET'],
  description: [MISSING, null],
  businessName: [null],
  redirectUris: [null],
  scope: [null],
  brandNewField: [{ nested: true }, 'x'],
};

export function clientWith(field: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...VALID_CLIENT };
  if (value === MISSING) delete copy[field];
  else copy[field] = value;
  return copy;
}

export const valueName = (value: unknown): string => (value === MISSING ? 'missing' : label(value));

/** One list entry the reader cannot understand, and how the run's warning must name it. */
export interface UnreadableEntryCase {
  readonly name: string;
  readonly entry: unknown;
  /** The id (or `#position`) and the field the warning must name. */
  readonly names: readonly string[];
}

/** Every bad value of CLIENT_FIELDS as the second entry of a list, plus entries that are not objects. */
export function unreadableEntryCases(): UnreadableEntryCase[] {
  const fieldCases = Object.entries(CLIENT_FIELDS).flatMap(([field, values]) =>
    values.map((value): UnreadableEntryCase => {
      const entry = clientWith(field, value);
      const readableId = typeof entry.id === 'string' && entry.id !== '' ? entry.id : '#1';
      return { name: `list [1].${field} ${valueName(value)}`, entry, names: [readableId, field] };
    }),
  );
  return [
    ...fieldCases,
    { name: 'list item is a string', entry: '2c91', names: ['#1', '(root)'] },
    {
      name: 'list item __proto__ with a bad field',
      entry: JSON.parse(`{"__proto__":{"polluted":true},${JSON.stringify(clientWith('enabled', 'yes')).slice(1)}`) as unknown,
      names: [VALID_CLIENT.id, 'enabled'],
    },
  ];
}

export function apiResponseCases(isc: ScriptedIsc): BadInputCase[] {
  const client = () =>
    createIscClient({ baseUrl: isc.url, credentials: { clientId: 'janitor', clientSecret: 'pat-secret-value-123' }, retry: { baseDelayMs: 1, maxDelayMs: 5 }, rateLimit: false });
  const listed = (body: unknown) => () => {
    isc.bodies.token = VALID_TOKEN;
    isc.bodies.list = JSON.stringify(body);
    // The whole orchestrator, in enforce mode: a list that is not a list must stop the run before any action.
    return runJanitor({ ...iscWithDoor(client()), policy: parsePolicy({ mode: 'enforce', limits: { maxActions: 100, maxFraction: 1 } }), tenant: 't', selfClientId: 'janitor', clock: () => NOW, reportId: 'r' });
  };
  const fetched = (body: unknown) => () => {
    isc.bodies.token = VALID_TOKEN;
    isc.bodies.get = JSON.stringify(body);
    return client().get(VALID_CLIENT.id);
  };
  const fieldCases = Object.entries(CLIENT_FIELDS).flatMap(([field, values]) =>
    values.map((value): BadInputCase => ({ name: `get ${field} ${valueName(value)}`, field, run: fetched(clientWith(field, value)) })),
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
    { name: 'list is an object', field: '(root)', run: listed({}) },
    { name: 'list is null', field: '(root)', run: () => ((isc.bodies.list = 'null'), client().list()) },
    { name: 'get __proto__ with a missing id', field: 'id', run: () => ((isc.bodies.get = `{"__proto__":{"polluted":true},${JSON.stringify(clientWith('id', MISSING)).slice(1)}`), client().get('x')) },
    token({}, 'access_token'),
    token({ access_token: 5, expires_in: 749 }, 'access_token'),
    token({ access_token: '', expires_in: 749 }, 'access_token'),
    token({ access_token: 't', expires_in: -1 }, 'expires_in'),
    token({ access_token: 't', expires_in: '749' }, 'expires_in'),
    token({ access_token: 't' }, 'expires_in'),
  ];
}
