import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { RunReport } from '../core/report/run-report.js';
import { failedActions } from '../core/report/failed-actions.js';

/**
 * One Embedded Metric Format record per run (no CloudWatch API call): the numbers the stack's
 * dashboard and alarms read. Each value is written under two dimension sets: `Tenant` (the
 * dashboard's tenant selector) and none beyond the service (one alarm over every tenant, however
 * many there are). Names are a contract with lib/.
 */
export function emitRunMetrics(metrics: Metrics, report: RunReport, durationMs: number): void {
  forTenantAndFleet(metrics, report.tenant);
  const count = (name: string, value: number) => metrics.addMetric(name, MetricUnit.Count, value);
  count('ClientsTotal', report.counts.total);
  count('ClientsStale', report.counts.stale);
  count('ClientsNeverUsed', report.inventory.byInactivity.neverUsed);
  count('ClientsDisabled', report.mode === 'enforce' ? report.counts.disabled : 0);
  count('ClientsDeleted', report.mode === 'enforce' ? report.counts.deleted : 0);
  count('ClientsRotated', report.mode === 'enforce' ? report.counts.rotated : 0);
  count('ActionsFailed', failedActions(report));
  count('RunBlocked', report.outcome === 'blocked' ? 1 : 0);
  // 0 on a run without an archive too: the alarm then reads "no failure", not "no data".
  count('ArchiveWriteFailed', report.archive?.status === 'failed' ? 1 : 0);
  // Only when the policy sends notices: a failed one is a warning in the report and this count.
  if (report.notices) count('OwnerNoticesFailed', report.notices.failed);
  metrics.addMetric('RunDuration', MetricUnit.Milliseconds, durationMs);
  addCredentialMetrics(metrics, report);
  addTokenMetrics(metrics, report);
  metrics.publishStoredMetrics();
}

/**
 * The credential health as numbers: days until the janitor's PAT expires (only when known: a
 * PAT that never expires, or one the run could not read, writes no value rather than a made-up
 * one) and how many rotations are noted as failed.
 */
function addCredentialMetrics(metrics: Metrics, report: RunReport): void {
  const health = report.credentials;
  if (!health) return;
  const days = health.janitor?.daysToExpiry;
  if (typeof days === 'number') metrics.addMetric('CredentialDaysToExpiry', MetricUnit.Count, days);
  const failures = [health.janitor?.rotation, ...health.managedSecrets].filter((secret) => secret?.failure).length;
  metrics.addMetric('CredentialRotationFailures', MetricUnit.Count, failures);
}

/** Personal access tokens, when the policy governs them: how many, how many due, deleted and announced. */
function addTokenMetrics(metrics: Metrics, report: RunReport): void {
  const counts = report.pats?.counts;
  if (!counts) return;
  metrics.addMetric('TokensTotal', MetricUnit.Count, counts.total);
  metrics.addMetric('TokensDue', MetricUnit.Count, counts.stale);
  metrics.addMetric('TokensDeleted', MetricUnit.Count, report.mode === 'enforce' ? counts.deleted : 0);
  metrics.addMetric('TokensAnnounced', MetricUnit.Count, counts.upcoming);
}

/** A run refused because another run held the tenant's lease: it counts as blocked. */
export function emitBlockedRun(metrics: Metrics, tenant: string): void {
  forTenantAndFleet(metrics, tenant);
  metrics.addMetric('RunBlocked', MetricUnit.Count, 1);
  metrics.publishStoredMetrics();
}

function forTenantAndFleet(metrics: Metrics, tenant: string): void {
  metrics.addDimension('Tenant', tenant);
  // A second dimension set of the service alone: the fleet-wide series the alarms watch.
  metrics.addDimensions({});
}
