import { CreateSecretCommand, GetSecretValueCommand, ResourceNotFoundException } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { lambdaContext, rejectionOf, secretsMock, startHandlerHarness } from './handler-harness.js';
import { CREATE_CLIENT_REQUEST } from '../support/create-client-request.js';

const REQUEST = CREATE_CLIENT_REQUEST;

describe('createHandler create-client', () => {
  it('creates the client, stores its secret in Secrets Manager and returns where it is, never the secret', async () => {
    const h = await startHandlerHarness();
    secretsMock
      .on(GetSecretValueCommand, { SecretId: 'isc-oauth-janitor/clients/acme/payroll-export' })
      .rejects(new ResourceNotFoundException({ message: 'not found', $metadata: {} }));
    secretsMock.on(CreateSecretCommand).callsFake((input: { Name: string }) => ({
      ARN: `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${input.Name}-AbCdEf`,
      Name: input.Name,
    }));

    const result = await h.handler({ action: 'create-client', client: REQUEST }, lambdaContext());

    const created = h.sb.state.all().find((client) => client.name === 'payroll-export');
    expect(created).toBeDefined();
    const secret = h.sb.state.secretOf(created!.id);
    expect(secret).toBeTruthy();
    expect(result).toEqual({
      action: 'create-client',
      tenant: 'acme',
      clientId: created!.id,
      name: 'payroll-export',
      secretArn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc-oauth-janitor/clients/acme/payroll-export-AbCdEf',
    });
    const writes = secretsMock.commandCalls(CreateSecretCommand).map((call) => call.args[0].input);
    expect(writes).toHaveLength(1);
    expect(JSON.parse(writes[0]?.SecretString ?? '{}')).toMatchObject({ clientId: created!.id, clientSecret: secret });
    // The secret is in the store and nowhere else: not the result, not the logs.
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(h.output.text()).not.toContain(secret);
    expect(h.output.text()).toContain('client created');
  });

  it('refuses an empty scope (ISC would grant sp:scopes:all) and creates nothing', async () => {
    const h = await startHandlerHarness();
    const before = h.sb.state.all().length;

    const error = await rejectionOf(h.handler({ action: 'create-client', client: { ...REQUEST, scope: [] } }, lambdaContext()));

    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain('client.scope');
    expect(h.sb.mutatingRequests()).toEqual([]);
    expect(h.sb.state.all()).toHaveLength(before);
    expect(secretsMock.commandCalls(CreateSecretCommand)).toHaveLength(0);
  });

  it.each([
    ['sp:scopes:all', { scope: ['idn:sources:read', 'sp:scopes:all'] }, 'client.scope[1]'],
    ['an internal client', { internal: true }, 'client.internal'],
    ['a token valid for 68 years', { accessTokenValiditySeconds: 2_147_483_647 }, 'client.accessTokenValiditySeconds'],
  ])('throws for %s under the creation policy, naming the field, before reading any secret or calling ISC', async (_, change, field) => {
    const h = await startHandlerHarness();

    const error = await rejectionOf(h.handler({ action: 'create-client', client: { ...REQUEST, ...change } }, lambdaContext()));

    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).fields).toEqual([field]);
    expect(h.sb.requests).toEqual([]);
    expect(secretsMock.calls()).toHaveLength(0);
  });
});
