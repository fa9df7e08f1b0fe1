import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { ENFORCE_POLICY, SECRET_ID, envelopeOf, lambdaContext, rejectionOf, startHandlerHarness } from './handler-harness.js';
import { CLASSIC_SCHEDULED_EVENT, SCHEDULER_INPUT } from './sample-events.js';

/** The seed tenant (20 clients, seed 7) under ENFORCE_POLICY: 7 disables and 1 delete. */
const CONFIGURED_RUN_COUNTS = { total: 20, stale: 8, disabled: 7, deleted: 1, rotated: 0, failed: 0, notAttempted: 0, exempt: 2, upcoming: 1, skipped: 0 };

describe('createHandler events', () => {
  it('runs the scheduler input: its tenant label, its credentials secret, its policy', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler(SCHEDULER_INPUT, lambdaContext());

    expect(summary).toMatchObject({ tenant: 'acme-prod', mode: 'report', outcome: 'ok' });
    expect(summary.counts).toMatchObject({ total: 20, stale: 8, disabled: 7, deleted: 1 });
    expect(h.secretReads()).toEqual([{ SecretId: SCHEDULER_INPUT.credentialsSecretId, VersionStage: 'AWSCURRENT' }]);
    expect(h.sb.mutatingRequests()).toEqual([]);
    expect(h.publishes()[0]?.Subject).toBe('[acme-prod] OAuth client cleanup: would disable 7, would delete 1 (report only)');
  });

  it('treats an empty event as the configured run (environment secret, tenant and policy)', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler({}, lambdaContext());

    expect(summary).toEqual({ reportId: 'req-0001', tenant: 'acme', mode: 'enforce', outcome: 'ok', counts: CONFIGURED_RUN_COUNTS });
    expect(h.secretReads()).toEqual([{ SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }]);
    const mutations = h.sb.mutatingRequests().map((r) => r.method);
    expect(mutations.sort()).toEqual([...Array<string>(7).fill('PATCH'), 'DELETE'].sort());
    expect(h.publishes()).toHaveLength(1);
  });

  it('treats a classic EventBridge scheduled event as the configured run', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler(CLASSIC_SCHEDULED_EVENT, lambdaContext());

    expect(summary).toEqual({ reportId: 'req-0001', tenant: 'acme', mode: 'enforce', outcome: 'ok', counts: CONFIGURED_RUN_COUNTS });
    expect(h.sb.mutatingRequests()).toHaveLength(8);
  });

  it('runs in report mode on { dryRun: true } although the configured policy enforces', async () => {
    const h = await startHandlerHarness();
    const before = JSON.stringify(h.sb.state.all());
    const summary = await h.handler({ dryRun: true }, lambdaContext());

    expect(summary).toMatchObject({ mode: 'report', outcome: 'ok', counts: { disabled: 7, deleted: 1 } });
    expect(h.sb.mutatingRequests()).toEqual([]);
    expect(JSON.stringify(h.sb.state.all())).toBe(before);
    const { report } = envelopeOf(h.publishes()[0]);
    expect(report.actions.every((action) => action.outcome === 'planned')).toBe(true);
  });

  it('acts only on the clients named in { clientIds }', async () => {
    const h = await startHandlerHarness();
    await h.handler({ dryRun: true }, lambdaContext());
    const planned = envelopeOf(h.publishes()[0]).report.actions;
    const chosen = planned.filter((action) => action.action === 'disable').slice(0, 2).map((action) => action.clientId);

    const summary = await h.handler({ clientIds: [...chosen, 'no-such-client'] }, lambdaContext({ awsRequestId: 'req-0002' }));

    expect(summary.counts).toMatchObject({ disabled: 2, deleted: 0, stale: 8 });
    expect(h.sb.mutatingRequests().map((r) => r.path).sort()).toEqual(chosen.map((id) => `/v3/oauth-clients/${id}`).sort());
    const { report } = envelopeOf(h.publishes()[1]);
    expect(report.actions.map((action) => action.clientId).sort()).toEqual([...chosen].sort());
    expect(report.warnings).toContain('client id no-such-client was requested but does not exist in the tenant');
  });

  it('narrows the run with a tightening policy: more exemptions and a lower guard, merged over the deployed limits', async () => {
    const configured = { ...ENFORCE_POLICY, exempt: { names: ['^svc-'] } };
    const h = await startHandlerHarness({ env: { JANITOR_POLICY: JSON.stringify(configured) } });
    await h.handler({ dryRun: true }, lambdaContext());
    const planned = envelopeOf(h.publishes()[0]).report.actions.filter((action) => action.action === 'disable').slice(0, 2);

    const summary = await h.handler(
      { policy: { exempt: { names: ['^svc-'], ids: planned.map((action) => action.clientId) }, limits: { maxActions: 40 } } },
      lambdaContext({ awsRequestId: 'req-0002' }),
    );

    expect(summary).toMatchObject({ mode: 'enforce', outcome: 'ok', counts: { disabled: 5, deleted: 1 } });
    expect(h.sb.mutatingRequests()).toHaveLength(6);
    // The deployed maxFraction (0.6) stays: the default 0.25 would block this 6-of-20 plan.
    expect(envelopeOf(h.publishes()[1]).report.policy).toMatchObject({ mode: 'enforce', limits: { maxActions: 40, maxFraction: 0.6 } });
  });

  it('accepts { policy: { mode: "report" } } over an enforcing deployed policy: nothing is sent', async () => {
    const h = await startHandlerHarness();
    const summary = await h.handler({ policy: { mode: 'report' } }, lambdaContext());

    expect(summary).toMatchObject({ mode: 'report', outcome: 'ok', counts: { disabled: 7, deleted: 1 } });
    expect(h.sb.mutatingRequests()).toEqual([]);
  });
});

