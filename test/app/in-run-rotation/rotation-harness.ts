import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { DirectorySecretStore } from '../../../lambdas/adapters/secret-store/directory-secret-store.js';
import { parsePolicy, type PolicyInput } from '../../../lambdas/core/model/policy.js';
import type { SecretStore } from '../../../lambdas/core/ports.js';
import type { RunLogger } from '../../../lambdas/core/run-logger.js';
import type { RunReport } from '../../../lambdas/core/report/run-report.js';
import { createIscClient, type IscClient } from '../../../lambdas/adapters/isc/index.js';
import type { OAuthClient } from '../../core/make-client.js';
import { runJanitor } from '../../../lambdas/app/run-janitor.js';
import { startSandbox, type Sandbox } from '../../../sandbox/start-sandbox.js';
import { DAY_MS } from '../../../lambdas/core/dates.js';
import { daysAgo, makeClient, NOW } from '../../core/make-client.js';
import { iscWithDoor } from '../../support/isc-with-door.js';

/**
 * A sandbox tenant on 127.0.0.1 with a clock the test moves, a DirectorySecretStore in a fresh
 * temporary directory, and runJanitor wired to both over real HTTP. Closed after each test.
 */
export const SELF_ID = 'rot00000000000000000000000005e1f';
export const SELF_SECRET = 'rotation-pat-secret-0b1c2d3e4f';
export const TENANT = 'acme';
export const MANAGED = 'ci-deploy';
/** The managed client, 100 days old, with a secret the test knows (to act as its consumer). */
export const CURRENT_ID = 'rot000000000000000000000000c0001';
export const CURRENT_SECRET = 'current-client-secret-9f8e7d6c5b';
export const SECRET_NAME = `isc-oauth-janitor/clients/${TENANT}/${MANAGED}`;
export const FAST = { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } } as const;

const opened: { sandbox: Sandbox; dir: string }[] = [];
afterEach(async () => {
  for (const { sandbox, dir } of opened.splice(0)) {
    await sandbox.close();
    await rm(dir, { recursive: true, force: true });
  }
});

export interface RotationTenant {
  readonly sandbox: Sandbox;
  readonly api: IscClient;
  /** Every event the ISC client emitted (requests, retries): checked for leaks. */
  readonly events: readonly unknown[];
  readonly dir: string;
  readonly store: DirectorySecretStore;
  /** Move the shared clock (sandbox and janitor) by whole days from NOW. */
  setDay(days: number): void;
  now(): Date;
  run(options?: { policy?: PolicyInput; store?: SecretStore; logger?: RunLogger }): Promise<RunReport>;
  /** Files in the secrets directory. */
  files(): Promise<string[]>;
}

export function managedClient(overrides: Partial<OAuthClient> = {}): OAuthClient {
  return makeClient({
    id: CURRENT_ID,
    name: MANAGED,
    secret: null,
    created: daysAgo(100),
    modified: daysAgo(100),
    lastUsed: daysAgo(1),
    scope: ['idn:sources:read', 'idn:accounts:read'],
    description: 'deploys from CI',
    businessName: 'Platform team',
    homepageUrl: 'https://ci.example.com',
    accessTokenValiditySeconds: 900,
    redirectUris: ['https://ci.example.com/callback'],
    ...overrides,
  });
}

export async function startRotationTenant(clients: OAuthClient[] = [managedClient()], secrets: Record<string, string> = { [CURRENT_ID]: CURRENT_SECRET }): Promise<RotationTenant> {
  let now = NOW;
  const sandbox = await startSandbox({
    now: () => now,
    // Bystanders in active use keep one rotation well under the guard's maxFraction.
    clients: [makeClient({ id: SELF_ID, name: 'isc-oauth-janitor', secret: null }), ...bystanders(), ...clients],
    secrets,
    credentials: { clientId: SELF_ID, clientSecret: SELF_SECRET },
    rateLimit: false,
  });
  const dir = await mkdtemp(join(tmpdir(), 'janitor-rotation-'));
  opened.push({ sandbox, dir });
  const events: unknown[] = [];
  const api = createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false, ...FAST, onEvent: (event) => events.push(event) });
  const store = new DirectorySecretStore({ directory: dir });
  return {
    sandbox,
    api,
    events,
    dir,
    store,
    setDay: (days) => {
      now = new Date(NOW.getTime() + days * DAY_MS);
    },
    now: () => now,
    run: (options = {}) =>
      runJanitor({
        ...iscWithDoor(api),
        policy: parsePolicy({ mode: 'enforce', rotation: { enabled: true, names: ['^ci-'] }, ...options.policy }),
        tenant: TENANT,
        selfClientId: SELF_ID,
        clock: () => now,
        reportId: 'report-rotation',
        rotation: { store: options.store ?? store, baseUrl: sandbox.url, retryDelayMs: 1 },
        ...(options.logger ? { logger: options.logger } : {}),
      }),
    files: async () => (await readdir(dir)).sort(),
  };
}

function bystanders(): OAuthClient[] {
  return Array.from({ length: 8 }, (_, i) => makeClient({ id: `rot0000000000000000000000000b00${i}`, name: `app-${i}`, secret: null }));
}

/** A client-credentials token at the sandbox's /oauth/token: what a consumer of the secret does. */
export async function clientToken(sandbox: Sandbox, clientId: string, clientSecret: string): Promise<number> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const res = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await res.text();
  return res.status;
}
