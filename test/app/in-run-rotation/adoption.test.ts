import { DescribeSecretCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { SecretsManagerSecretStore } from '../../../lambdas/adapters/secret-store/secrets-manager-secret-store.js';
import { createIscClient } from '../../../lambdas/adapters/isc/index.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { runJanitor } from '../../../lambdas/app/run-janitor.js';
import { CURRENT_ID, FAST, MANAGED, managedClient, motoSecrets, SELF_ID, startRotationWorld, useMoto } from '../../janitor/rotation-harness.js';
import { daysAgo, makeClient, NOW } from '../../core/make-client.js';
import { iscWithDoor } from '../../support/isc-with-door.js';

useMoto();

const DAY_MS = 86_400_000;

/*
 * Adoption: the nightly run gives a managed client its first successor and secret and hands the
 * secret to Secrets Manager rotation; from then on it makes no successor for it, but still
 * retires predecessors and leaves a rotation in progress alone. Secrets Manager on moto.
 */
describe('runJanitor with Secrets Manager rotation (adoption)', () => {
  async function run(w: Awaited<ReturnType<typeof startRotationWorld>>, secretPrefix: string, store: SecretsManagerSecretStore) {
    const api = createIscClient({ baseUrl: w.sandbox.url, credentials: w.sandbox.credentials, ...FAST });
    return runJanitor({
      ...iscWithDoor(api),
      policy: parsePolicy({ mode: 'enforce', neverUsedDays: 200, limits: { maxFraction: 1 }, rotation: { enabled: true, names: ['^ci-'], secretPrefix } }),
      tenant: 'acme',
      selfClientId: SELF_ID,
      clock: w.now,
      reportId: 'adoption',
      rotation: { store, baseUrl: w.sandbox.url, retryDelayMs: 1 },
    });
  }

  it('gives a client without a secret its first successor, hands the secret to Secrets Manager, and never rotates it in-run again', async () => {
    const w = await startRotationWorld({ clients: [makeClient({ id: SELF_ID, name: 'janitor', secret: null }), managedClient({ created: daysAgo(120) })] });
    const { sm, rotationFunctionArn } = motoSecrets();
    const prefix = `adopt-${Date.now()}/`;
    const store = new SecretsManagerSecretStore({ client: sm, rotationFunctionArn });

    const first = await run(w, prefix, store);

    const rotate = first.actions.find((action) => action.action === 'rotate');
    expect(rotate).toMatchObject({ outcome: 'done', detail: expect.stringMatching(/Secrets Manager rotates it every 90 days from now on/) });
    const secretName = `${prefix}acme/${MANAGED}`;
    expect(await sm.send(new DescribeSecretCommand({ SecretId: secretName }))).toMatchObject({
      RotationEnabled: true,
      RotationLambdaARN: rotationFunctionArn,
      RotationRules: { AutomaticallyAfterDays: 90 },
    });

    // 100 days on the successor is past maxAgeDays, but Secrets Manager rotates it now; the
    // predecessor, unused since, is retired as before.
    w.setNow(new Date(NOW.getTime() + 100 * DAY_MS));
    const later = await run(w, prefix, store);
    expect(later.actions.filter((action) => action.action === 'rotate')).toEqual([]);
    expect(later.actions).toEqual([expect.objectContaining({ action: 'disable', clientId: CURRENT_ID, outcome: 'done' })]);
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
    expect(later.credentials?.managedSecrets).toEqual([
      expect.objectContaining({ clientName: MANAGED, rotationEnabled: true, secretName, failure: null, nextRotationAt: expect.any(String) }),
    ]);
  });

  it('leaves a rotation in progress alone: its pending successor is not a left-over', async () => {
    const w = await startRotationWorld({ clients: [makeClient({ id: SELF_ID, name: 'janitor', secret: null }), managedClient()] });
    const token = await w.startRotation(w.managedSecretArn);
    await w.step('createSecret', w.managedSecretArn, token);
    const pending = w.clientsNamed(MANAGED).find((client) => client.id !== CURRENT_ID)!;
    const { sm } = motoSecrets();

    w.setNow(new Date(NOW.getTime() + 60_000));
    const report = await run(w, w.managedPrefix, new SecretsManagerSecretStore({ client: sm }));

    expect(report.actions).toEqual([]);
    expect(w.sandbox.state.has(pending.id)).toBe(true);
    expect(report.credentials?.managedSecrets[0]).toMatchObject({ rotationEnabled: true, clientId: CURRENT_ID });
  });
});
