import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { NO_REPORT_ADDRESS } from '../../lib/janitor-stack.js';
import { readStackContext } from '../../lib/read-stack-context.js';
import { CONTEXT_KEYS, parseStackContext, stackContextSchema, unknownContextKeys } from '../../lib/stack-context.js';
import { configErrorOf } from '../support/config-error-of.js';
import { buildStackFromContext, newApp } from './build-janitor-stack.js';

const janitorEnvironment = (built: ReturnType<typeof buildStackFromContext>): Record<string, unknown> => {
  const fn = built.template.findResources('AWS::Lambda::Function');
  const id = built.stack.getLogicalId(built.stack.janitor.function.node.defaultChild as never);
  return (fn[id]?.Properties as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
};

describe('unknown context keys in the janitor\'s namespace fail synth', () => {
  it.each([
    ['reportEmail', 'Did you mean reportEmails?'],
    ['fleetConcurency', 'Did you mean fleetConcurrency?'],
    ['basePolcy', 'Did you mean basePolicy?'],
    ['somethingElse', ''],
  ])('%s: named, with the key it probably meant', (key, hint) => {
    const error = configErrorOf(() => readStackContext(newApp({ [key]: 'x' }, false)));
    expect(error.fields).toEqual([key]);
    expect(error.message).toContain(`Invalid CDK context: ${key}: not a key of isc-oauth-janitor.${hint ? ` ${hint}` : ''}`);
    expect(error.message).toContain('Its keys: reportEmails, alarmEmails');
  });

  it('leaves the CDK\'s own keys alone (feature flags, aws:cdk:*, lookups)', () => {
    expect(unknownContextKeys(['@aws-cdk/core:newStyleStackSynthesis', 'aws:cdk:bundling-stacks', 'availability-zones:account=1:region=x', 'acknowledged-issue-numbers'])).toEqual([]);
    expect(() => readStackContext(newApp({ 'aws:cdk:enable-path-metadata': true }, false))).not.toThrow();
  });

  it('knows every key the schema declares (one place: a key added there is known at once)', () => {
    expect(CONTEXT_KEYS).toEqual(Object.keys(stackContextSchema.shape));
    expect(unknownContextKeys([...CONTEXT_KEYS])).toEqual([]);
    expect(CONTEXT_KEYS).toContain('basePolicy');
  });

  it('still refuses the retired tenants list with its own message', () => {
    expect(configErrorOf(() => readStackContext(newApp({ tenants: [] }, false))).message).toContain('tenants import');
  });
});

describe('basePolicy: the deployed base policy (JANITOR_POLICY) from cdk.json', () => {
  const policy = { mode: 'report', exempt: { names: ['^ci-'] }, creation: { forbiddenScopes: ['sp:scopes:all', 'idn:sources:manage'], maxAccessTokenValiditySeconds: 3600 } };

  // Each synthesizes a stack: seconds on a shared machine.
  it('sets JANITOR_POLICY, creation rules included, from an object in cdk.json', { timeout: 90_000 }, () => {
    expect(JSON.parse(String(janitorEnvironment(buildStackFromContext({ basePolicy: policy, reportEmails: ['a@example.com'] })).JANITOR_POLICY))).toEqual(policy);
  });

  it('and from JSON text given with -c', { timeout: 90_000 }, () => {
    expect(JSON.parse(String(janitorEnvironment(buildStackFromContext({ basePolicy: JSON.stringify(policy), reportEmails: ['a@example.com'] })).JANITOR_POLICY))).toEqual(policy);
  });

  it.each([
    [{ creation: { maxAccessTokenValiditySeconds: 'long' } }, 'basePolicy.creation.maxAccessTokenValiditySeconds'],
    [{ mode: 'enforce', disableAfterDays: 200 }, 'basePolicy.deleteAfterDays'],
    [{ limits: { maxFraction: 2 } }, 'basePolicy.limits.maxFraction'],
    [{ modee: 'enforce' }, 'basePolicy.modee: unknown field'],
    ['{"mode": ', 'basePolicy: is text but not valid JSON'],
    [['enforce'], 'basePolicy: must be a policy object'],
  ])('is checked at synth with the policy\'s own schema: %j names %s', (basePolicy, words) => {
    const error = configErrorOf(() => parseStackContext({ basePolicy }));
    expect(error.message).toContain(words);
  });
});

describe('no report address anywhere', () => {
  it('warns at synth, once', () => {
    const warnings = Annotations.fromStack(buildStackFromContext({}).stack).findWarning('*', Match.stringLikeRegexp('No report address'));
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.entry.data)).toContain(NO_REPORT_ADDRESS);
  });

  it.each([[{ reportEmails: 'team@example.com' }], [{ chatTopicArn: 'arn:aws:sns:eu-central-1:123456789012:janitor-chat' }]])('is quiet with %j', (context) => {
    expect(Annotations.fromStack(buildStackFromContext(context).stack).findWarning('*', Match.stringLikeRegexp('No report address'))).toEqual([]);
  });
});
