import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ManagedClientSecret, SecretStore } from '../../../lambdas/core/ports.js';
import { daysAgo, makeClient, NOW } from '../../core/make-client.js';
import { CURRENT_ID, managedClient, MANAGED, SECRET_NAME, startRotationTenant, type RotationTenant } from '../in-run-rotation/rotation-harness.js';

const DAY_MS = 86_400_000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY_MS).toISOString();
const deletes = (tenant: RotationTenant) => tenant.sandbox.mutatingRequests().filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop());

/** The secret's first version (CURRENT_ID, rotated 10 days ago), as a rotation left it. */
async function storeFirstVersion(tenant: RotationTenant, value: Partial<ManagedClientSecret> = {}): Promise<void> {
  await tenant.store.write(
    SECRET_NAME,
    { clientId: CURRENT_ID, clientSecret: 'first-secret-0a1b2c3d', baseUrl: tenant.sandbox.url, rotatedAt: at(-10), previousClientId: null, ...value },
    { idempotencyToken: value.clientId ?? CURRENT_ID, tags: {} },
  );
}

describe('the nightly left-over rule and clients in use', () => {
  it('never deletes a second client a person created with the managed name and uses; it is listed for a person', async () => {
    const twin = makeClient({ id: 'twin00000000000000000000000000001', name: MANAGED, secret: null, created: at(-2), lastUsed: at(0) });
    const tenant = await startRotationTenant([managedClient({ created: daysAgo(100) }), twin]);
    await storeFirstVersion(tenant);

    const report = await tenant.run();

    expect(deletes(tenant)).not.toContain(twin.id);
    expect(tenant.sandbox.state.get(twin.id)).toBeDefined();
    expect(report.warnings.join('\n')).toMatch(new RegExp(`${twin.id}.*(was used|a person should decide)`));
  });

  it('never deletes the client AWSCURRENT was moved back from, which consumers use', async () => {
    const successor = makeClient({ id: 'succ00000000000000000000000000001', name: MANAGED, secret: null, created: at(-1), lastUsed: at(0) });
    const tenant = await startRotationTenant([managedClient({ created: daysAgo(100) }), successor]);
    await storeFirstVersion(tenant);
    await storeFirstVersion(tenant, { clientId: successor.id, clientSecret: 'successor-secret-9z8y7x', rotatedAt: at(-1), previousClientId: CURRENT_ID });
    // An operator moves AWSCURRENT back to the first version after a bad rotation.
    const path = tenant.store.pathOf(SECRET_NAME);
    const file = JSON.parse(await readFile(path, 'utf8')) as { value: unknown; currentVersionId: string; previous: { versionId: string; value: unknown } };
    await writeFile(path, JSON.stringify({ ...file, value: file.previous.value, currentVersionId: file.previous.versionId, previous: { versionId: file.currentVersionId, value: file.value } }));

    await tenant.run();

    expect(deletes(tenant)).not.toContain(successor.id);
    expect(tenant.sandbox.state.get(successor.id)).toBeDefined();
  });

  it('leaves alone a successor a rotation staged as AWSPENDING after the run planned (the nightly run and the rotation race)', async () => {
    const pending = makeClient({ id: 'pend00000000000000000000000000001', name: MANAGED, secret: null, created: at(-0.01), lastUsed: null });
    const tenant = await startRotationTenant([managedClient({ created: daysAgo(100) }), pending]);
    await storeFirstVersion(tenant);
    const token = await tenant.store.startRotation(SECRET_NAME, 'rotation-token-1');
    let staged = false;
    let reads = 0;
    // The rotation function's putPending lands between the run's plan (the first read) and its delete.
    const racing: SecretStore = {
      read: async (name) => {
        reads += 1;
        if (!staged && reads > 1) {
          staged = true;
          await tenant.store.staged.putPending(SECRET_NAME, token, { clientId: pending.id, clientSecret: 'pending-secret-5e6f7a', baseUrl: tenant.sandbox.url, rotatedAt: at(0), previousClientId: CURRENT_ID });
        }
        return tenant.store.read(name);
      },
      write: (name, value, options) => tenant.store.write(name, value, options),
      readPending: async (name) => (staged ? tenant.store.readPending(name) : undefined),
      describe: async (name) => {
        const described = await tenant.store.describe(name);
        return staged || !described ? described : { ...described, rotationEnabled: false, versions: {} };
      },
    };

    await tenant.run({ store: racing });

    expect(staged).toBe(true);
    expect(deletes(tenant)).not.toContain(pending.id);
    expect(tenant.sandbox.state.get(pending.id)).toBeDefined();
  });
});
