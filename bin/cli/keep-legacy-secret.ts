import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { knownSecrets } from '../../lambdas/core/known-secrets.js';
import { legacySecretName } from '../../lib/legacy-tenants.js';

export interface KeptSecret {
  readonly arn: string;
  /** `copied` now, `kept` by an earlier import. */
  readonly how: 'copied' | 'kept';
  /** The value is still the old stack's placeholder: no PAT was ever put in. */
  readonly placeholder: boolean;
}

/** Where an import keeps the credentials of a tenant whose secret the old stack created. */
export function keptSecretName(tenant: string): string {
  return `${legacySecretName(tenant)}-registry`;
}

/**
 * Earlier stacks created `isc-oauth-janitor/credentials/{tenant}` for a tenant without
 * `credentialsSecretArn`, and CloudFormation deletes such a secret, without a recovery window,
 * once it leaves the template. Its value is copied into a secret nobody's template owns, under
 * the same prefix, in this process: the value is never printed. A second import finds the copy.
 */
export async function keepLegacySecret(client: SecretsManagerClient, tenant: string, field: string): Promise<KeptSecret> {
  const copy = keptSecretName(tenant);
  const existing = await describe(client, copy);
  if (existing) return { arn: existing.ARN!, how: 'kept', placeholder: false };
  const legacy = legacySecretName(tenant);
  const original = await describe(client, legacy);
  if (!original) {
    throw new ConfigError(
      `${field}: tenant ${tenant} has no credentialsSecretArn and neither ${legacy} (the secret the old stack created) nor ${copy} exists; ` +
        'CloudFormation deleted it when the tenant left the template. Create a PAT and a secret for it, then add the tenant with "tenants add --credentials-secret-arn"',
      [field],
    );
  }
  const value = (await client.send(new GetSecretValueCommand({ SecretId: legacy }))).SecretString ?? '';
  knownSecrets.register(value);
  const created = await client.send(
    new CreateSecretCommand({
      Name: copy,
      Description: `ISC credentials for tenant ${tenant}, copied by "tenants import" from ${legacy}, which the old stack owned`,
      SecretString: value,
      ...(original.KmsKeyId ? { KmsKeyId: original.KmsKeyId } : {}),
      Tags: [{ Key: 'isc-oauth-janitor:copied-from', Value: original.ARN ?? legacy }],
    }),
  );
  return { arn: created.ARN!, how: 'copied', placeholder: value.includes('REPLACE_ME') };
}

async function describe(client: SecretsManagerClient, name: string) {
  try {
    return await client.send(new DescribeSecretCommand({ SecretId: name }));
  } catch (error) {
    if (error instanceof Error && error.name === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}
