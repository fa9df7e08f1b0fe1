import { randomUUID } from 'node:crypto';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { managedClientSecretCodec } from '../adapters/secret-store/managed-client-secret.js';
import { SecretsManagerStagedStore } from '../adapters/secret-store/secrets-manager-staged-store.js';
import { startImmediateRotation } from '../adapters/secret-store/start-immediate-rotation.js';
import { ConfigError } from '../core/config-error.js';
import { revokeToken } from '../core/model/revoke-token.js';
import { CURRENT } from '../core/model/secret-versions.js';
import type { RunLogger } from '../core/run-logger.js';
import type { JanitorEnvironment } from './janitor-environment.js';
import type { RevokeEvent } from './janitor-event.js';

/** What a revoke event answers: where the rotation runs and which clients it disables at finishSecret. */
export interface RevokeSummary {
  readonly action: 'revoke';
  readonly secretArn: string;
  readonly versionId: string;
  /** The client AWSCURRENT holds now: the one whose secret leaked. */
  readonly leakedClientId: string;
  /** The predecessor the secret still names, disabled too. */
  readonly olderPredecessorId?: string;
  readonly detail: string;
}

/**
 * The leak response from the janitor function (`{"action": "revoke", "secretId": ...}`): the
 * managed client secret is rotated at once by Secrets Manager with the rotation function, in a
 * version whose id says revoke; its finishSecret disables the leaked client and any older
 * predecessor through the door. The report topic gets a message naming them as the rotation starts.
 */
export async function revokeSecret(event: RevokeEvent, env: JanitorEnvironment, deps: { readonly secretsManager: SecretsManagerClient; readonly sns: SNSClient; readonly logger: RunLogger }): Promise<RevokeSummary> {
  const prefix = env.rotationSecretPrefix;
  const { secretId } = event;
  if (prefix && !secretId.startsWith(prefix) && !secretId.includes(`:secret:${prefix}`)) {
    throw new ConfigError(`Invalid event: secretId: must name a managed client secret under "${prefix}", the prefix the janitor manages`, ['secretId']);
  }
  const store = new SecretsManagerStagedStore({ client: deps.secretsManager, codec: managedClientSecretCodec, what: 'managed client secret' });
  const current = await store.readStage(secretId, CURRENT);
  if (!current) throw new ConfigError(`Invalid event: secretId: secret "${secretId}" holds no AWSCURRENT value to revoke`, ['secretId']);
  const started = await startImmediateRotation(deps.secretsManager, secretId, revokeToken(randomUUID()), env.rotationFunctionArn);
  const older = current.previousClientId && current.previousClientId !== current.clientId ? current.previousClientId : undefined;
  const clients = `client ${current.clientId} (leaked)${older ? ` and client ${older} (older predecessor)` : ''}`;
  const detail = `${started.arn} is rotated now (version ${started.versionId}); at finishSecret ${clients} ${older ? 'are' : 'is'} disabled, and the normal lifecycle deletes ${older ? 'them' : 'it'} later`;
  const summary: RevokeSummary = { action: 'revoke', secretArn: started.arn, versionId: started.versionId, leakedClientId: current.clientId, ...(older ? { olderPredecessorId: older } : {}), detail };
  deps.logger.warn('revoke started', { ...summary });
  await deps.sns.send(
    new PublishCommand({
      TopicArn: env.reportTopicArn,
      Subject: 'ISC OAuth janitor: revoke of a leaked client secret',
      Message: `Revoke (leak response): ${detail}.\n\n${JSON.stringify(summary)}`,
      MessageAttributes: { action: { DataType: 'String', StringValue: 'revoke' } },
    }),
  );
  return summary;
}
