import { randomUUID } from 'node:crypto';
import { RotateSecretCommand } from '@aws-sdk/client-secrets-manager';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateTopicCommand, PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { enableSecretRotation } from '../../lambdas/adapters/secret-store/enable-secret-rotation.js';
import { createHandler } from '../../lambdas/janitor/create-handler.js';
import { recordingLogger } from '../chaos/recording-logger.js';
import { describe, expect, it } from 'vitest';
import { revokeToken } from '../../lambdas/core/model/revoke-token.js';
import { daysAgo, makeClient } from '../core/make-client.js';
import { CURRENT_ID, CURRENT_SECRET, MANAGED, managedClient, motoSecrets, startRotationWorld, tokenStatus, useMoto, type RotationWorld } from './rotation-harness.js';

useMoto();

/*
 * The leak response on Secrets Manager's protocol (moto) and the sandbox: a rotation whose token
 * says revoke runs although the last predecessor is still enabled, and its finishSecret disables
 * the leaked client and that predecessor through the door.
 */

const OLDER_ID = 'rot000000000000000000000000b00001';
const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

/** A world whose managed secret still has an enabled predecessor: a plain rotation is refused. */
async function leakedWorld(): Promise<RotationWorld> {
  const older = makeClient({ id: OLDER_ID, name: MANAGED, secret: null, created: daysAgo(200), lastUsed: daysAgo(120) });
  // The janitor's PAT outlives the test's 200 days, so the later nightly run can still act.
  return startRotationWorld({ clients: [older, managedClient()], previousClientId: OLDER_ID, credentialsPat: { expirationDate: daysAgo(-400) } });
}

async function startRevoke(w: RotationWorld): Promise<string> {
  const token = revokeToken(randomUUID());
  await w.sm.send(new RotateSecretCommand({ SecretId: w.managedSecretArn, RotationLambdaARN: motoSecrets().rotationFunctionArn, RotationRules: { AutomaticallyAfterDays: 60 }, ClientRequestToken: token }));
  return token;
}

