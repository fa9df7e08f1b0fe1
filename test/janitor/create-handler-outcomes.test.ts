import { PublishCommand } from '@aws-sdk/client-sns';
import { describe, expect, it } from 'vitest';
import { JanitorRunError } from '../../lambdas/janitor/janitor-run-error.js';
import { envelopeOf, lambdaContext, rejectionOf, snsMock, startHandlerHarness } from './handler-harness.js';

describe('createHandler outcomes', () => {
  it('returns the summary of a successful run and has changed the tenant', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler({}, lambdaContext({ awsRequestId: 'c0ffee00-0000-4000-8000-000000000001' }));

    expect(summary).toEqual({
      reportId: 'c0ffee00-0000-4000-8000-000000000001',
      tenant: 'acme',
      mode: 'enforce',
      outcome: 'ok',
      counts: { total: 20, stale: 8, disabled: 7, deleted: 1, rotated: 0, failed: 0, notAttempted: 0, exempt: 2, upcoming: 1, skipped: 0 },
    });
    const { report } = envelopeOf(h.publishes()[0]);
    const disabled = report.actions.filter((action) => action.action === 'disable').map((action) => action.clientId);
    for (const id of disabled) expect(h.sb.state.get(id)?.enabled).toBe(false);
  });

  it('throws JanitorRunError after publishing when actions failed', async () => {
    const h = await startHandlerHarness();
    h.sb.faults.setErrorRate('patch', 1);

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error).toBeInstanceOf(JanitorRunError);
    expect((error as JanitorRunError).summary).toMatchObject({ outcome: 'failed', counts: { failed: 7, disabled: 0, deleted: 1 } });
    expect(error.message).toBe('OAuth client cleanup for acme failed: 7 action(s) failed (report req-0001)');
    expect(h.publishes()).toHaveLength(1);
    const { report } = envelopeOf(h.publishes()[0]);
    expect(report.outcome).toBe('failed');
    const failed = report.actions.filter((action) => action.outcome === 'failed');
    expect(failed).toHaveLength(7);
    for (const action of failed) expect(action.error).toMatchObject({ status: 500, trackingId: expect.stringMatching(/^[0-9a-f]{32}$/) });
    expect(h.publishes()[0]?.Subject).toBe('[acme] OAuth client cleanup: 0 disabled, 1 deleted, 7 failed');
  });

  it('throws JanitorRunError after publishing when the guard blocked the run, changing nothing', async () => {
    const h = await startHandlerHarness();
    const error = await rejectionOf(h.handler({ policy: { limits: { maxFraction: 0.25 } } }, lambdaContext()));

    expect(error).toBeInstanceOf(JanitorRunError);
    expect((error as JanitorRunError).summary.outcome).toBe('blocked');
    expect(error.message).toBe('OAuth client cleanup for acme was blocked by the guard (report req-0001)');
    expect(h.sb.mutatingRequests()).toEqual([]);
    const { report } = envelopeOf(h.publishes()[0]);
    expect(report.outcome).toBe('blocked');
    expect(report.blockedReason).toContain('limits.maxFraction 0.25');
    expect(report.actions.every((action) => action.outcome === 'not-attempted')).toBe(true);
  });

  it('fails the invocation when the publish fails, logging the full report first', async () => {
    const h = await startHandlerHarness();
    snsMock.on(PublishCommand).rejects(Object.assign(new Error('Topic does not exist'), { name: 'NotFoundException' }));

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error.name).toBe('NotFoundException');
    expect(error).not.toBeInstanceOf(JanitorRunError);
    const logged = h.output.logs().find((line) => line.message === 'report publish failed');
    expect(logged).toMatchObject({ level: 'ERROR', reportId: 'req-0001', error: { name: 'NotFoundException' } });
    const report = logged?.report as { actions: unknown[]; counts: { disabled: number } } | undefined;
    expect(report?.actions).toHaveLength(8);
    expect(report?.counts.disabled).toBe(7);
  });

  it('reports every action as not attempted when the Lambda has less time left than the safety margin', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler({}, lambdaContext({ getRemainingTimeInMillis: () => 19_000 }));

    expect(summary.counts).toMatchObject({ notAttempted: 8, disabled: 0, deleted: 0, failed: 0 });
    expect(h.sb.mutatingRequests()).toEqual([]);
    const { report } = envelopeOf(h.publishes()[0]);
    for (const action of report.actions) {
      expect(action).toMatchObject({ outcome: 'not-attempted', detail: 'the run ran out of time before this action' });
    }
  });

  it('stops starting actions once the remaining time drops below the margin', async () => {
    const h = await startHandlerHarness({ deps: { safetyMarginMs: 5_000 } });
    // Plenty of time for the invocation's deadline (read once at the start) and the seven
    // disables (each asked twice: before it starts, and by the door right before its PATCH);
    // then the clock is nearly out before the delete.
    let checks = 0;
    const getRemainingTimeInMillis = () => (++checks <= 15 ? 60_000 : 4_999);

    const summary = await h.handler({}, lambdaContext({ getRemainingTimeInMillis }));

    expect(summary.counts).toMatchObject({ disabled: 7, deleted: 0, notAttempted: 1 });
    expect(h.sb.mutatingRequests().map((r) => r.method)).toEqual(Array<string>(7).fill('PATCH'));
  });
});
