import { StoredReportArchive } from '../../lambdas/adapters/archive/stored-report-archive.js';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { fixtureReport } from '../adapters/report/fixture-report.js';
import { memoryObjectStore } from '../support/memory-object-store.js';
import { MISSING, NOW, valueName } from './api-response-cases.js';
import { HUGE } from './bad-input-case.js';
import { VALID_TOKEN, type ScriptedIsc } from './scripted-isc-server.js';
import { iscWithDoor } from '../support/isc-with-door.js';

const DAY = 86_400_000;
const OWNER = { type: 'IDENTITY', id: '2c9180a46faadee4016fb4e018c20639', name: 'Ada Lovelace' };
/** Unused for 200 days and announced 20 days ago: a fault-free enforcing run deletes it, so a slip would show. */
export const VALID_PAT = {
  id: '86f1dc6fe8f54414950454cbb11278fa',
  name: 'NodeJS Integration',
  scope: ['sp:scopes:all'],
  owner: OWNER,
  created: new Date(NOW.getTime() - 400 * DAY).toISOString(),
  lastUsed: new Date(NOW.getTime() - 200 * DAY).toISOString(),
  managed: false,
  accessTokenValiditySeconds: 43_200,
  expirationDate: null,
  userAwareTokenNeverExpires: true,
};
/** Used yesterday: nothing to do with it. */
export const FRESH_PAT = { ...VALID_PAT, id: '86f1dc6fe8f54414950454cbb1120001', name: 'fresh', lastUsed: new Date(NOW.getTime() - DAY).toISOString() };

/** Wrong types and missing required fields, per field of a token: the list skips it, naming it and the field. */
export const PAT_FIELDS: Record<string, readonly unknown[]> = {
  id: [MISSING, '', 5, null, []],
  name: [MISSING, 5, true, {}],
  scope: [MISSING, 'sp:scopes:all', [1]],
  owner: [MISSING, null, 'Ada', []],
  'owner.id': [MISSING, '', 5, null],
  created: [MISSING, 5, null, {}],
  lastUsed: [5, true, {}, []],
  managed: ['yes', 1],
  accessTokenValiditySeconds: ['43200', 1.5, {}],
  expirationDate: [5, true, {}],
  userAwareTokenNeverExpires: ['true', 1],
};

/** What the spec allows across versions (v3 has no userAwareTokenNeverExpires; lastUsed and managed are optional) and what SailPoint may add. */
export const PAT_TOLERATED: Record<string, readonly unknown[]> = {
  lastUsed: [MISSING, null],
  managed: [MISSING, null],
  expirationDate: [MISSING, null],
  userAwareTokenNeverExpires: [MISSING],
  accessTokenValiditySeconds: [MISSING],
  scope: [null, []],
  'owner.name': [MISSING, null],
  'owner.type': [MISSING, 'SERVICE_ACCOUNT'],
  brandNewField: [{ nested: true }],
};

/** The valid token with `field` (dotted for the owner's) set to `value`, or removed for MISSING. */
export function patWith(field: string, value: unknown): Record<string, unknown> {
  const [head, inner] = field.split('.') as [string, string | undefined];
  const copy: Record<string, unknown> = { ...VALID_PAT, owner: { ...OWNER } };
  const target = inner === undefined ? copy : (copy[head] as Record<string, unknown>);
  const key = inner ?? head;
  if (value === MISSING) delete target[key];
  else target[key] = value;
  return copy;
}

export interface PatEntryCase {
  readonly name: string;
  readonly entry: unknown;
  /** The id (or `#position`) and the field the warning must name. */
  readonly names: readonly string[];
}

export function unreadablePatCases(): PatEntryCase[] {
  return [
    ...Object.entries(PAT_FIELDS).flatMap(([field, values]) =>
      values.map((value): PatEntryCase => {
        const entry = patWith(field, value);
        const id = typeof entry.id === 'string' && entry.id !== '' ? entry.id : '#1';
        return { name: `pat list [1].${field} ${valueName(value)}`, entry, names: [id, field] };
      }),
    ),
    { name: 'pat list item is a number', entry: 5, names: ['#1', '(root)'] },
    { name: 'pat list item with a huge id and a bad owner', entry: { ...VALID_PAT, id: HUGE, owner: 7 }, names: ['owner'] },
  ];
}

/**
 * The whole orchestrator in enforce mode over a scripted token list, with the valid token's
 * deletion announced in the archive 20 days before: a run that misread an entry as that token
 * would send a DELETE (which the scripted server answers 500, and the caller sees as a request).
 */
export async function runOnPats(isc: ScriptedIsc, entries: readonly unknown[]): Promise<RunReport> {
  isc.bodies.token = VALID_TOKEN;
  isc.bodies.list = '[]';
  isc.bodies.pats = JSON.stringify(entries);
  const archive = new StoredReportArchive(memoryObjectStore());
  const startedAt = new Date(NOW.getTime() - 20 * DAY).toISOString();
  const announcement = { credential: 'personal-access-token' as const, clientId: VALID_PAT.id, name: VALID_PAT.name, action: 'delete' as const, on: '2026-02-23', reason: 'announced' };
  const earlier = fixtureReport({ reportId: 'earlier', tenant: 't', startedAt, finishedAt: startedAt, actions: [], upcoming: [announcement] });
  await archive.write(earlier);
  await archive.recordDelivery(earlier, { via: 'sns', deliveredAt: startedAt });
  const api = createIscClient({ baseUrl: isc.url, credentials: { clientId: 'janitor', clientSecret: 'pat-secret-value-123' }, retry: { attempts: 1 }, rateLimit: false });
  return runJanitor({
    ...iscWithDoor(api),
    pats: { api: api.personalAccessTokens, archive },
    policy: parsePolicy({ mode: 'enforce', pats: { enabled: true }, limits: { maxActions: 10, maxFraction: 1 } }),
    tenant: 't',
    selfClientId: 'janitor',
    clock: () => NOW,
    reportId: 'r',
  });
}
