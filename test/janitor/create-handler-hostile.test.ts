import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { JanitorRunError } from '../../lambdas/janitor/janitor-run-error.js';
import { lambdaContext, rejectionOf, startHandlerHarness, type HandlerHarness } from './handler-harness.js';

/** The handler against a tenant that stalls, echoes secrets and never answers: always one report. */
function publishedReport(h: HandlerHarness): RunReport {
  const message = JSON.parse(h.publishes()[0]?.Message ?? '{}') as { sqs: string };
  return JSON.parse(message.sqs) as RunReport;
}

/** A context whose remaining time runs down with the real clock, as Lambda's does. */
function contextEnding(inMs: number) {
  const end = Date.now() + inMs;
  return lambdaContext({ getRemainingTimeInMillis: () => end - Date.now() });
}

describe('createHandler under a hostile tenant', () => {
  it('publishes a failed report, then throws, when no token can be had (network)', async () => {
    const h = await startHandlerHarness();
    h.sb.faults.failNext(10, { route: 'token' }, { kind: 'drop' });

    const error = await rejectionOf(h.handler({}, lambdaContext({ awsRequestId: 'req-net' })));

    expect(error.name).toBe('IscApiError');
    expect(h.publishes()).toHaveLength(1);
    const report = publishedReport(h);
    expect(report).toMatchObject({ reportId: 'req-net', tenant: 'acme', mode: 'enforce', outcome: 'failed', actions: [] });
    expect(report.failedReason).toBe(error.message);
    expect(h.output.logs().some((line) => line.message === 'run failed before evaluation')).toBe(true);
  });

  it('stops a listing that stalls when the Lambda is about to time out, and still publishes the report', async () => {
    const h = await startHandlerHarness({ deps: { reportReserveMs: 10_000 } });
    h.sb.faults.failNext(3, { route: 'list' }, { kind: 'stall' });

    const error = await rejectionOf(h.handler({}, contextEnding(10_200)));

    expect(error.message).toContain('the Lambda function was about to time out');
    expect(publishedReport(h)).toMatchObject({ outcome: 'failed', failedReason: error.message });
  });

  it('aborts actions still in flight at the reserve, starts none after the margin, and publishes what happened', async () => {
    const h = await startHandlerHarness({ deps: { safetyMarginMs: 1_100, reportReserveMs: 1_000 } });
    h.sb.faults.failNext(20, { route: 'patch' }, { kind: 'stall' });

    const error = await rejectionOf(h.handler({}, contextEnding(2_000)));

    expect(error).toBeInstanceOf(JanitorRunError);
    const report = publishedReport(h);
    const disables = report.actions.filter((action) => action.action === 'disable');
    expect(disables.length).toBeGreaterThan(0);
    for (const action of disables) {
      expect(action.outcome).toBe('failed');
      expect(action.error?.message).toContain('the Lambda function was about to time out');
    }
    expect(report.actions.filter((action) => action.action === 'delete').map((action) => action.outcome)).toEqual(['not-attempted']);
    expect(h.sb.mutatingRequests().every((request) => request.method === 'PATCH')).toBe(true);
  });

  it('keeps the PAT secret out of the thrown error, every log line and the SNS message when ISC echoes it', async () => {
    const h = await startHandlerHarness();
    const secret = h.sb.credentials.clientSecret;
    h.sb.faults.failNext(10, { route: 'token' }, { kind: 'echo-secret' });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(h.sb.requests.length).toBeGreaterThan(0);
    expect(`${error.message}\n${error.stack ?? ''}`).not.toContain(secret);
    expect(h.output.text()).toContain('invocation failed');
    expect(h.output.text()).not.toContain(secret);
    expect(JSON.stringify(h.publishes())).not.toContain(secret);
    expect(publishedReport(h).failedReason).toContain('[redacted]');
  });

  it('keeps an echoed bearer token out of the report of a failed action', async () => {
    const h = await startHandlerHarness();
    h.sb.faults.failNext(30, { route: 'patch', method: 'PATCH' }, { kind: 'echo-secret' }); // every attempt of every disable

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error).toBeInstanceOf(JanitorRunError);
    const everything = `${h.output.text()}\n${JSON.stringify(h.publishes())}`;
    expect(everything).toContain('[redacted]');
    expect(everything).not.toMatch(/Bearer (?!\[redacted\])/);
    expect(everything).not.toContain(h.sb.credentials.clientSecret);
  });
});

describe('createHandler ISC_REQUEST_TIMEOUT_S', () => {
  it('bounds every ISC request, body included: a stalled list ends in a timeout and a failed report', async () => {
    const h = await startHandlerHarness({ env: { ISC_REQUEST_TIMEOUT_S: '0.1' } });
    h.sb.faults.failNext(20, { route: 'list' }, { kind: 'stall' });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error.message).toContain('timed out (no complete response within 100 ms)');
    expect(publishedReport(h)).toMatchObject({ outcome: 'failed', failedReason: error.message });
  });

  it('refuses a value that is not a number of seconds, naming the variable, before any request', async () => {
    const h = await startHandlerHarness({ env: { ISC_REQUEST_TIMEOUT_S: '30s' } });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error.message).toBe('Invalid environment: ISC_REQUEST_TIMEOUT_S: must be a number of seconds, such as 30');
    expect(h.requestCount()).toBe(0);
  });
});
