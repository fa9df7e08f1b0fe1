import { hideSecret } from '../../lambdas/core/hide-secret.js';
import type { ManagedClientSecret, SecretStore } from '../../lambdas/core/ports.js';
import { managedSecretTags } from '../../lambdas/app/in-run-rotation/index.js';
import { seedTenant } from '../../sandbox/seed-tenant.js';
import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { clientToken } from '../app/in-run-rotation/rotation-harness.js';
import { CHAOS_NOW } from './chaos-janitor.js';
import type { ManagedName } from './rotation-managed-name.js';
import type { RotationScenario } from './rotation-scenario.js';

/** The tenant, the stored secrets, and consumers that use their predecessor (stamping lastUsed). */
export async function setUpRotationTenant(sb: Sandbox, store: SecretStore, scenario: RotationScenario, secretNameOf: (name: string) => string): Promise<string[]> {
  sb.faults.clear();
  sb.resetRateLimits();
  // A quarter of the runs meet a tenant that answers as sparsely as the spec allows (creates included).
  sb.setSpecSparse(scenario.seed % 4 === 0);
  sb.state.clear();
  for (const client of seedTenant({ count: scenario.clientCount, seed: scenario.seed, now: CHAOS_NOW })) sb.state.put(client);
  for (const m of scenario.managed) for (const client of m.clients) sb.state.put(client, m.secrets[client.id]);
  const problems: string[] = [];
  for (const m of scenario.managed) {
    if (m.stored) {
      const value = hideSecret<ManagedClientSecret>({ ...m.stored, baseUrl: sb.url }, 'clientSecret');
      await store.write(secretNameOf(m.name), value, { idempotencyToken: m.stored.clientId, tags: managedSecretTags(m.name) });
    }
    for (const id of m.consumers) {
      const status = await clientToken(sb, id, m.secrets[id] ?? '');
      if (status !== 200) problems.push(`setup: a consumer of ${id} got ${status} at /oauth/token`);
    }
  }
  return problems;
}

/** The stored secret of every managed name (the plain store: what consumers would read). */
export async function readManagedSecrets(store: SecretStore, managed: readonly ManagedName[], secretNameOf: (name: string) => string): Promise<Map<string, ManagedClientSecret | undefined>> {
  const secrets = new Map<string, ManagedClientSecret | undefined>();
  for (const m of managed) secrets.set(m.name, await store.read(secretNameOf(m.name)));
  return secrets;
}
