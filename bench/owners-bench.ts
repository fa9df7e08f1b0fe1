import { createIscClient } from '../lambdas/adapters/isc/create-isc-client.js';
import { lookUpOwners } from '../lambdas/app/owners/look-up-owners.js';
import { parsePolicy } from '../lambdas/core/model/policy.js';
import { silentLogger } from '../lambdas/core/run-logger.js';
import { startSandbox } from '../sandbox/start-sandbox.js';

export interface OwnersFigures {
  readonly clients: number;
  readonly batchSize: number;
  readonly eventQueries: number;
  readonly identityQueries: number;
  /** ceil(clients / batch size): the most event queries the owner lookup may cost. */
  readonly eventQueryBound: number;
  readonly owners: number;
  readonly orphans: number;
  readonly ms: number;
}

/**
 * The owner lookups of one run on a seeded tenant (every client has an API_CLIENT_CREATED event,
 * two of the six creators have left), counted from the sandbox's own request log: how many
 * search requests finding every client's owner costs.
 */
export async function runOwnersBench(clients: number): Promise<OwnersFigures> {
  const sandbox = await startSandbox({ seed: { count: clients, pats: 0 }, rateLimit: false });
  try {
    const api = createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false });
    const { clients: listed } = await api.list();
    const started = performance.now();
    const found = await lookUpOwners({ clients: listed, policy: parsePolicy({ owners: { fromAuditEvents: true } }), search: api.search, logger: silentLogger });
    const ms = performance.now() - started;
    const searches = sandbox.requests.filter((request) => request.route === 'search');
    if (searches.length !== found.queries.events + found.queries.identities) throw new Error(`the sandbox saw ${searches.length} searches, the lookup counted ${found.queries.events + found.queries.identities}`);
    return {
      clients: listed.length,
      batchSize: api.search.batchSize,
      eventQueries: found.queries.events,
      identityQueries: found.queries.identities,
      eventQueryBound: Math.ceil(listed.length / api.search.batchSize),
      owners: found.owners.size,
      orphans: [...found.owners.values()].filter((owner) => owner.orphaned === true).length,
      ms: Math.round(ms),
    };
  } finally {
    await sandbox.close();
  }
}

export function ownersLines(figures: OwnersFigures): string[] {
  return [
    `Owner lookups for ${figures.clients.toLocaleString('en-US')} clients (search batches of ${figures.batchSize}):`,
    `  event queries: ${figures.eventQueries} (bound ceil(clients / batch) = ${figures.eventQueryBound})`,
    `  identity queries: ${figures.identityQueries}`,
    `  owners found: ${figures.owners}, orphans: ${figures.orphans}, time: ${figures.ms} ms`,
  ];
}
