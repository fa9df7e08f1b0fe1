import type { Policy } from '../../lambdas/core/model/policy.js';
import type { OAuthClientsApi, PersonalAccessTokensApi } from '../../lambdas/core/ports.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { createIscClient, type IscClient, type IscClientEvent } from '../../lambdas/adapters/isc/index.js';
import { runJanitor, type RunJanitorInput } from '../../lambdas/app/run-janitor.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import type { ChaosScenario } from './chaos-scenario.js';
import type { recordingLogger } from './recording-logger.js';
import { iscRemovalOf, registerIscRemoval } from '../../lambdas/adapters/isc/isc-removal.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';

/** The janitor as a chaos run drives it: tiny retry delays, a fixed clock, no client-side pacing. */
export const CHAOS_NOW = new Date('2026-03-01T12:00:00.000Z');
export const SAFETY_MARGIN_MS = 1_000;

/**
 * Per request during a chaos run: a stalled body ends here. The local sandbox answers in
 * milliseconds, so only a stall (or a rare hiccup, which is one more fault) reaches it.
 */
export const CHAOS_TIMEOUT_MS = 200;
/** The fault-free follow-up runs must not meet a timeout of the machine's making. */
export const FOLLOW_UP_TIMEOUT_MS = 5_000;

export function connect(sb: Sandbox, events: IscClientEvent[], timeoutMs = CHAOS_TIMEOUT_MS): IscClient {
  return createIscClient({
    baseUrl: sb.url,
    credentials: sb.credentials,
    retry: { baseDelayMs: 1, maxDelayMs: 5 },
    rateLimit: false,
    timeoutMs,
    now: () => CHAOS_NOW.getTime(),
    onEvent: (event) => events.push(event),
  });
}

export function run(
  api: OAuthClientsApi,
  policy: Policy,
  selfClientId: string,
  scenario: ChaosScenario,
  logger: ReturnType<typeof recordingLogger>,
  extra: Partial<Pick<RunJanitorInput, 'remainingTimeMs' | 'pats' | 'archive'>>,
): Promise<RunReport> {
  return runJanitor({
    api,
    door: doorKeyOf(iscRemovalOf(api)),
    policy,
    tenant: 'chaos',
    selfClientId,
    clock: () => CHAOS_NOW,
    reportId: `chaos-${scenario.seed}`,
    concurrency: scenario.concurrency,
    safetyMarginMs: SAFETY_MARGIN_MS,
    logger,
    ...extra,
  });
}

/**
 * Calls `before` ahead of every API call, so a revocation lands mid-run at a chosen call; its
 * destructive half (what the door gets, iscRemovalOf) calls it too.
 */
export function revoking(api: OAuthClientsApi, before: () => void): OAuthClientsApi {
  const wrapped: OAuthClientsApi = {
    list: (filter) => (before(), api.list(filter)),
    get: (id) => (before(), api.get(id)),
    create: (request) => (before(), api.create(request)),
  };
  const removal = iscRemovalOf(api);
  registerIscRemoval(wrapped, {
    clients: {
      patch: (id, operations) => (before(), removal.clients.patch(id, operations)),
      disable: (id) => (before(), removal.clients.disable(id)),
      delete: (id) => (before(), removal.clients.delete(id)),
    },
    pats: { delete: (id) => (before(), removal.pats.delete(id)) },
  });
  return wrapped;
}

/** `revoking` for the personal access tokens API (its deletions go through the clients' removal). */
export function revokingPats(api: PersonalAccessTokensApi, before: () => void): PersonalAccessTokensApi {
  return {
    list: (options) => (before(), api.list(options)),
    create: (request) => (before(), api.create(request)),
  };
}
