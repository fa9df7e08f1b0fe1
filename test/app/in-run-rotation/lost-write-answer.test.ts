import { describe, expect, it } from 'vitest';
import type { SecretStore } from '../../../lambdas/core/ports.js';
import { CURRENT_ID, MANAGED, SECRET_NAME, startRotationTenant } from './rotation-harness.js';

/**
 * Found by the rotation chaos runs (seeds 11 and 53 before the fix): when every secret write
 * reported a failure but the first had landed (a PutSecretValue whose answer was lost), the
 * successor was deleted and the report said "nothing changed", while the stored secret named
 * the deleted client: consumers would read a dead credential and rotation of the name stalled.
 */
const timeout = () => Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' });

/** Every write lands, then throws as if its answer was lost. */
function lostAnswers(inner: SecretStore): SecretStore {
  return {
    read: (name) => inner.read(name),
    write: async (name, value, writeOptions) => {
      await inner.write(name, value, writeOptions);
      throw timeout();
    },
  };
}

describe('createAndStoreClient (through runJanitor, sandbox over HTTP)', () => {
  it('keeps the successor when a write whose answer was lost did store its secret', async () => {
    const tenant = await startRotationTenant();

    const report = await tenant.run({ store: lostAnswers(tenant.store) });

    const stored = await tenant.store.read(SECRET_NAME);
    const [action] = report.actions;
    expect(action).toMatchObject({ clientId: CURRENT_ID, action: 'rotate', outcome: 'done', successorId: stored?.clientId });
    expect(tenant.sandbox.mutatingRequests().map((r) => r.method)).toEqual(['POST']);
    expect(stored?.clientSecret).toBe(tenant.sandbox.state.secretOf(stored?.clientId ?? ''));
  });

  it('keeps the successor and names it when the secret cannot be read back either', async () => {
    const tenant = await startRotationTenant();
    // Planning reads the secret first: let that one through, fail every later read.
    let reads = 0;
    const flaky = lostAnswers(tenant.store);
    const store: SecretStore = { read: (name) => (++reads > 2 ? Promise.reject(timeout()) : flaky.read(name)), write: flaky.write };

    const report = await tenant.run({ store });

    const successor = tenant.sandbox.state.all().find((c) => c.name === MANAGED && c.id !== CURRENT_ID);
    expect(successor).toBeDefined();
    expect(tenant.sandbox.mutatingRequests().map((r) => r.method)).toEqual(['POST']);
    expect(report.outcome).toBe('failed');
    expect(report.actions[0]?.error?.message).toContain(`client ${successor?.id ?? '?'} was kept`);
    expect((await tenant.store.read(SECRET_NAME))?.clientId).toBe(successor?.id);
  });
});
