import { managedClientNames } from '../../core/plan/managed-client-names.js';
import { planRotation, type RotationPlan } from '../../core/plan/plan-rotation.js';
import type { Policy } from '../../core/model/policy.js';
import type { ManagedClientSecret, SecretStore } from '../../core/ports.js';
import { managedSecretName } from '../../core/secret-name.js';
import type { OAuthClient } from '../../core/model/oauth-client.js';
import { errorMessage } from '../../core/error-message.js';
import { rotationInProgress } from '../../core/model/secret-versions.js';
import { rotationHealthOf, type ManagedSecretHealth } from '../../core/report/credential-health.js';

export interface PlanTenantRotationInput {
  readonly clients: readonly OAuthClient[];
  readonly policy: Policy;
  readonly now: Date;
  readonly selfClientId: string;
  readonly tenant: string;
  readonly store: SecretStore;
}

/**
 * The orchestrator's rotation step before the guard: read (never write) the secret of every
 * managed name, then plan purely. Also runs in report mode: reading changes nothing. A name
 * whose secret cannot be read is left out entirely, with a warning: treating it as "no secret
 * yet" would rotate a client whose consumers already read a secret. Where the store can, each
 * secret is described too: its rotation state goes into the report, and a secret Secrets
 * Manager rotates gets no successor from the nightly run.
 */
export async function planTenantRotation(input: PlanTenantRotationInput): Promise<RotationPlan> {
  const { policy, tenant, store } = input;
  const secretNameOf = (name: string) => managedSecretName(policy.rotation.secretPrefix, tenant, name);
  const secrets = new Map<string, ManagedClientSecret | undefined>();
  const unreadable = new Set<string>();
  const warnings: string[] = [];
  const rotatedBySecretsManager = new Map<string, { pendingClientId?: string }>();
  const health: ManagedSecretHealth[] = [];
  const names = managedClientNames(input.clients, policy);
  // Sequential on purpose: a handful of names, and Secrets Manager throttles bursts.
  for (const name of names) {
    const secretName = secretNameOf(name);
    try {
      const secret = await store.read(secretName);
      secrets.set(name, secret);
      const described = secret && store.describe ? await store.describe(secretName) : undefined;
      if (!described) continue;
      health.push({ ...rotationHealthOf(described), clientName: name, clientId: secret?.clientId ?? null });
      if (!described.rotationEnabled) continue;
      const pending = rotationInProgress(described.versions) && store.readPending ? await store.readPending(secretName) : undefined;
      rotatedBySecretsManager.set(name, pending ? { pendingClientId: pending.clientId } : {});
    } catch (error) {
      unreadable.add(name);
      const why = errorMessage(error);
      warnings.push(`rotation: the secret at ${secretName} could not be read (${why}); ${name} not rotated`);
    }
  }
  const clients = input.clients.filter((client) => !client.name || !unreadable.has(client.name));
  const plan = planRotation({ clients, policy, now: input.now, selfClientId: input.selfClientId, secrets, secretNameOf, rotatedBySecretsManager });
  return { ...plan, warnings: [...warnings, ...plan.warnings], health, secretNames: names.map(secretNameOf) };
}
