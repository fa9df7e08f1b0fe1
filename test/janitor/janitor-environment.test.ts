import { describe, expect, it } from 'vitest';
import { configErrorOf } from '../support/config-error-of.js';
import { readJanitorEnvironment } from '../../lambdas/janitor/janitor-environment.js';

const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:isc-oauth-janitor-reports';
const GOOD = { ISC_CREDENTIALS_SECRET_ID: 'isc/credentials', REPORT_TOPIC_ARN: TOPIC, JANITOR_POLICY: '{"mode":"enforce"}', TENANT_NAME: 'acme' };

const errorOf = (env: Record<string, string | undefined>) => configErrorOf(() => readJanitorEnvironment(env));

describe('readJanitorEnvironment', () => {
  it('returns the frozen, validated environment', () => {
    const env = readJanitorEnvironment(GOOD);
    expect(env).toEqual({
      credentialsSecretId: 'isc/credentials',
      reportTopicArn: TOPIC,
      policy: { mode: 'enforce' },
      tenantName: 'acme',
      rotationKmsKeyId: undefined,
      rotationFunctionArn: undefined,
      credentialsRotationDays: 60,
    });
    expect(Object.isFrozen(env)).toBe(true);
    expect(Object.isFrozen(env.policy)).toBe(true);
  });

  it('reads the rotation function and how often the credentials secrets rotate, naming a bad value', () => {
    const arn = 'arn:aws:lambda:eu-west-1:123456789012:function:janitor-rotation';
    expect(readJanitorEnvironment({ ...GOOD, ROTATION_FUNCTION_ARN: arn, CREDENTIALS_ROTATION_DAYS: '45' })).toMatchObject({ rotationFunctionArn: arn, credentialsRotationDays: 45 });
    expect(() => readJanitorEnvironment({ ...GOOD, CREDENTIALS_ROTATION_DAYS: '0' })).toThrow(/CREDENTIALS_ROTATION_DAYS: must be at least 1 day/);
    expect(() => readJanitorEnvironment({ ...GOOD, ROTATION_FUNCTION_ARN: 'janitor-rotation' })).toThrow(/ROTATION_FUNCTION_ARN: must be a Lambda function ARN/);
  });

  it('defaults JANITOR_POLICY to the empty policy and leaves the secret id to the event', () => {
    const env = readJanitorEnvironment({ REPORT_TOPIC_ARN: TOPIC });
    expect(env.policy).toEqual({});
    expect(env.credentialsSecretId).toBeUndefined();
  });

  it.each([
    [{ REPORT_TOPIC_ARN: undefined }, 'REPORT_TOPIC_ARN', 'is required'],
    [{ REPORT_TOPIC_ARN: 'isc-oauth-janitor-reports' }, 'REPORT_TOPIC_ARN', 'SNS topic ARN'],
    [{ JANITOR_POLICY: '{"mode": enforce}' }, 'JANITOR_POLICY', 'not valid JSON'],
    [{ JANITOR_POLICY: '["report"]' }, 'JANITOR_POLICY', 'JSON object'],
    [{ ISC_CREDENTIALS_SECRET_ID: '' }, 'ISC_CREDENTIALS_SECRET_ID', 'Secrets Manager secret'],
    [{ TENANT_NAME: '' }, 'TENANT_NAME', ''],
  ])('refuses %j with a message naming %s', (change, variable, words) => {
    const error = errorOf({ ...GOOD, ...change });
    expect(error.message).toContain(`${variable}:`);
    expect(error.message).toContain(words);
    expect(error.fields).toContain(variable);
  });

  it('does not echo a bad value', () => {
    const error = errorOf({ ...GOOD, JANITOR_POLICY: 'sk-live-0123456789 not json' });
    expect(error.message).not.toContain('sk-live');
  });
});
