import { describe, expect, it } from 'vitest';
import { clientToken, CURRENT_ID, CURRENT_SECRET, SECRET_NAME, startRotationTenant } from './rotation-harness.js';

const patchesOf = (tenant: Awaited<ReturnType<typeof startRotationTenant>>) =>
  tenant.sandbox.mutatingRequests().filter((r) => r.method === 'PATCH').map((r) => r.path);

describe('planRetirement (through runJanitor, sandbox over HTTP)', () => {
  it('disables the predecessor only once overlapDays have passed and nobody used it', async () => {
    const tenant = await startRotationTenant();
    await tenant.run();
    const successorId = (await tenant.store.read(SECRET_NAME))?.clientId;

    tenant.setDay(6);
    const early = await tenant.run();
    expect(early.actions).toEqual([]);
    expect(patchesOf(tenant)).toEqual([]);

    tenant.setDay(7);
    const due = await tenant.run();
    expect(patchesOf(tenant)).toEqual([`/v3/oauth-clients/${CURRENT_ID}`]);
    expect(tenant.sandbox.state.get(CURRENT_ID)?.enabled).toBe(false);
    expect(due.actions).toEqual([
      expect.objectContaining({
        clientId: CURRENT_ID,
        action: 'disable',
        outcome: 'done',
        reason: expect.stringMatching(new RegExp(`^rotated on 2026-11-23, replaced by ${successorId}, unused since \\(last used 2026-11-22\\)`)),
      }),
    ]);
    expect(tenant.sandbox.state.get(successorId ?? '')?.enabled).toBe(true);
  });

  it('leaves a predecessor still in use enabled and warns that consumers have not moved', async () => {
    const tenant = await startRotationTenant();
    await tenant.run();
    tenant.setDay(3);
    expect(await clientToken(tenant.sandbox, CURRENT_ID, CURRENT_SECRET)).toBe(200);

    tenant.setDay(7);
    const report = await tenant.run();

    expect(patchesOf(tenant)).toEqual([]);
    expect(tenant.sandbox.state.get(CURRENT_ID)?.enabled).toBe(true);
    expect(report.warnings).toEqual([
      expect.stringContaining(`predecessor ci-deploy (${CURRENT_ID}) is still in use 7 days after its rotation on 2026-11-23 (last used 2026-11-26): consumers have not picked up the new secret at ${SECRET_NAME}`),
    ]);
  });

  it('rotates the successor only when its own age reaches maxAgeDays', async () => {
    const tenant = await startRotationTenant();
    await tenant.run();
    const first = await tenant.store.read(SECRET_NAME);

    // Long staleness limits: this test is about rotation age, not about idle clients.
    const policy = { disableAfterDays: 365, neverUsedDays: 365, deleteAfterDays: 730 };
    tenant.setDay(89);
    await tenant.run({ policy });
    expect((await tenant.store.read(SECRET_NAME))?.clientId).toBe(first?.clientId);

    tenant.setDay(90);
    const report = await tenant.run({ policy });
    const second = await tenant.store.read(SECRET_NAME);
    expect(report.actions.find((a) => a.action === 'rotate')).toMatchObject({ clientId: first?.clientId, outcome: 'done' });
    expect(second).toMatchObject({ previousClientId: first?.clientId });
    expect(second?.clientId).not.toBe(first?.clientId);
  });
});
