/**
 * Child-process entry for plans-across-time-zones.test.ts: plans one fixed tenant (the whole
 * orchestrator in report mode, rotation planning included, plus the personal access token rules)
 * and prints one JSON line. TZ is read when the process starts, so the test runs this under each
 * time zone it compares.
 */
import { runJanitor } from '../../../lambdas/app/run-janitor.js';
import { DAY_MS } from '../../../lambdas/core/dates.js';
import type { OAuthClient } from '../../../lambdas/core/model/oauth-client.js';
import type { PersonalAccessToken } from '../../../lambdas/core/model/personal-access-token.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluatePats } from '../../../lambdas/core/plan/evaluate-pats.js';
import { parseIsoTime } from '../../../lambdas/core/parse-iso-date.js';
import type { ListFilter, ManagedClientSecret, OAuthClientsApi, SecretStore } from '../../../lambdas/core/ports.js';
import { doorKeyOf } from '../../../lambdas/app/door/door.js';

/**
 * 14:00 UTC on 2026-04-06 is already 03:45 on the 7th in Chatham (UTC+12:45), which left daylight
 * saving time (UTC+13:45) on 2026-04-05: every threshold below lies across that change.
 */
const NOW = new Date('2026-04-06T14:00:00.000Z');
const HOUR_MS = 3_600_000;
/** `days` whole days and `hours` hours before NOW. */
const ago = (days: number, hours = 0): string => new Date(NOW.getTime() - days * DAY_MS - hours * HOUR_MS).toISOString();

/**
 * Dates a whole number of days before NOW, give or take an hour or a minute: exactly where a
 * local-time calculation (a DST change lies between them and NOW in Chatham) lands on the
 * other side of a threshold or of a calendar day.
 */
function tenant(): OAuthClient[] {
  const clients: OAuthClient[] = [];
  let n = 0;
  const add = (fields: Partial<OAuthClient>) => {
    n += 1;
    clients.push({
      id: `tz${String(n).padStart(30, '0')}`,
      name: `client-${n}`,
      enabled: true,
      internal: false,
      created: ago(400),
      modified: ago(300),
      lastUsed: ago(1),
      scope: ['sp:oauth-client:read'],
      ...fields,
    });
  };
  for (const days of [29, 30, 31, 76, 89, 90, 91, 179, 180, 181, 193, 194]) {
    for (const hours of [-1, -1 / 60, 0, 1 / 60, 1, 13]) {
      add({ lastUsed: ago(days, hours) });
      add({ lastUsed: null, created: ago(days, hours), modified: ago(days, hours) });
      add({ enabled: false, lastUsed: ago(days, hours), modified: ago(days - 170, hours) });
    }
  }
  // Managed clients: one due for rotation by a few minutes, one whose rotation is about to retire its predecessor.
  add({ id: 'tzmanaged0000000000000000000001', name: 'ci-deploy', created: ago(90, 1 / 60), modified: ago(90) });
  add({ id: 'tzmanaged0000000000000000000002', name: 'ci-export', created: ago(3), modified: ago(3) });
  add({ id: 'tzmanaged0000000000000000000003', name: 'ci-export', created: ago(120), modified: ago(120), lastUsed: ago(7, 1) });
  return clients;
}

function tokens(): PersonalAccessToken[] {
  return [29, 30, 31, 89, 90, 91].flatMap((days, i) =>
    [-1, 0, 1].map((hours, j) => ({
      id: `tzpat${i}${j}`,
      name: `pat-${i}-${j}`,
      owner: { id: 'owner-1', name: 'Owner' },
      scope: null,
      created: ago(days + 30, hours),
      lastUsed: i % 2 === 0 ? ago(days, hours) : null,
      managed: false,
      expirationDate: ago(-days, hours),
    })),
  );
}

/** The tenant behind the port, filtering as ISC does, and the filters the run asked for. */
function fakeApi(clients: readonly OAuthClient[], filters: string[]): OAuthClientsApi {
  const refuse = (): never => {
    throw new Error('report mode must not call this');
  };
  return {
    list: async (filter?: ListFilter) => {
      if (filter === undefined) return { clients: [...clients], unreadable: [] };
      filters.push('lastUsedLe' in filter ? `lastUsed le ${filter.lastUsedLe.toISOString()}` : 'lastUsed isnull');
      const cutoff = 'lastUsedLe' in filter ? filter.lastUsedLe.getTime() : undefined;
      const matches = (client: OAuthClient) =>
        cutoff === undefined ? client.lastUsed === null : client.lastUsed !== null && (parseIsoTime(client.lastUsed) ?? Infinity) <= cutoff;
      return { clients: clients.filter(matches), unreadable: [] };
    },
    get: refuse,
    create: refuse,
  };
}

const secrets = new Map<string, ManagedClientSecret>([
  [
    'isc-oauth-janitor/clients/tz/ci-export',
    { clientId: 'tzmanaged0000000000000000000002', clientSecret: 'not-a-real-secret', baseUrl: 'https://tz.example', rotatedAt: ago(7, -1 / 60), previousClientId: 'tzmanaged0000000000000000000003' },
  ],
]);
const store: SecretStore = {
  read: async (name) => secrets.get(name),
  write: async () => {
    throw new Error('report mode must not write');
  },
};

const never = (): never => {
  throw new Error('report mode must not disable or delete');
};
const policy = parsePolicy({ mode: 'report', rotation: { enabled: true, names: ['^ci-'] }, pats: { enabled: true }, limits: { maxActions: 1000, maxFraction: 1 } });
const filters: string[] = [];
const report = await runJanitor({
  api: fakeApi(tenant(), filters),
  // Report mode: the door sends nothing, so its destructive half must never be reached.
  door: doorKeyOf({ clients: { disable: never, delete: never }, pats: { delete: never } }),
  policy,
  tenant: 'tz',
  selfClientId: 'self',
  clock: () => NOW,
  reportId: 'tz-report',
  rotation: { store, baseUrl: 'https://tz.example' },
});
const announced = new Map(tokens().map((token) => [token.id, [NOW.getTime() - 20 * DAY_MS]]));
const pats = evaluatePats({ tokens: tokens(), policy, now: NOW, selfClientId: 'self', announcements: announced });

process.stdout.write(
  `${JSON.stringify({ timeZone: process.env.TZ, offsetMinutes: NOW.getTimezoneOffset(), localDay: NOW.getDate(), filters, report, pats })}\n`,
);
