import { inspect } from 'node:util';
import {
  CreateSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  SecretsManagerClient,
  TagResourceCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { clientRequestToken } from '../../../lambdas/adapters/secret-store/client-request-token.js';
import { SecretsManagerSecretStore } from '../../../lambdas/adapters/secret-store/secrets-manager-secret-store.js';
import { ConfigError } from '../../../lambdas/core/config-error.js';
import { failure } from './failure.js';
import type { ManagedClientSecret } from '../../../lambdas/core/ports.js';

const NAME = 'isc-oauth-janitor/clients/acme/payroll-export';
const ARN = `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${NAME}-AbCdEf`;
const CANARY = 'CANARY-successor-secret-5a4b3c';
const smMock = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });

const value: ManagedClientSecret = {
  clientId: 'successor-id',
  clientSecret: CANARY,
  baseUrl: 'https://acme.api.identitynow.com',
  rotatedAt: '2026-11-23T02:00:01.000Z',
  previousClientId: 'predecessor-id',
};
const tags = { 'managed-by': 'isc-oauth-janitor', 'isc-client-name': 'Payroll export ✓' };
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

describe('SecretsManagerSecretStore', () => {
  beforeEach(() => {
    smMock.reset();
  });

  it('creates an absent secret with a UUID request token, tags and the KMS key', async () => {
    smMock.on(CreateSecretCommand).resolves({ ARN, Name: NAME });
    const store = new SecretsManagerSecretStore({ client, kmsKeyId: 'alias/janitor' });
    await expect(store.write(NAME, value, { idempotencyToken: 'successor-id', tags })).resolves.toEqual({ arn: ARN });

    const input = smMock.commandCalls(CreateSecretCommand)[0]?.args[0].input;
    expect(input).toEqual({
      Name: NAME,
      SecretString: JSON.stringify(value),
      ClientRequestToken: clientRequestToken('successor-id'),
      KmsKeyId: 'alias/janitor',
      Tags: [
        { Key: 'managed-by', Value: 'isc-oauth-janitor' },
        { Key: 'isc-client-name', Value: 'Payroll export _' },
      ],
    });
    expect(input?.ClientRequestToken).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(smMock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('tags and puts a new version with the same request token when the secret exists', async () => {
    smMock.on(CreateSecretCommand).rejects(awsError('ResourceExistsException'));
    smMock.on(TagResourceCommand).resolves({});
    smMock.on(PutSecretValueCommand).resolves({ ARN, VersionId: 'v2' });
    const store = new SecretsManagerSecretStore({ client });
    await expect(store.write(NAME, value, { idempotencyToken: 'successor-id', tags })).resolves.toEqual({ arn: ARN });

    const created = smMock.commandCalls(CreateSecretCommand)[0]?.args[0].input;
    const put = smMock.commandCalls(PutSecretValueCommand)[0]?.args[0].input;
    expect(created?.KmsKeyId).toBeUndefined();
    expect(put).toEqual({ SecretId: NAME, SecretString: JSON.stringify(value), ClientRequestToken: created?.ClientRequestToken });
    expect(smMock.commandCalls(TagResourceCommand)[0]?.args[0].input).toEqual({ SecretId: NAME, Tags: created?.Tags });
  });

  it('stores nothing new when tagging an existing secret fails', async () => {
    smMock.on(CreateSecretCommand).rejects(awsError('ResourceExistsException'));
    smMock.on(TagResourceCommand).rejects(awsError('AccessDeniedException'));
    const store = new SecretsManagerSecretStore({ client });
    await expect(store.write(NAME, value, { idempotencyToken: 'successor-id', tags })).rejects.toThrow(/TagResource on secret .* was denied/);
    expect(smMock.commandCalls(PutSecretValueCommand)).toHaveLength(0);
  });

  it('never puts the secret value in a write error, even when AWS quotes it', async () => {
    smMock.on(CreateSecretCommand).rejects(awsError('ValidationException', `Value '${JSON.stringify(value)}' at 'secretString' failed`));
    const store = new SecretsManagerSecretStore({ client });
    const error = await failure(store.write(NAME, value, { idempotencyToken: 'successor-id', tags }));
    expect(error.message).toContain(`CreateSecret on secret "${NAME}" failed: ValidationException`);
    for (const shown of [error.message, JSON.stringify(error), inspect(error)]) expect(shown).not.toContain(CANARY);
  });

  it('reads and validates a stored value, hiding its secret', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(value) });
    const read = await new SecretsManagerSecretStore({ client }).read(NAME);
    expect(read).toEqual(value);
    expect(JSON.stringify(read)).not.toContain(CANARY);
    expect(smMock.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: NAME, VersionStage: 'AWSCURRENT' });
  });

  it('reads a missing secret as undefined', async () => {
    smMock.on(GetSecretValueCommand).rejects(awsError('ResourceNotFoundException'));
    await expect(new SecretsManagerSecretStore({ client }).read(NAME)).resolves.toBeUndefined();
  });

  it('names the secret and field, not the value, for a malformed stored value', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ ...value, rotatedAt: CANARY }) });
    const error = await failure(new SecretsManagerSecretStore({ client }).read(NAME));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`managed client secret "${NAME}": rotatedAt: must be an ISO date-time`));
    expect(error.message).not.toContain(CANARY);
  });

  it('passes other read failures on with the secret named', async () => {
    smMock.on(GetSecretValueCommand).rejects(awsError('AccessDeniedException'));
    await expect(new SecretsManagerSecretStore({ client }).read(NAME)).rejects.toThrow(`GetSecretValue on secret "${NAME}" was denied`);
  });
});
