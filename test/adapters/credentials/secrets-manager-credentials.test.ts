import { inspect } from 'node:util';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { SecretsManagerCredentials } from '../../../lambdas/adapters/credentials/secrets-manager-credentials.js';
import { ConfigError } from '../../../lambdas/core/config-error.js';
import type { CredentialsSource } from '../../../lambdas/adapters/isc/isc-client-config.js';
import { failure } from '../secret-store/failure.js';

const SECRET_ID = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-janitor/pat-AbCdEf';
/** Recognizable, so a leak into a message or JSON is easy to spot. */
const CANARY = 'CANARY-s3cr3t-value-9f8e7d';
const smMock = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });

const secretJson = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ baseUrl: 'https://acme.api.identitynow.com/', clientId: 'pat-id', clientSecret: CANARY, ...extra });

function awsError(name: string, message = name) {
  return Object.assign(new Error(message), { name, $metadata: { requestId: 'req-123' } });
}

describe('SecretsManagerCredentials', () => {
  beforeEach(() => {
    smMock.reset();
  });

  it('parses the secret, trimming the base URL', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: secretJson({ apiVersion: 'v1', note: 'ignored' }) });
    const value = await new SecretsManagerCredentials({ client, secretId: SECRET_ID }).get();
    expect(value).toEqual({ baseUrl: 'https://acme.api.identitynow.com', clientId: 'pat-id', clientSecret: CANARY, apiVersion: 'v1' });
    expect(smMock.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' });
  });

  it('hides the client secret from JSON and inspection', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: secretJson() });
    const credentials = new SecretsManagerCredentials({ client, secretId: SECRET_ID });
    const value = await credentials.get();
    expect(JSON.stringify(value)).not.toContain(CANARY);
    expect(inspect(value)).not.toContain(CANARY);
    expect(JSON.stringify({ credentials })).not.toContain(CANARY);
    expect(JSON.parse(JSON.stringify(value))).toMatchObject({ clientId: 'pat-id', clientSecret: '[redacted]' });
  });

  it('reads once for three concurrent gets and caches the value', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: secretJson() });
    const credentials = new SecretsManagerCredentials({ client, secretId: SECRET_ID });
    const values = await Promise.all([credentials.get(), credentials.get(), credentials.get()]);
    await credentials.get();
    expect(new Set(values).size).toBe(1);
    expect(smMock.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('re-reads on refresh and serves the rotated value afterwards', async () => {
    smMock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: secretJson() })
      .resolves({ SecretString: secretJson({ clientSecret: 'rotated-value' }) });
    const credentials = new SecretsManagerCredentials({ client, secretId: SECRET_ID });
    expect((await credentials.get()).clientSecret).toBe(CANARY);
    const [a, b] = await Promise.all([credentials.refresh(), credentials.refresh()]);
    expect(a.clientSecret).toBe('rotated-value');
    expect(b).toBe(a);
    expect((await credentials.get()).clientSecret).toBe('rotated-value');
    expect(smMock.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('does not cache a failed read', async () => {
    smMock.on(GetSecretValueCommand).rejectsOnce(awsError('InternalServiceError')).resolves({ SecretString: secretJson() });
    const credentials = new SecretsManagerCredentials({ client, secretId: SECRET_ID });
    await expect(credentials.get()).rejects.toThrow(`GetSecretValue on secret "${SECRET_ID}" failed: InternalServiceError`);
    expect((await credentials.get()).clientId).toBe('pat-id');
  });

  const malformed: [string, { SecretString?: string; SecretBinary?: Uint8Array }, RegExp][] = [
    ['not JSON', { SecretString: `{"clientSecret": "${CANARY}", oops` }, /not valid JSON/],
    // V8's own JSON.parse message would quote the start of this one.
    ['plain text', { SecretString: CANARY }, /not valid JSON/],
    ['a missing field', { SecretString: JSON.stringify({ baseUrl: 'https://a.example', clientSecret: CANARY }) }, /clientId: is missing/],
    ['a base URL that is not a URL', { SecretString: secretJson({ baseUrl: CANARY }) }, /baseUrl: must be an http\(s\) URL/],
    ['plain http to a remote host', { SecretString: secretJson({ baseUrl: 'http://acme.api.identitynow.com' }) }, /baseUrl: must use https/],
    ['a wrong type', { SecretString: secretJson({ clientId: 42 }) }, /clientId: must be a string/],
    ['an unknown API version', { SecretString: secretJson({ apiVersion: CANARY }) }, /apiVersion: must be one of v3, beta, v2024, v2025, v2026, v1/],
    ['a JSON array', { SecretString: JSON.stringify([CANARY]) }, /Invalid credentials secret/],
    ['SecretBinary only', { SecretBinary: new TextEncoder().encode(secretJson()) }, /no SecretString/],
  ];
  for (const [what, output, expected] of malformed) {
    it(`names the secret, never its value, for ${what}`, async () => {
      smMock.on(GetSecretValueCommand).resolves(output);
      const error = await failure(new SecretsManagerCredentials({ client, secretId: SECRET_ID }).get());
      expect(error).toBeInstanceOf(ConfigError);
      expect(error.message).toContain(SECRET_ID);
      expect(error.message).toMatch(expected);
      expect(error.message).not.toContain(CANARY);
      expect(JSON.stringify(error)).not.toContain(CANARY);
      expect(inspect(error)).not.toContain(CANARY);
    });
  }

  it('says what to check when access is denied', async () => {
    smMock.on(GetSecretValueCommand).rejects(awsError('AccessDeniedException', 'User is not authorized'));
    const error = await failure(new SecretsManagerCredentials({ client, secretId: SECRET_ID }).get());
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toMatch(new RegExp(`GetSecretValue on secret "${SECRET_ID}" was denied.*IAM policy.*kms:Decrypt`));
    expect(error.message).toContain('req-123');
  });

  it('says what to check when the secret does not exist', async () => {
    smMock.on(GetSecretValueCommand).rejects(awsError('ResourceNotFoundException'));
    const error = await failure(new SecretsManagerCredentials({ client, secretId: 'isc-janitor/typo' }).get());
    expect(error.message).toMatch(/Secret "isc-janitor\/typo" was not found.*name or full ARN, the region/);
  });

  it('is a CredentialsSource for the ISC client, accepting a loopback sandbox URL', async () => {
    smMock.on(GetSecretValueCommand).resolves({ SecretString: secretJson({ baseUrl: 'http://127.0.0.1:4010' }) });
    const source: CredentialsSource = new SecretsManagerCredentials({ client, secretId: SECRET_ID });
    await expect(source.get()).resolves.toMatchObject({ clientId: 'pat-id', baseUrl: 'http://127.0.0.1:4010' });
  });

  it('refuses an empty secret id, naming the variable', () => {
    expect(() => new SecretsManagerCredentials({ client, secretId: '' })).toThrow(/ISC_CREDENTIALS_SECRET_ID/);
  });
});
