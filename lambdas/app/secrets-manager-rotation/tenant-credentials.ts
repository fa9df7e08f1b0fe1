import { ConfigError } from '../../core/config-error.js';
import { errorMessage } from '../../core/error-message.js';
import { CURRENT, type SecretDescription } from '../../core/model/secret-versions.js';
import type { IscSession, JanitorSecret, TenantCredentialsRef } from '../../core/ports.js';
import type { SecretRotationDeps } from './secret-rotation-deps.js';

/**
 * The tenant whose janitor credentials `secret` is, if it is one. Secrets Manager passes an
 * ARN, the environment may name a secret by name or partial ARN: both are resolved with
 * DescribeSecret and compared as full ARNs, never as strings. A tenant whose credentials secret
 * cannot be described is skipped with a warning: it cannot be the secret being rotated.
 */
export async function janitorSecretOwner(secret: SecretDescription, deps: SecretRotationDeps): Promise<TenantCredentialsRef | undefined> {
  for (const ref of await deps.registry.list()) {
    try {
      if ((await deps.janitorSecrets.describe(ref.credentialsSecretId)).arn === secret.arn) return ref;
    } catch (error) {
      deps.logger?.warn('a tenant credentials secret could not be described', { tenant: ref.tenant, error: errorMessage(error) });
    }
  }
  return undefined;
}

/**
 * An ISC session acting as the janitor for the tenant at `baseUrl`: the tenant whose
 * credentials secret holds that base URL. A managed secret records the base URL it was made for,
 * so its rotation always goes to the tenant its client lives in.
 */
export async function janitorSessionFor(baseUrl: string, deps: SecretRotationDeps): Promise<IscSession> {
  const refs = await deps.registry.list();
  const wanted = sameTenantUrl(baseUrl);
  for (const ref of refs) {
    let credentials: JanitorSecret | undefined;
    try {
      credentials = await deps.janitorSecrets.readStage(ref.credentialsSecretId, CURRENT);
    } catch (error) {
      deps.logger?.warn('a tenant credentials secret could not be read', { tenant: ref.tenant, error: errorMessage(error) });
      continue;
    }
    if (credentials && sameTenantUrl(credentials.baseUrl) === wanted) return deps.isc.connect(credentials);
  }
  const tenants = refs.map((ref) => ref.tenant).join(', ') || 'none configured';
  throw new ConfigError(
    `No janitor credentials for ${baseUrl} (tenants: ${tenants}): the rotation function finds a tenant's credentials through ISC_CREDENTIALS_SECRET_ID or the tenant registry`,
    ['ISC_CREDENTIALS_SECRET_ID'],
  );
}

/** `https://Acme.api.identitynow.com/` and `https://acme.api.identitynow.com` are one tenant. */
function sameTenantUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`.toLowerCase();
  } catch {
    return url.replace(/\/+$/, '').toLowerCase();
  }
}