describe('createHandler events that would loosen the deployed policy', () => {
  const REPORT_ONLY = { env: { JANITOR_POLICY: JSON.stringify({ mode: 'report', exempt: { names: ['^svc-', '^ci-'] } }) } };

  it.each([
    ['enforce over report mode', { policy: { mode: 'enforce' } }, 'policy.mode', 'asks for "enforce" over report mode'],
    ['an empty exemption list', { policy: { exempt: { names: [] } } }, 'policy.exempt.names', 'removes 2 of its 2 entries'],
    ['a raised guard', { policy: { limits: { maxActions: 100_000 } } }, 'policy.limits.maxActions', 'raises it from 50 to 100000'],
    ['a raised fraction', { policy: { limits: { maxFraction: 1 } } }, 'policy.limits.maxFraction', 'raises it from 0.25 to 1'],
    ['a shorter threshold', { policy: { disableAfterDays: 1 } }, 'policy.disableAfterDays', 'shortens it from 90 to 1 days'],
    ['a shorter grace', { policy: { deleteGraceDays: 1 } }, 'policy.deleteGraceDays', 'shortens it from 14 to 1 days'],
    ['internal clients no longer exempt', { policy: { exempt: { internal: false } } }, 'policy.exempt.internal', 'turns it off'],
    ['loosening with dryRun set too', { dryRun: true, policy: { mode: 'enforce' } }, 'policy.mode', 'asks for "enforce"'],
  ])('refuses %s, naming the field, before reading a secret, calling ISC or publishing', async (_what, event, field, reason) => {
    const h = await startHandlerHarness(REPORT_ONLY);
    const error = await rejectionOf(h.handler(event, lambdaContext()));

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).fields).toEqual([field]);
    expect(error.message).toMatch(/^Invalid event: /);
    expect(error.message).toContain(`${field}: ${reason}`);
    expect(error.message).toContain("It may only tighten the deployed policy (JANITOR_POLICY and the tenant's registry policy)");
    expect(h.requestCount()).toBe(0);
    expect(h.secretReads()).toEqual([]);
    expect(h.publishes()).toEqual([]);
  });

  it('names every loosened field at once', async () => {
    const h = await startHandlerHarness(REPORT_ONLY);
    const error = await rejectionOf(h.handler({ policy: { mode: 'enforce', exempt: { names: [] }, limits: { maxActions: 100_000 } } }, lambdaContext()));

    expect((error as ConfigError).fields).toEqual(['policy.mode', 'policy.exempt.names', 'policy.limits.maxActions']);
  });
});

describe('createHandler invalid events', () => {
  it.each([
    ['a misspelt field', { dryrun: true }, 'dryrun'],
    ['a wrong type', { dryRun: 'true' }, 'dryRun'],
    ['client ids that are not a list', { clientIds: 'abc' }, 'clientIds'],
    ['a policy that is not an object', { policy: 'enforce' }, 'policy'],
    ['a policy invalid after the merge', { policy: { disableAfterDays: 400 } }, 'deleteAfterDays'],
    ['a policy field out of range', { policy: { limits: { maxFraction: 2 } } }, 'limits.maxFraction'],
    ['an unknown policy field', { policy: { mode: 'enforce', dryRun: true } }, 'dryRun'],
    ['a __proto__ key', JSON.parse('{"__proto__":{"dryRun":false}}') as unknown, '__proto__'],
    ['a __proto__ key in the policy', JSON.parse('{"policy":{"__proto__":{"mode":"enforce"}}}') as unknown, 'policy.__proto__'],
  ])('fails fast on %s, naming the field, before reading a secret, calling ISC or publishing', async (_what, event, field) => {
    const h = await startHandlerHarness();
    const error = await rejectionOf(h.handler(event, lambdaContext()));

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).fields).toContain(field);
    expect(error.message).toContain(`${field}:`);
    expect(h.requestCount()).toBe(0);
    expect(h.secretReads()).toEqual([]);
    expect(h.publishes()).toEqual([]);
    expect(({} as Record<string, unknown>).dryRun).toBeUndefined();
    expect(h.output.logs()).toContainEqual(expect.objectContaining({ level: 'ERROR', message: 'invocation failed' }));
  });

  it('names the merged policy as the source when the merge makes it invalid', async () => {
    const h = await startHandlerHarness();
    const error = await rejectionOf(h.handler({ policy: { disableAfterDays: 400 } }, lambdaContext()));
    expect(error.message).toMatch(/^Invalid policy \(JANITOR_POLICY merged with the tenant and event policies\): deleteAfterDays: must be greater/);
  });
});
