import * as z from 'zod';
import { ConfigError, configErrorFromZod } from '../core/config-error.js';
import type { TenantCredentialsRef } from '../core/ports.js';

/**
 * The rotation function's environment: the nightly function's credentials variables (the
 * default tenant), every tenant's credentials secret of the stack, and the tenant registry
 * when the deployment has one. Read once per cold start; errors name the variable, never its value.
 */
const environmentSchema = z.object({
  ISC_CREDENTIALS_SECRET_ID: z.string().min(1, 'must name the Secrets Manager secret holding the ISC credentials').optional(),
  TENANT_NAME: z.string().min(1).max(64).optional(),
  /** JSON `{"<tenant>": "<secret ARN>"}`: every tenant the stack deploys. */
  ISC_CREDENTIALS_SECRETS: z.string().optional(),
  TENANT_REGISTRY_TABLE: z.string().min(1).optional(),
});

const secretsMapSchema = z.record(z.string().min(1).max(64), z.string().min(1).max(2048));

export interface RotationEnvironment {
  /** The tenants' credentials secrets the environment names (the registry adds its own). */
  readonly credentials: readonly TenantCredentialsRef[];
  readonly tenantRegistryTable: string | undefined;
}

export function readRotationEnvironment(env: Readonly<Record<string, string | undefined>>): RotationEnvironment {
  const result = environmentSchema.safeParse(env);
  if (!result.success) throw configErrorFromZod('environment', result.error);
  const values = result.data;
  const credentials: TenantCredentialsRef[] = [];
  if (values.ISC_CREDENTIALS_SECRET_ID) credentials.push({ tenant: values.TENANT_NAME ?? 'default', credentialsSecretId: values.ISC_CREDENTIALS_SECRET_ID });
  if (values.ISC_CREDENTIALS_SECRETS) {
    let raw: unknown;
    try {
      raw = JSON.parse(values.ISC_CREDENTIALS_SECRETS);
    } catch {
      throw new ConfigError('Invalid environment: ISC_CREDENTIALS_SECRETS: is not valid JSON; set it to {"<tenant>": "<secret ARN>"}', ['ISC_CREDENTIALS_SECRETS']);
    }
    const map = secretsMapSchema.safeParse(raw);
    if (!map.success) throw configErrorFromZod('environment ISC_CREDENTIALS_SECRETS', map.error);
    for (const [tenant, credentialsSecretId] of Object.entries(map.data)) credentials.push({ tenant, credentialsSecretId });
  }
  if (credentials.length === 0 && !values.TENANT_REGISTRY_TABLE) {
    throw new ConfigError(
      'Invalid environment: no tenant credentials: set ISC_CREDENTIALS_SECRET_ID (or ISC_CREDENTIALS_SECRETS, or TENANT_REGISTRY_TABLE) so the rotation function can act in ISC',
      ['ISC_CREDENTIALS_SECRET_ID'],
    );
  }
  return Object.freeze({ credentials: Object.freeze(credentials), tenantRegistryTable: values.TENANT_REGISTRY_TABLE });
}
