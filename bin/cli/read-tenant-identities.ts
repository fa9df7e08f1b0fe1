import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mapWithConcurrency } from '../../lambdas/app/map-with-concurrency.js';
import type { TenantIdentity } from '../../lambdas/core/fleet/find-tenant-conflicts.js';

/** GetSecretValue calls in flight at once: a registry of 1,000 tenants is read in seconds. */
const CONCURRENCY = 8;

export interface TenantSecretRef {
  readonly name: string;
  readonly credentialsSecretArn: string;
}

/**
 * Each tenant's identity from its credentials secret: the full ARN Secrets Manager answers with and
 * the host of the stored `baseUrl`. Only `baseUrl` is taken from the value; nothing else of it is kept
 * or shown. A secret that cannot be read (gone, denied, a placeholder without a base URL) still
 * identifies its tenant by ARN; `onUnreadable` says why its host could not be compared.
 */
export async function readTenantIdentities(
  secrets: SecretsManagerClient,
  tenants: readonly TenantSecretRef[],
  onUnreadable: (tenant: string, reason: string) => void,
): Promise<TenantIdentity[]> {
  return mapWithConcurrency(tenants, CONCURRENCY, async ({ name, credentialsSecretArn }) => {
    try {
      const answer = await secrets.send(new GetSecretValueCommand({ SecretId: credentialsSecretArn }));
      const host = hostOf(answer.SecretString);
      if (host === undefined) onUnreadable(name, 'it holds no JSON with an http(s) "baseUrl"');
      return { name, secretArn: answer.ARN ?? credentialsSecretArn, host };
    } catch (error) {
      onUnreadable(name, error instanceof Error ? error.name : 'unknown error');
      return { name, secretArn: credentialsSecretArn };
    }
  });
}

/** `acme.api.identitynow.com`, `127.0.0.1:4010`; never an error that could quote the secret's text. */
function hostOf(text: string | undefined): string | undefined {
  try {
    const baseUrl = (JSON.parse(text ?? '') as { baseUrl?: unknown }).baseUrl;
    if (typeof baseUrl !== 'string') return undefined;
    const url = new URL(baseUrl);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
