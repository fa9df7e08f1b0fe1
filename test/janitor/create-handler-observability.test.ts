import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJanitorLogger, powertoolsRunLogger } from '../../lambdas/janitor/powertools-run-logger.js';
import { envelopeOf, lambdaContext, rejectionOf, startHandlerHarness } from './handler-harness.js';
import { captureAccessTokens } from '../support/capture-access-tokens.js';

afterEach(() => {
  vi.restoreAllMocks();
});

const METRIC_NAMES = ['ClientsTotal', 'ClientsStale', 'ClientsDisabled', 'ClientsDeleted', 'ActionsFailed', 'RunBlocked'];


/** A handler logging at DEBUG, so the ISC client's own events are in the output too. */
async function debugHarness() {
  const logger = powertoolsRunLogger(createJanitorLogger({ logLevel: 'DEBUG' }));
  return startHandlerHarness({ deps: { logger } });
}

describe('createHandler logs', () => {
  it('logs one line per action (tracking id on failure) and the run summary, and never a secret or token', async () => {
    const tokens = captureAccessTokens();
    const h = await debugHarness();
    const patSecret = h.sb.credentials.clientSecret;
    h.sb.faults.failNext(3, { route: 'delete' }, { kind: 'status', status: 500 });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    const logs = h.output.logs();
    const { report } = envelopeOf(h.publishes()[0]);
    const actionLines = logs.filter((line) => line.message === 'action');
    expect(actionLines).toHaveLength(report.actions.length);
    expect(new Set(actionLines.map((line) => line.clientId))).toEqual(new Set(report.actions.map((action) => action.clientId)));
    for (const line of actionLines) {
      expect(line).toMatchObject({ tenant: 'acme', clientId: expect.any(String), action: expect.stringMatching(/^(disable|delete)$/) });
    }
    expect(actionLines.filter((line) => line.outcome === 'done')).toHaveLength(7);
    const failedAction = report.actions.find((action) => action.outcome === 'failed');
    expect(actionLines.filter((line) => line.outcome === 'failed')).toEqual([
      expect.objectContaining({ level: 'ERROR', clientId: failedAction?.clientId, action: 'delete', status: 500, trackingId: failedAction?.error?.trackingId }),
    ]);
    expect(failedAction?.error?.trackingId).toMatch(/^[0-9a-f]{32}$/);
    expect(logs.filter((line) => line.message === 'run summary')).toEqual([
      expect.objectContaining({ level: 'INFO', tenant: 'acme', reportId: 'req-0001', mode: 'enforce', outcome: 'failed', counts: report.counts }),
    ]);
    expect(logs.some((line) => line.level === 'DEBUG' && line.message === 'isc client')).toBe(true);

    expect(tokens.length).toBeGreaterThanOrEqual(1);
    const artifacts = [h.output.text(), JSON.stringify(h.publishes()), inspect(error, { depth: 10 }), JSON.stringify(error), String(error)];
    for (const text of artifacts) {
      for (const secret of [patSecret, ...tokens]) expect(text).not.toContain(secret);
    }
  });

  it('logs planned actions in report mode, one line each', async () => {
    const h = await startHandlerHarness();
    await h.handler({ dryRun: true }, lambdaContext());

    const actionLines = h.output.logs().filter((line) => line.message === 'action');
    expect(actionLines).toHaveLength(8);
    expect(actionLines.every((line) => line.outcome === 'planned')).toBe(true);
  });
});

describe('createHandler metrics', () => {
  function metricRecords(h: Awaited<ReturnType<typeof startHandlerHarness>>) {
    return h.output.metrics() as Array<Record<string, unknown> & { _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][]; Metrics: Array<{ Name: string }> }> } }>;
  }

  it('emits one EMF record per run under IscOAuthJanitor, per tenant and fleet-wide, with the run numbers', async () => {
    const h = await startHandlerHarness();
    h.sb.faults.failNext(3, { route: 'delete' }, { kind: 'status', status: 500 });
    await rejectionOf(h.handler({}, lambdaContext()));

    const records = metricRecords(h);
    expect(records).toHaveLength(1);
    const [record] = records;
    const directive = record?._aws.CloudWatchMetrics[0];
    expect(directive?.Namespace).toBe('IscOAuthJanitor');
    // The tenant series (the dashboard's selector) and the service-only series (alarms over every tenant).
    expect(directive?.Dimensions).toEqual([['service', 'Tenant'], ['service']]);
    expect(directive?.Metrics.map((metric) => metric.Name)).toEqual(expect.arrayContaining(METRIC_NAMES));
    expect(record).toMatchObject({
      Tenant: 'acme',
      ClientsTotal: 20,
      ClientsStale: 8,
      ClientsDisabled: 7,
      ClientsDeleted: 0,
      ActionsFailed: 1,
      RunBlocked: 0,
    });
  });

  it('counts a blocked run, and nothing disabled in report mode', async () => {
    const h = await startHandlerHarness();
    await rejectionOf(h.handler({ policy: { limits: { maxFraction: 0.25 } } }, lambdaContext()));
    await h.handler({ dryRun: true, tenant: 'acme-dr' }, lambdaContext({ awsRequestId: 'req-0002' }));

    const [blocked, reportOnly] = metricRecords(h);
    expect(blocked).toMatchObject({ Tenant: 'acme', RunBlocked: 1, ClientsDisabled: 0, ClientsDeleted: 0, ClientsStale: 8 });
    expect(reportOnly).toMatchObject({ Tenant: 'acme-dr', RunBlocked: 0, ClientsDisabled: 0, ClientsDeleted: 0, ClientsStale: 8 });
  });
});
