import { BatchWriteItemCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { CreateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import type { Metrics } from '@aws-lambda-powertools/metrics';
import { StateMachine, type RunOptions, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../../lambdas/adapters/tenants/dynamodb-tenant-registry.js';
import { toItem } from '../../lambdas/adapters/tenants/tenant-item.js';
import { mapWithConcurrency } from '../../lambdas/app/map-with-concurrency.js';
import { parseTenantEntry, type TenantEntryInput } from '../../lambdas/core/model/tenant-entry.js';
import { silentLogger, type RunLogger } from '../../lambdas/core/run-logger.js';
import { createFleetHandler, type FleetOutcome } from '../../lambdas/janitor/create-fleet-handler.js';
import { createHandler, type HandlerDependencies } from '../../lambdas/janitor/create-handler.js';
import { FLEET_STATES, fleetDefinition, substituteFleetArns, THROTTLED_ERROR } from '../../lib/fleet-definition.js';
import { motoClientConfig, uniqueName, type MotoServer } from './moto-server.js';
import { createRegistryTable } from './registry-table.js';

/**
 * The nightly state machine executed on this machine: the definition the stack deploys, run by
 * aws-local-stepfunctions, its tasks bound to the project's own handlers (the fleet function and
 * the janitor), with the registry, credentials secrets and report topic in moto and the tenants
 * served by local ISC sandboxes. Retry pauses are zeroed; everything else runs for real.
 */

const REGION_ARN = 'arn:aws:lambda:us-east-1:123456789012:function';

/** A tenant of the local fleet: its registry entry and the ISC it talks to. */
export interface LocalTenant {
  readonly entry: Omit<TenantEntryInput, 'credentialsSecretArn'>;
  readonly iscUrl: string;
  readonly credentials: { readonly clientId: string; readonly clientSecret: string };
}

/** What RunTenant receives: the Map's item (see fleet-definition.ts). */
export interface TenantRunInput {
  readonly tenant: string;
  readonly fleet: { readonly runDay: string; readonly execution: string; readonly reasonChars?: number };
}

/** Lambda's error when the function's reserved concurrency is used up. */
export class LambdaThrottledError extends Error {
  override readonly name = THROTTLED_ERROR;
}

export interface LocalFleetOptions {
  readonly moto: MotoServer;
  readonly tenants: readonly LocalTenant[];
  /** The janitor's clock (the sandboxes' too): reports and leases are stamped with it. */
  readonly clock: () => Date;
  /** JANITOR_POLICY. @default report mode */
  readonly basePolicy?: Record<string, unknown>;
  readonly maxConcurrency?: number;
  readonly janitor?: Partial<HandlerDependencies>;
  readonly logger?: RunLogger;
  /** Awaited around each janitor invocation: tests count them, the bench lends a sandbox and times them. */
  readonly onRun?: (tenant: string, phase: 'start' | 'end', error?: unknown) => void | Promise<void>;
  /** Registry entries and secrets written at once while setting up. @default 8 */
  readonly setupConcurrency?: number;
  /**
   * Stands in for the janitor (fleets too big for a sandbox each): no credentials secrets are
   * made, and `iscUrl` and `credentials` go unread.
   */
  readonly runTenant?: (input: TenantRunInput, leases: DynamoDbTenantLeases) => Promise<unknown>;
  /**
   * The janitor's reserved concurrency, shared by every tick of this fleet: an invocation beyond
   * it fails with Lambda's throttling error, as in AWS. @default unlimited
   */
  readonly reservedConcurrency?: number;
}

export interface LocalFleet {
  readonly table: string;
  readonly registry: DynamoDbTenantRegistry;
  /** The reports topic (REPORT_TOPIC_ARN of both functions). */
  readonly topicArn: string;
  /** The leases and day claims on the registry's items, as the functions see them. */
  readonly leases: DynamoDbTenantLeases;
  /** Each tenant's credentials secret (name -> ARN). */
  readonly secretArns: ReadonlyMap<string, string>;
  readonly secretsManager: SecretsManagerClient;
  /** One tick: an execution of the state machine started at `startTime`. */
  tick(execution: string, startTime: Date): Promise<FleetOutcome>;
  /** The largest state input or output (JSON bytes) any tick has had so far: Step Functions refuses over 256 KB. */
  largestStateBytes(): number;
}

/** Metrics that go nowhere (the handlers' EMF records are not what these runs measure). */
export const discardMetrics = {
  addDimension: () => discardMetrics,
  addDimensions: () => discardMetrics,
  addMetric: () => undefined,
  publishStoredMetrics: () => undefined,
} as unknown as Metrics;

export async function startLocalFleet(options: LocalFleetOptions): Promise<LocalFleet> {
  const aws = motoClientConfig(options.moto);
  const dynamodb = new DynamoDBClient(aws);
  const secretsManager = new SecretsManagerClient(aws);
  const sns = new SNSClient(aws);
  const table = await createRegistryTable(dynamodb, 'fleet');
  const registry = new DynamoDbTenantRegistry({ client: dynamodb, tableName: table });
  const leases = new DynamoDbTenantLeases({ client: dynamodb, tableName: table });
  const topic = await sns.send(new CreateTopicCommand({ Name: uniqueName('reports') }));

  const secretArns = new Map<string, string>();
  if (options.runTenant) {
    // No janitor, so no secrets to read: the entries go in 25 at a time, as fast as moto takes them.
    const items = options.tenants.map((tenant) => {
      const arn = `arn:aws:secretsmanager:us-east-1:123456789012:secret:isc-oauth-janitor/credentials/${tenant.entry.name}`;
      secretArns.set(tenant.entry.name, arn);
      return toItem(parseTenantEntry({ ...tenant.entry, credentialsSecretArn: arn }));
    });
    const batches = Array.from({ length: Math.ceil(items.length / 25) }, (_, index) => items.slice(index * 25, index * 25 + 25));
    await mapWithConcurrency(batches, 4, (batch) => dynamodb.send(new BatchWriteItemCommand({ RequestItems: { [table]: batch.map((Item) => ({ PutRequest: { Item } })) } })));
  } else {
    await mapWithConcurrency(options.tenants, options.setupConcurrency ?? 8, async (tenant) => {
      const secret = await secretsManager.send(
        new CreateSecretCommand({
          Name: `isc-oauth-janitor/credentials/${tenant.entry.name}-${uniqueName('s')}`,
          SecretString: JSON.stringify({ baseUrl: tenant.iscUrl, ...tenant.credentials }),
        }),
      );
      secretArns.set(tenant.entry.name, secret.ARN!);
      await registry.add(parseTenantEntry({ ...tenant.entry, credentialsSecretArn: secret.ARN }));
    });
  }

  const logger = options.logger ?? silentLogger;
  const janitor = createHandler({
    env: { TENANT_REGISTRY_TABLE: table, REPORT_TOPIC_ARN: topic.TopicArn, JANITOR_POLICY: JSON.stringify(options.basePolicy ?? {}) },
    secretsManager,
    sns,
    dynamodb,
    logger,
    metrics: discardMetrics,
    clock: options.clock,
    iscClient: { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, timeoutMs: 10_000 },
    ...options.janitor,
  });
  const fleet = createFleetHandler({ env: { TENANT_REGISTRY_TABLE: table, REPORT_TOPIC_ARN: topic.TopicArn }, dynamodb, sns, logger, metrics: discardMetrics });
  const definition = substituteFleetArns(fleetDefinition({ maxConcurrency: options.maxConcurrency ?? 4, janitorTimeoutSeconds: 300 }), {
    fleet: `${REGION_ARN}:Fleet`,
    janitor: `${REGION_ARN}:Janitor`,
  });
  const machine = new StateMachine(definition as unknown as StateMachineDefinition);
  let requests = 0;
  let inFlight = 0;
  let largest = 0;

  const runTenant = async (input: unknown): Promise<unknown> => {
    const tenant = (input as { tenant: string }).tenant;
    if (options.reservedConcurrency !== undefined && inFlight >= options.reservedConcurrency) {
      throw new LambdaThrottledError(`Rate Exceeded. (reserved concurrency ${options.reservedConcurrency})`);
    }
    inFlight += 1;
    await options.onRun?.(tenant, 'start');
    try {
      const context = { awsRequestId: `req-${++requests}`, getRemainingTimeInMillis: () => 300_000 };
      const result = options.runTenant ? await options.runTenant(input as TenantRunInput, leases) : await janitor(input, context);
      await options.onRun?.(tenant, 'end');
      return result;
    } catch (error) {
      await options.onRun?.(tenant, 'end', error);
      throw error;
    } finally {
      inFlight -= 1;
    }
  };
  const measure = (value: unknown) => {
    if (value !== undefined) largest = Math.max(largest, Buffer.byteLength(JSON.stringify(value)));
  };

  return {
    table,
    registry,
    topicArn: topic.TopicArn!,
    leases,
    secretArns,
    secretsManager,
    async tick(execution, startTime) {
      const id = `arn:aws:states:us-east-1:123456789012:execution:Fleet:${execution}`;
      const run = machine.run(
        {},
        {
          overrides: {
            taskResourceLocalHandlers: {
              // aws-local-stepfunctions stamps $$.Execution.StartTime with the real clock, whatever
              // the context says: the tick's own time replaces it here, as the one seam.
              [FLEET_STATES.pick]: asLambda((event) => fleet({ ...(event as object), time: startTime.toISOString() })),
              [FLEET_STATES.summarize]: asLambda(fleet),
              [FLEET_STATES.run]: asLambda(runTenant),
            },
            retryIntervalOverrides: { [FLEET_STATES.pick]: 0, [FLEET_STATES.run]: 0, [FLEET_STATES.summarize]: 0 },
          },
          context: { Execution: { Id: id, Name: execution } },
        },
      );
      const watching = (async () => {
        for await (const event of run.eventLogs) {
          if ('input' in event) measure(event.input);
          if ('output' in event) measure(event.output);
        }
      })();
      const outcome = (await run.result) as unknown as FleetOutcome;
      await watching;
      return outcome;
    },
    largestStateBytes: () => largest,
  };
}

type LocalHandler = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>[string];

/** As Lambda hands a result back: through JSON (dates become strings, undefined keys vanish). */
function asLambda(handler: (event: unknown) => Promise<unknown>): LocalHandler {
  return async (input) => JSON.parse(JSON.stringify(await handler(input))) as Awaited<ReturnType<LocalHandler>>;
}
