import {
  DescribeSecretCommand,
  GetSecretValueCommand,
  PutSecretValueCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretVersionStageCommand,
  type DescribeSecretResponse,
  type SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { CURRENT, PENDING, type RotationFailure, type SecretDescription, type VersionStage } from '../../core/model/secret-versions.js';
import type { StagedSecretStore } from '../../core/ports.js';
import { parseRotationFailureTag, rotationFailureTag, ROTATION_FAILURE_TAG } from './rotation-failure-tag.js';
import type { SecretCodec } from './secret-codec.js';
import { awsErrorName, secretsManagerError } from './secrets-manager-error.js';
import { errorMessage } from '../../core/error-message.js';

export interface SecretsManagerStagedStoreOptions<V> {
  readonly client: SecretsManagerClient;
  readonly codec: SecretCodec<V>;
  /** How errors name the value: `managed client secret`, `credentials secret`. */
  readonly what: string;
}

/**
 * Secrets Manager as the rotation protocol uses it (AWS's rotation templates make the same calls):
 * DescribeSecret for the stages, GetSecretValue by stage and version, PutSecretValue with
 * VersionStages [AWSPENDING] under the rotation's token, UpdateSecretVersionStage to finish.
 * Reads always name their stage: a GetSecretValue without one is AWSCURRENT on AWS, but not on
 * every emulator.
 */
export class SecretsManagerStagedStore<V> implements StagedSecretStore<V> {
  readonly #client: SecretsManagerClient;
  readonly #codec: SecretCodec<V>;
  readonly #what: string;

  constructor(options: SecretsManagerStagedStoreOptions<V>) {
    this.#client = options.client;
    this.#codec = options.codec;
    this.#what = options.what;
  }

  async describe(secretId: string): Promise<SecretDescription> {
    let described: DescribeSecretResponse;
    try {
      described = await this.#client.send(new DescribeSecretCommand({ SecretId: secretId }));
    } catch (error) {
      throw secretsManagerError(error, secretId, 'DescribeSecret');
    }
    return describedSecret(described, secretId);
  }

  async readStage(secretId: string, stage: VersionStage, versionId?: string): Promise<V | undefined> {
    let text: string | undefined;
    try {
      const input = { SecretId: secretId, VersionStage: stage, ...(versionId === undefined ? {} : { VersionId: versionId }) };
      text = (await this.#client.send(new GetSecretValueCommand(input))).SecretString;
    } catch (error) {
      // Also the answer for a version Secrets Manager staged without a value yet.
      if (awsErrorName(error) === 'ResourceNotFoundException') return undefined;
      // The version exists but no longer carries the stage (a rolled-back rotation).
      if (versionId !== undefined && awsErrorName(error) === 'InvalidRequestException' && /VersionStage/.test(errorMessage(error))) return undefined;
      throw secretsManagerError(error, secretId, 'GetSecretValue');
    }
    return this.#codec.parse(text, `${this.#what} "${secretId}"${stage === CURRENT ? "" : ` (${stage})`}`);
  }

  async putPending(secretId: string, versionId: string, value: V): Promise<void> {
    const SecretString = this.#codec.serialize(value);
    try {
      await this.#client.send(new PutSecretValueCommand({ SecretId: secretId, ClientRequestToken: versionId, SecretString, VersionStages: [PENDING] }));
    } catch (error) {
      throw secretsManagerError(error, secretId, 'PutSecretValue', [...this.#codec.secretsOf(value), SecretString]);
    }
  }

  async promote(secretId: string, versionId: string, fromVersionId: string | undefined): Promise<void> {
    try {
      await this.#client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: secretId,
          VersionStage: CURRENT,
          MoveToVersionId: versionId,
          ...(fromVersionId === undefined ? {} : { RemoveFromVersionId: fromVersionId }),
        }),
      );
    } catch (error) {
      throw secretsManagerError(error, secretId, 'UpdateSecretVersionStage');
    }
  }

  async dropPending(secretId: string, versionId: string): Promise<void> {
    try {
      await this.#client.send(new UpdateSecretVersionStageCommand({ SecretId: secretId, VersionStage: PENDING, RemoveFromVersionId: versionId }));
    } catch (error) {
      throw secretsManagerError(error, secretId, 'UpdateSecretVersionStage');
    }
  }

  async noteRotationFailure(secretId: string, failure: RotationFailure | null): Promise<void> {
    try {
      if (failure) await this.#client.send(new TagResourceCommand({ SecretId: secretId, Tags: [rotationFailureTag(failure)] }));
      else await this.#client.send(new UntagResourceCommand({ SecretId: secretId, TagKeys: [ROTATION_FAILURE_TAG] }));
    } catch (error) {
      throw secretsManagerError(error, secretId, failure ? 'TagResource' : 'UntagResource');
    }
  }
}

/** DescribeSecret's answer in the core's words. */
export function describedSecret(answer: DescribeSecretResponse | undefined, secretId: string): SecretDescription {
  // An empty answer (a stub) reads as a secret with no versions and no rotation.
  const described = answer ?? {};
  const failureTag = described.Tags?.find((tag) => tag.Key === ROTATION_FAILURE_TAG)?.Value;
  return {
    arn: described.ARN ?? secretId,
    name: described.Name ?? secretId,
    rotationEnabled: described.RotationEnabled === true,
    rotationAfterDays: described.RotationRules?.AutomaticallyAfterDays ?? null,
    versions: Object.fromEntries(Object.entries(described.VersionIdsToStages ?? {}).map(([id, stages]) => [id, [...stages]])),
    lastRotatedAt: described.LastRotatedDate?.toISOString() ?? null,
    nextRotationAt: described.NextRotationDate?.toISOString() ?? null,
    rotationFailure: failureTag ? parseRotationFailureTag(failureTag) : null,
  };
}
