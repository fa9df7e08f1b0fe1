import {
  GetSecretValueCommand,
  PutSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
} from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { janitorSecretCodec } from '../../../lambdas/adapters/credentials/isc-secret-value.js';
import { enableSecretRotation } from '../../../lambdas/adapters/secret-store/enable-secret-rotation.js';
import { SecretsManagerStagedStore } from '../../../lambdas/adapters/secret-store/secrets-manager-staged-store.js';
import { failure } from './failure.js';

/* The calls the rotation steps make, exactly as AWS's rotation templates make them. */

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/credentials/acme-AbCdEf';
const TOKEN = '6f9f7a0e-2c4b-4f0e-9d7a-1b2c3d4e5f60';
const CANARY = 'CANARY-new-pat-secret-77cc';
const VALUE = { baseUrl: 'https://acme.api.identitynow.com', clientId: 'pat-new', clientSecret: CANARY, apiVersion: 'v2025' as const };
const sm = mockClient(SecretsManagerClient);
const client = new SecretsManagerClient({ region: 'eu-west-1', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test' } });
const store = new SecretsManagerStagedStore({ client, codec: janitorSecretCodec, what: 'credentials secret' });
const awsError = (name: string, message = name) => Object.assign(new Error(message), { name, $metadata: {} });

describe('SecretsManagerStagedStore call shapes', () => {
  beforeEach(() => sm.reset());

  it('puts the pending value under the rotation token with VersionStages [AWSPENDING]', async () => {
    sm.on(PutSecretValueCommand).resolves({});
    await store.putPending(ARN, TOKEN, VALUE);
    expect(sm.commandCalls(PutSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: ARN,
      ClientRequestToken: TOKEN,
      SecretString: JSON.stringify(VALUE),
      VersionStages: ['AWSPENDING'],
    });
  });

  it('moves AWSCURRENT from the old version, and takes AWSPENDING off by itself', async () => {
    sm.on(UpdateSecretVersionStageCommand).resolves({});
    await store.promote(ARN, TOKEN, 'old-version');
    await store.dropPending(ARN, TOKEN);
    expect(sm.commandCalls(UpdateSecretVersionStageCommand).map((call) => call.args[0].input)).toEqual([
      { SecretId: ARN, VersionStage: 'AWSCURRENT', MoveToVersionId: TOKEN, RemoveFromVersionId: 'old-version' },
      { SecretId: ARN, VersionStage: 'AWSPENDING', RemoveFromVersionId: TOKEN },
    ]);
  });

  it('reads a stage of one version, and finds nothing in a version without a value or without the stage', async () => {
    sm.on(GetSecretValueCommand, { VersionId: TOKEN }).resolves({ SecretString: JSON.stringify(VALUE) });
    await expect(store.readStage(ARN, 'AWSPENDING', TOKEN)).resolves.toEqual(VALUE);
    expect(sm.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({ SecretId: ARN, VersionStage: 'AWSPENDING', VersionId: TOKEN });

    sm.on(GetSecretValueCommand, { VersionId: 'staged-only' }).rejects(awsError('ResourceNotFoundException'));
    await expect(store.readStage(ARN, 'AWSPENDING', 'staged-only')).resolves.toBeUndefined();
    sm.on(GetSecretValueCommand, { VersionId: 'rolled-back' }).rejects(awsError('InvalidRequestException', 'You provided a VersionStage that is not associated to the provided VersionId.'));
    await expect(store.readStage(ARN, 'AWSPENDING', 'rolled-back')).resolves.toBeUndefined();
  });

  it('names the secret and the call when Secrets Manager refuses, never the value', async () => {
    sm.on(PutSecretValueCommand).rejects(awsError('InvalidRequestException', `bad SecretString ${JSON.stringify(VALUE)}`));
    const error = await failure(store.putPending(ARN, TOKEN, VALUE));
    expect(error.message).toMatch(/^PutSecretValue on secret "arn:.*acme-AbCdEf" failed: InvalidRequestException/);
    expect(error.message).not.toContain(CANARY);
  });

  it('notes a failed step in a tag, and removes the tag when a rotation finishes', async () => {
    sm.on(TagResourceCommand).resolves({});
    sm.on(UntagResourceCommand).resolves({});
    await store.noteRotationFailure(ARN, { at: '2026-11-23T02:00:00.000Z', step: 'createSecret', reason: 'ISC answered 403 (no right)' });
    await store.noteRotationFailure(ARN, null);
    expect(sm.commandCalls(TagResourceCommand)[0]?.args[0].input).toEqual({
      SecretId: ARN,
      Tags: [{ Key: 'isc-oauth-janitor:rotation-failure', Value: '2026-11-23T02:00:00.000Z createSecret: ISC answered 403 _no right_' }],
    });
    expect(sm.commandCalls(UntagResourceCommand)[0]?.args[0].input).toEqual({ SecretId: ARN, TagKeys: ['isc-oauth-janitor:rotation-failure'] });
  });
});

describe('enableSecretRotation', () => {
  beforeEach(() => sm.reset());

  it('turns rotation on with the function and schedule, and does not rotate now', async () => {
    sm.on(RotateSecretCommand).resolves({});
    const fn = 'arn:aws:lambda:eu-west-1:123456789012:function:rotation';
    await enableSecretRotation(client, fn, ARN, 60);
    expect(sm.commandCalls(RotateSecretCommand)[0]?.args[0].input).toEqual({
      SecretId: ARN,
      RotationLambdaARN: fn,
      RotationRules: { AutomaticallyAfterDays: 60 },
      RotateImmediately: false,
    });
  });
});
