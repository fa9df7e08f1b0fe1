import { Duration } from 'aws-cdk-lib';
import { Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The functions' custom metrics, as the handlers emit them (Powertools Metrics, Embedded Metric
 * Format). Alarms and dashboards must name the exact dimension set: Powertools always adds
 * `service`; each run's numbers are written twice, with `Tenant` (one tenant's series) and
 * without (the fleet's series), and a metric queried with other dimensions is a different one.
 */

export const METRICS_NAMESPACE = 'IscOAuthJanitor';
export const SERVICE_NAME = 'isc-oauth-janitor';

export type JanitorMetricName =
  | 'ClientsTotal'
  | 'ClientsStale'
  | 'ClientsNeverUsed'
  | 'ClientsDisabled'
  | 'ClientsDeleted'
  | 'ClientsRotated'
  | 'ActionsFailed'
  | 'RunBlocked'
  // A run's report could not be written to the evidence archive (0 or 1 per run).
  | 'ArchiveWriteFailed'
  | 'RunDuration'
  // The credential health (janitor's PAT expiry, secrets whose last rotation failed).
  | 'CredentialDaysToExpiry'
  | 'CredentialRotationFailures'
  // The fleet function's, per night tick (fleet-wide only).
  | 'TenantRunsOk'
  | 'TenantRunsFailed'
  | 'TenantRunsBlocked'
  | 'RegistryEntriesInvalid';

/** Gauges (inventory counts) read as the latest value; per-run counts add up. */
const GAUGES: ReadonlySet<JanitorMetricName> = new Set(['ClientsTotal', 'ClientsStale', 'ClientsNeverUsed']);

export interface JanitorMetricOptions {
  /** @default - Maximum for gauges and RunDuration, Sum for per-run counts */
  readonly statistic?: string;
  /** @default Duration.days(1): one nightly run per period */
  readonly period?: Duration;
  /** Legend text. Alarms leave it unset: a label turns the alarm into a metric-math alarm. @default - none */
  readonly label?: string;
}

/**
 * The dimension value the fleet dashboard's tenant selector replaces (a property variable on
 * `Tenant`): no tenant is named in the template, so the template is the same for any number.
 */
export const SELECTED_TENANT = 'selected-tenant';

/** A metric with the dimension set the handlers write: one tenant's series, or the fleet's without `tenant`. */
export function janitorMetric(name: JanitorMetricName, tenant: string | undefined, options: JanitorMetricOptions = {}): Metric {
  const defaultStatistic = GAUGES.has(name) || name === 'RunDuration' ? Stats.MAXIMUM : Stats.SUM;
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: tenant === undefined ? { service: SERVICE_NAME } : { service: SERVICE_NAME, Tenant: tenant },
    statistic: options.statistic ?? defaultStatistic,
    period: options.period ?? Duration.days(1),
    ...(options.label === undefined ? {} : { label: options.label }),
  });
}
