import { ConfigError } from '../core/config-error.js';
import type { TenantRegistryReader } from '../core/ports.js';

/** Which tenant a run is for, as the caller asked (an event, CLI flags). */
export interface RunTenantRequest {
  readonly tenant?: string | undefined;
  readonly credentialsSecretId?: string | undefined;
}

/** The one tenant a deployment without a registry runs (ISC_CREDENTIALS_SECRET_ID, TENANT_NAME). */
export interface SingleTenantSettings {
  readonly tenantName?: string | undefined;
  readonly credentialsSecretId?: string | undefined;
}

/** Where a run's tenant comes from: the registry (TENANT_REGISTRY_TABLE) or the single-tenant settings. */
export type TenantSource =
  | { readonly kind: 'registry'; readonly registry: TenantRegistryReader; readonly tableName: string }
  | { readonly kind: 'single'; readonly settings: SingleTenantSettings };

export interface RunTenant {
  /** Undefined only without a registry and without TENANT_NAME: the caller names it from the base URL. */
  readonly name: string | undefined;
  readonly credentialsSecretId: string;
  /** The tenant's partial policy from its registry entry (`{}` without a registry). */
  readonly policy: Readonly<Record<string, unknown>>;
  /** False for a paused registry entry. */
  readonly enabled: boolean;
  /** True when the tenant comes from the registry: its runs take the lease. */
  readonly registered: boolean;
}

/**
 * Find the tenant a run is for. With a registry the entry is the single source of truth: the
 * request names the tenant and nothing else (a credentials secret passed beside it would let a
 * run hold one tenant's lease while acting on another's credentials). Without one, everything
 * works as a single-tenant deployment always has.
 */
export async function resolveRunTenant(request: RunTenantRequest, source: TenantSource): Promise<RunTenant> {
  if (source.kind === 'single') {
    const credentialsSecretId = request.credentialsSecretId ?? source.settings.credentialsSecretId;
    if (!credentialsSecretId) {
      throw new ConfigError('No credentials secret: set ISC_CREDENTIALS_SECRET_ID or pass "credentialsSecretId" in the event', ['credentialsSecretId']);
    }
    return { name: request.tenant ?? source.settings.tenantName, credentialsSecretId, policy: {}, enabled: true, registered: false };
  }
  if (request.credentialsSecretId !== undefined) {
    throw new ConfigError(
      'credentialsSecretId: the tenant registry holds each tenant\'s credentials secret; leave it out and name the tenant only',
      ['credentialsSecretId'],
    );
  }
  if (!request.tenant) {
    throw new ConfigError(`tenant: is required with the tenant registry (${source.tableName}); name a registered tenant, e.g. {"tenant":"acme"}`, ['tenant']);
  }
  const entry = await source.registry.get(request.tenant);
  if (!entry) {
    throw new ConfigError(
      `Tenant ${request.tenant} is not in the tenant registry ${source.tableName}; add it with "npm run janitor -- tenants add ${request.tenant} --credentials-secret-arn ARN"`,
      ['tenant'],
    );
  }
  return { name: entry.name, credentialsSecretId: entry.credentialsSecretArn, policy: entry.policy, enabled: entry.enabled, registered: true };
}
