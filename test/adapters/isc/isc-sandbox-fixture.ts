import { afterEach } from 'vitest';
import { createIscClient, type IscClient, type IscClientConfig, type IscClientEvent } from '../../../lambdas/adapters/isc/create-isc-client.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../../sandbox/start-sandbox.js';

/**
 * A sandbox plus an ISC client wired to it, with tiny retry delays (no test sleeps for seconds)
 * and every client event recorded. Sandboxes are closed after each test.
 */
export const FIXED_NOW = new Date('2026-03-01T12:00:00.000Z');

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});

export interface Harness {
  sb: Sandbox;
  client: IscClient;
  events: IscClientEvent[];
  /** Requests the sandbox saw for a route. */
  count(route: string, method?: string): number;
}

export async function startHarness(
  sandboxOptions: SandboxOptions = {},
  clientOptions: Partial<IscClientConfig> = {},
): Promise<Harness> {
  const sb = await startSandbox({ seed: { count: 20, seed: 7, now: FIXED_NOW }, ...sandboxOptions });
  open.push(sb);
  const events: IscClientEvent[] = [];
  const client = createIscClient({
    baseUrl: sb.url,
    credentials: sb.credentials,
    retry: { attempts: 4, baseDelayMs: 2, maxDelayMs: 20 },
    rateLimit: false,
    timeoutMs: 5_000,
    onEvent: (e) => events.push(e),
    ...clientOptions,
  });
  const count = (route: string, method?: string): number =>
    sb.requests.filter((r) => r.route === route && (method === undefined || r.method === method)).length;
  return { sb, client, events, count };
}

/** A valid create request. */
export const NEW_CLIENT = {
  name: 'janitor-test-client',
  description: 'created by the ISC client tests',
  accessTokenValiditySeconds: 750,
  grantTypes: ['CLIENT_CREDENTIALS'],
  accessType: 'OFFLINE',
  enabled: true,
  scope: ['sp:oauth-client:read'],
} as const;
