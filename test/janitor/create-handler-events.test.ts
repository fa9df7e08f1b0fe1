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

  it('merges { policy: { mode: "enforce" } } over JANITOR_POLICY, keeping the configured limits', async () => {
    const configured = { ...ENFORCE_POLICY, mode: 'report' };
    const h = await startHandlerHarness({ env: { JANITOR_POLICY: JSON.stringify(configured) } });
    const summary = await h.handler({ policy: { mode: 'enforce' } }, lambdaContext());

    // Without the configured maxFraction (0.6) the default 0.25 would block this 8-of-20 plan.
    expect(summary).toMatchObject({ mode: 'enforce', outcome: 'ok', counts: { disabled: 7, deleted: 1 } });
    expect(h.sb.mutatingRequests()).toHaveLength(8);
    expect(envelopeOf(h.publishes()[0]).report.policy).toMatchObject({ mode: 'enforce', limits: { maxActions: 50, maxFraction: 0.6 } });
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
