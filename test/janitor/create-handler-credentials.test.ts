import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { SECRET_ID, lambdaContext, rejectionOf, secretsMock, startHandlerHarness } from './handler-harness.js';

const OTHER_SECRET = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/other-AbCdEf';

describe('createHandler credentials', () => {
  it('reads the credentials secret once per container across repeated invocations', async () => {
    const h = await startHandlerHarness();
    for (const id of ['req-1', 'req-2', 'req-3']) {
      await h.handler({ dryRun: true }, lambdaContext({ awsRequestId: id }));
    }
    expect(h.secretReads()).toEqual([{ SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }]);
    expect(h.publishes()).toHaveLength(3);
  });

  it('reads the secret named by the event, and caches each secret separately', async () => {
    const h = await startHandlerHarness();
    await h.handler({ dryRun: true, credentialsSecretId: OTHER_SECRET }, lambdaContext());
    await h.handler({ dryRun: true }, lambdaContext());
    await h.handler({ dryRun: true, credentialsSecretId: OTHER_SECRET }, lambdaContext());
    await h.handler({ dryRun: true }, lambdaContext());

    expect(h.secretReads()).toEqual([{ SecretId: OTHER_SECRET, VersionStage: 'AWSCURRENT' }, { SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }]);
  });

  it('picks up a rotated secret: the cached value is rejected, the secret is re-read once, the run succeeds', async () => {
    const h = await startHandlerHarness();
    const old = h.sb.credentials;
    const rotated = { clientId: old.clientId, clientSecret: 'rotated-0123456789abcdef0123456789abcdef' };
    h.sb.setCredentials(rotated);
    secretsMock
      .on(GetSecretValueCommand)
      .resolvesOnce({ SecretString: h.secretValue(old) })
      .resolves({ SecretString: h.secretValue(rotated) });

    const summary = await h.handler({}, lambdaContext());

    expect(summary).toMatchObject({ outcome: 'ok', counts: { disabled: 7, deleted: 1 } });
    expect(h.secretReads()).toEqual([{ SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }, { SecretId: SECRET_ID, VersionStage: 'AWSCURRENT' }]);
    const tokenCalls = h.sb.requests.filter((r) => r.route === 'token').map((r) => r.status);
    expect(tokenCalls).toEqual([401, 200]);
    expect(h.output.text()).not.toContain(old.clientSecret);
    expect(h.output.text()).not.toContain(rotated.clientSecret);

    // The next invocation in the same container uses the re-read value: no further read.
    await h.handler({ dryRun: true }, lambdaContext({ awsRequestId: 'req-0002' }));
    expect(h.secretReads()).toHaveLength(2);
  });

  it('fails when ISC rejects even the re-read secret, after publishing a failed report that says so', async () => {
    const h = await startHandlerHarness();
    const stale = { clientId: h.sb.credentials.clientId, clientSecret: 'revoked-secret-0000000000000000' };
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: h.secretValue(stale) });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error.message).toContain('even after re-reading the credentials');
    expect(error.message).not.toContain(stale.clientSecret);
    expect(h.secretReads()).toHaveLength(2);
    expect(h.sb.mutatingRequests()).toEqual([]);
    expect(h.publishes()).toHaveLength(1);
    const message = h.publishes()[0]?.Message ?? '';
    expect(message).toContain('FAILED before the tenant was evaluated: ISC rejected the credential');
    expect(message).not.toContain(stale.clientSecret);
  });

  it('fails on a malformed secret with a message naming the secret, never its value', async () => {
    const h = await startHandlerHarness();
    const value = '{"baseUrl":"https://acme.api.identitynow.com","clientId":"abc","clientSecret":"sup3r-secret-value"';
    secretsMock.on(GetSecretValueCommand).resolves({ SecretString: value });

    const error = await rejectionOf(h.handler({}, lambdaContext()));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(SECRET_ID);
    expect(error.message).not.toContain('sup3r-secret-value');
    expect(h.output.text()).not.toContain('sup3r-secret-value');
    expect(h.requestCount()).toBe(0);
    expect(h.publishes()).toHaveLength(1);
    expect(h.publishes()[0]?.Message).toContain(`FAILED before the tenant was evaluated: `);
    expect(h.publishes()[0]?.Message).toContain(SECRET_ID);
  });

  it('does not cache a failed read: the next invocation reads the secret again', async () => {
    const h = await startHandlerHarness();
    secretsMock
      .on(GetSecretValueCommand)
      .rejectsOnce(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }))
      .resolves({ SecretString: h.secretValue() });

    await rejectionOf(h.handler({ dryRun: true }, lambdaContext()));
    const summary = await h.handler({ dryRun: true }, lambdaContext({ awsRequestId: 'req-0002' }));

    expect(summary.outcome).toBe('ok');
    expect(h.secretReads()).toHaveLength(2);
  });
});
