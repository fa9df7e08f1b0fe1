import type { OAuthClientsApi } from '../../lambdas/core/ports.js';
import type { IscClientEvent } from '../../lambdas/adapters/isc/index.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { connect, revoking } from './chaos-janitor.js';
import type { FaultStep } from './chaos-scenario.js';
import { iscRemovalOf, registerIscRemoval } from '../../lambdas/adapters/isc/isc-removal.js';

export interface RotationChaosApi {
  readonly api: OAuthClientsApi;
  /** The client names the janitor sent a create for, in order. */
  readonly createNames: readonly string[];
  /** Every secret a create answer handed the janitor: none may show up in any output. */
  readonly createdSecrets: readonly string[];
  readonly revocations: () => number;
}

/**
 * The ISC client of a chaos run: the sandbox faults of `steps` scheduled, token revocations
 * fired before the chosen API calls, and every create recorded (name and secret) so the checks
 * know which successors the janitor saw and which secrets must never be printed.
 */
export function rotationChaosApi(sb: Sandbox, steps: readonly FaultStep[], events: IscClientEvent[]): RotationChaosApi {
  const revokeAt = new Set<number>();
  for (const step of steps) {
    if (step.kind === 'fail-next') sb.faults.failNext(step.count, step.match, step.fault);
    else if (step.kind === 'latency') sb.faults.setLatency(step.route, step.ms);
    else if (step.kind === 'error-rate') sb.faults.setErrorRate(step.route, step.rate, step.seed);
    else if (step.kind === 'ignore-filters') sb.faults.ignoreFilters(true);
    else revokeAt.add(step.atCall);
  }
  let calls = 0;
  let revocations = 0;
  const inner = revoking(connect(sb, events), () => {
    calls += 1;
    if (!revokeAt.has(calls)) return;
    sb.revokeTokens();
    revocations += 1;
  });
  const createNames: string[] = [];
  const createdSecrets: string[] = [];
  const api: OAuthClientsApi = {
    ...inner,
    create: async (request) => {
      createNames.push(request.name);
      const created = await inner.create(request);
      createdSecrets.push(created.secret);
      return created;
    },
  };
  // The door acts through the revoking wrapper's destructive half.
  registerIscRemoval(api, iscRemovalOf(inner));
  return { api, createNames, createdSecrets, revocations: () => revocations };
}