describe('rotation handler: revoke (the leak response)', () => {
  it('rotates at once over an enabled predecessor, then disables the leaked client and the older one at finishSecret', async () => {
    const w = await leakedWorld();
    const token = await startRevoke(w);

    const results = [];
    for (const step of STEPS) results.push(await w.step(step, w.managedSecretArn, token));

    expect(results.map((result) => result.outcome)).toEqual(['done', 'done', 'done', 'done']);
    const current = await w.value(w.managedSecretArn);
    expect(current).toMatchObject({ previousClientId: CURRENT_ID });
    expect(w.sandbox.state.get(CURRENT_ID)).toMatchObject({ enabled: false });
    expect(w.sandbox.state.get(OLDER_ID)).toMatchObject({ enabled: false });
    // Disabled, not deleted: the normal lifecycle deletes them later.
    expect(w.sandbox.mutatingRequests().filter((entry) => entry.method === 'DELETE')).toEqual([]);
    expect(await tokenStatus(w.sandbox, current.clientId as string, current.clientSecret as string)).toBe(200);
    expect(await tokenStatus(w.sandbox, CURRENT_ID, CURRENT_SECRET)).not.toBe(200);
    const finish = results[3]!;
    expect(finish.revoked).toEqual([
      { clientId: CURRENT_ID, role: 'leaked', outcome: 'done', detail: undefined },
      { clientId: OLDER_ID, role: 'older predecessor', outcome: 'done', detail: undefined },
    ]);
    expect(finish.detail).toMatch(new RegExp(`is AWSCURRENT; .*revoked: client ${CURRENT_ID} \\(leaked\\) disabled, client ${OLDER_ID} \\(older predecessor\\) disabled$`));
    // Each disable went through the door, with its reason, as evidence.
    const doorLines = w.logger.lines.map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line.message === 'door action');
    expect(doorLines.map((line) => [line.clientId, line.action, line.reasonCode, line.outcome])).toEqual([
      [CURRENT_ID, 'disable', 'revoke', 'done'],
      [OLDER_ID, 'disable', 'revoke', 'done'],
    ]);

    // The normal lifecycle then deletes the disabled clients: deleteAfterDays unused and deleteGraceDays since the disable.
    w.setNow(new Date(w.now().getTime() + 200 * 86_400_000));
    const { report } = await w.nightly({ JANITOR_POLICY: JSON.stringify({ mode: 'enforce', limits: { maxFraction: 1 } }) });
    expect(report.actions.filter((action) => action.action === 'delete').map((action) => [action.clientId, action.outcome]).sort()).toEqual([
      [OLDER_ID, 'done'],
      [CURRENT_ID, 'done'],
    ]);
    expect(w.sandbox.state.get(CURRENT_ID)).toBeUndefined();
  });

  it('revokes again on a retried finishSecret, and a plain rotation is still refused over an enabled predecessor', async () => {
    const w = await leakedWorld();
    const plain = await w.startRotation(w.managedSecretArn);
    await expect(w.step('createSecret', w.managedSecretArn, plain)).rejects.toThrow(/previous rotation is not finished/);

    const token = await startRevoke(w);
    for (const step of STEPS) await w.step(step, w.managedSecretArn, token);
    // Someone (or a crash of the first finishSecret after the move) left the leaked client enabled.
    w.sandbox.state.put({ ...w.sandbox.state.get(CURRENT_ID)!, enabled: true });

    const again = await w.step('finishSecret', w.managedSecretArn, token);

    expect(again.outcome).toBe('already-done');
    expect(again.revoked?.map((client) => [client.clientId, client.outcome])).toEqual([
      [CURRENT_ID, 'done'],
      [OLDER_ID, 'done'],
    ]);
    expect(w.sandbox.state.get(CURRENT_ID)).toMatchObject({ enabled: false });
  });

  it('refuses a revoke of the janitor\'s own credentials: a personal access token cannot be disabled', async () => {
    const w = await startRotationWorld();
    const token = revokeToken(randomUUID());
    await w.sm.send(new RotateSecretCommand({ SecretId: w.janitorSecretArn, RotationLambdaARN: motoSecrets().rotationFunctionArn, RotationRules: { AutomaticallyAfterDays: 60 }, ClientRequestToken: token }));

    await expect(w.step('createSecret', w.janitorSecretArn, token)).rejects.toThrow(/revoke is for managed client secrets; a personal access token cannot be disabled/);
    expect(w.sandbox.mutatingRequests()).toEqual([]);
  });

  it('starts from the janitor function\'s event {"action": "revoke", "secretId"}: the report topic hears which clients go, finishSecret disables them', async () => {
    const w = await leakedWorld();
    const { rotationFunctionArn } = motoSecrets();
    // Managed secrets are stored with rotation turned on (the janitor does it when it stores them).
    await enableSecretRotation(w.sm, rotationFunctionArn, w.managedSecretArn, 60);
    const endpoint = await w.sm.config.endpoint!();
    const sns = new SNSClient({ endpoint: `${endpoint.protocol}//${endpoint.hostname}:${endpoint.port}`, region: await w.sm.config.region(), credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' } });
    const topic = await sns.send(new CreateTopicCommand({ Name: `reports-${randomUUID()}` }));
    const published: PublishCommandInput[] = [];
    const send = sns.send.bind(sns) as (command: unknown) => Promise<unknown>;
    sns.send = ((command: unknown) => {
      if (command instanceof PublishCommand) published.push(command.input);
      return send(command);
    }) as typeof sns.send;
    const handler = createHandler({
      env: { ISC_CREDENTIALS_SECRET_ID: w.janitorSecretName, TENANT_NAME: 'acme', REPORT_TOPIC_ARN: topic.TopicArn!, ROTATION_SECRET_PREFIX: w.managedPrefix, ROTATION_FUNCTION_ARN: rotationFunctionArn },
      secretsManager: w.sm,
      sns,
      logger: recordingLogger(),
      metrics: new Metrics({ namespace: 'IscOAuthJanitor', serviceName: 'isc-oauth-janitor' }),
      clock: w.now,
    });
    const context = { awsRequestId: 'revoke-1', getRemainingTimeInMillis: () => 60_000 };

    const summary = await handler({ action: 'revoke', secretId: w.managedSecretArn }, context);

    expect(summary).toMatchObject({ action: 'revoke', secretArn: w.managedSecretArn, leakedClientId: CURRENT_ID, olderPredecessorId: OLDER_ID, versionId: expect.stringMatching(/^revoke-/) });
    expect(published).toHaveLength(1);
    expect(published[0]?.Message).toContain(`client ${CURRENT_ID} (leaked) and client ${OLDER_ID} (older predecessor) are disabled`);
    expect(JSON.stringify(published)).not.toContain(CURRENT_SECRET);
    // Secrets Manager runs the steps (moto's stub function runs none: the test plays it).
    for (const step of STEPS) await w.step(step, w.managedSecretArn, summary.versionId);
    expect(w.sandbox.state.get(CURRENT_ID)).toMatchObject({ enabled: false });
    expect(w.sandbox.state.get(OLDER_ID)).toMatchObject({ enabled: false });

    await expect(handler({ action: 'revoke', secretId: 'elsewhere/ci-deploy' }, context)).rejects.toThrow(/secretId: must name a managed client secret under/);
    await expect(handler({ action: 'revoke' }, context)).rejects.toThrow(/secretId: is required/);
  });
});
