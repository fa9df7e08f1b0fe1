import type { TenantCredentialsRef, TenantCredentialsRegistry, TenantRegistryReader } from '../../core/ports.js';

/**
 * Where the janitor's credentials are, per tenant: the secrets the function's environment names
 * (ISC_CREDENTIALS_SECRET_ID for the default tenant, ISC_CREDENTIALS_SECRETS for every tenant of
 * the stack), and every tenant of the registry when there is one. A secret named twice is listed once.
 */
export function tenantCredentialsRegistry(options: {
  readonly environment: readonly TenantCredentialsRef[];
  readonly registry?: TenantRegistryReader | undefined;
}): TenantCredentialsRegistry {
  return {
    async list() {
      const fromRegistry = options.registry
        ? (await options.registry.list()).tenants.map(({ entry }) => ({ tenant: entry.name, credentialsSecretId: entry.credentialsSecretArn }))
        : [];
      const seen = new Set<string>();
      return [...options.environment, ...fromRegistry].filter((ref) => !seen.has(ref.credentialsSecretId) && seen.add(ref.credentialsSecretId));
    },
  };
}
