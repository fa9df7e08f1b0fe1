import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { SNSClient } from '@aws-sdk/client-sns';
import { SnsReportSubscriptions } from '../adapters/report/sns-report-subscriptions.js';
import { reconcileReportSubscriptions } from '../app/reconcile-report-subscriptions.js';
import { errorMessage } from '../core/error-message.js';
import * as z from 'zod';
import { DynamoDbTenantLeases } from '../adapters/tenants/dynamodb-tenant-leases.js';
import { DynamoDbTenantRegistry } from '../adapters/tenants/dynamodb-tenant-registry.js';
import { pickDueTenants, type PickedTenants } from '../app/pick-due-tenants.js';
import { configErrorFromZod } from '../core/config-error.js';
import { DEFERRED, describeFleetSummary, summarizeFleet, type FleetSummary } from '../core/fleet/summarize-fleet.js';
import { mapWithConcurrency } from '../app/map-with-concurrency.js';
import { redactingLogger } from '../core/redacting-logger.js';
import type { RunLogger } from '../core/run-logger.js';
import { parseFleetEvent, type SummarizeEvent } from './fleet-event.js';

export interface FleetHandlerDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly dynamodb: DynamoDBClient;
  /** For the per-tenant report subscriptions (REPORT_TOPIC_ARN); without it they are not reconciled. */
  readonly sns?: SNSClient;
  readonly logger: RunLogger;
  readonly metrics: Metrics;
}

/** The execution's answer: the fleet summary plus the tenants the tick passed by, and why. */
export type FleetOutcome = FleetSummary & Pick<SummarizeEvent, 'passed' | 'invalid'>;

const environmentSchema = z.object({
  TENANT_REGISTRY_TABLE: z.string({ error: 'is required: the tenant registry table (the stack sets it)' }).regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name'),
  REPORT_TOPIC_ARN: z.string().regex(/^arn:[\w-]+:sns:[\w-]+:\d{12}:[\w-]{1,256}$/, 'must be an SNS topic ARN').optional(),
});

/**
 * The nightly state machine's own function, composed from injected clients like the janitor's:
 * `pick-due` claims the tenants due now, `summarize` folds the per-tenant results into the fleet
 * summary, logs it with every tenant that did not end ok, and emits the fleet-wide counts the
 * "failed tenant runs" alarm watches.
 */
export function createFleetHandler(deps: FleetHandlerDependencies) {
  const logger = redactingLogger(deps.logger);
  let adapters: { registry: DynamoDbTenantRegistry; claims: DynamoDbTenantLeases; subscriptions?: SnsReportSubscriptions } | undefined;
  const adaptersOf = () => {
    if (!adapters) {
      const env = environmentSchema.safeParse(deps.env);
      if (!env.success) throw configErrorFromZod('environment', env.error);
      const tableName = env.data.TENANT_REGISTRY_TABLE;
      const topicArn = env.data.REPORT_TOPIC_ARN;
      adapters = {
        registry: new DynamoDbTenantRegistry({ client: deps.dynamodb, tableName }),
        claims: new DynamoDbTenantLeases({ client: deps.dynamodb, tableName }),
        ...(topicArn && deps.sns ? { subscriptions: new SnsReportSubscriptions(deps.sns, topicArn) } : {}),
      };
    }
    return adapters;
  };

  async function summarize(event: SummarizeEvent): Promise<FleetOutcome> {
    const summary = summarizeFleet(event.runs);
    // A tenant this tick could not run gets its day back, so the next tick inside its window runs it.
    const deferred = event.runs.filter((run) => run.outcome === DEFERRED && run.runDay !== undefined);
    if (deferred.length > 0) {
      const { claims } = adaptersOf();
      await mapWithConcurrency(deferred, 16, (run) => claims.unclaim(run.tenant, run.runDay!, event.execution));
    }
    logger.info('fleet summary', {
      execution: event.execution,
      summary: describeFleetSummary(summary),
      failed: summary.tenants.failed,
      blocked: summary.tenants.blocked,
      deferred: summary.tenants.deferred,
      passed: event.passed,
      invalid: event.invalid,
    });
    const count = (name: string, value: number) => deps.metrics.addMetric(name, MetricUnit.Count, value);
    count('TenantRunsOk', summary.ok);
    count('TenantRunsFailed', summary.failed);
    count('TenantRunsBlocked', summary.blocked);
    count('TenantRunsDeferred', summary.deferred);
    count('RegistryEntriesInvalid', event.invalid.length);
    deps.metrics.publishStoredMetrics();
    return { ...summary, passed: event.passed, invalid: event.invalid };
  }

  return async function fleetHandler(rawEvent: unknown): Promise<PickedTenants | FleetOutcome> {
    const event = parseFleetEvent(rawEvent);
    if (event.step === 'summarize') return await summarize(event);
    const { registry, claims, subscriptions } = adaptersOf();
    const picked = await pickDueTenants({ registry, claims, now: new Date(event.time), claimant: event.execution, logger });
    // Every tick, so a registry entry edited outside the CLI converges; never at the night's expense.
    if (subscriptions) {
      await reconcileReportSubscriptions({ registry, subscriptions, logger }).then(
        (result) => {
          if (result.nobodyReads) logger.warn('no report reaches anyone: no tenant lists reportEmails and nobody subscribed to every report', {});
        },
        (error: unknown) => logger.warn('report subscriptions not reconciled; the next tick tries again', { error: errorMessage(error) }),
      );
    }
    return picked;
  };
}
