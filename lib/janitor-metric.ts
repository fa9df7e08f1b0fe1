import { Duration } from 'aws-cdk-lib';
import { Metric, Stats } from 'aws-cdk-lib/aws-cloudwatch';

/**
 * The function's custom metrics, as the handler emits them (Powertools Metrics, Embedded Metric
 * Format). Alarms and dashboards must name the exact dimension set: Powertools always adds
 * `service` beside our `Tenant`, and a metric queried with fewer dimensions is a different one.
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
  | 'RunDuration';

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

/** One tenant's metric with the dimension set the handler writes. */
export function janitorMetric(name: JanitorMetricName, tenant: string, options: JanitorMetricOptions = {}): Metric {
  const defaultStatistic = GAUGES.has(name) || name === 'RunDuration' ? Stats.MAXIMUM : Stats.SUM;
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: name,
    dimensionsMap: { service: SERVICE_NAME, Tenant: tenant },
    statistic: options.statistic ?? defaultStatistic,
    period: options.period ?? Duration.days(1),
    ...(options.label === undefined ? {} : { label: options.label }),
  });
}
