import { describe, expect, it } from 'vitest';
import type { SecretDescription } from '../../../lambdas/core/model/secret-versions.js';
import { checkRotationStep } from '../../../lambdas/core/rules/check-rotation-step.js';

const TOKEN = 'token-0000-0000';
const described = (versions: SecretDescription['versions'], rotationEnabled = true): SecretDescription => ({
  arn: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:isc/acme-AbCdEf',
  name: 'isc/acme',
  rotationEnabled,
  rotationAfterDays: 60,
  versions,
  lastRotatedAt: null,
  nextRotationAt: null,
  rotationFailure: null,
});

describe('checkRotationStep', () => {
  it('runs a step for a token staged as AWSPENDING', () => {
    expect(checkRotationStep(described({ old: ['AWSCURRENT'], [TOKEN]: ['AWSPENDING'] }), TOKEN)).toEqual({ verdict: 'run' });
  });

  it('answers done for a token whose version is already AWSCURRENT (a repeated or late call)', () => {
    expect(checkRotationStep(described({ old: ['AWSPREVIOUS'], [TOKEN]: ['AWSCURRENT', 'AWSPENDING'] }), TOKEN)).toMatchObject({ verdict: 'done' });
    expect(checkRotationStep(described({ [TOKEN]: ['AWSCURRENT'] }), TOKEN)).toMatchObject({ verdict: 'done' });
  });

  it('refuses when rotation is off, the token names no version, or its version is not pending', () => {
    expect(checkRotationStep(described({ [TOKEN]: ['AWSPENDING'] }, false), TOKEN)).toMatchObject({ verdict: 'refuse', reason: expect.stringMatching(/not enabled/) });
    expect(checkRotationStep(described({ old: ['AWSCURRENT'] }), TOKEN)).toMatchObject({ verdict: 'refuse', reason: expect.stringMatching(/never staged/) });
    expect(checkRotationStep(described({ old: ['AWSCURRENT'], [TOKEN]: ['AWSPREVIOUS'] }), TOKEN)).toMatchObject({
      verdict: 'refuse',
      reason: expect.stringMatching(/not AWSPENDING \(stages: AWSPREVIOUS\)/),
    });
    expect(checkRotationStep(described({ old: ['AWSCURRENT'], [TOKEN]: [] }), TOKEN)).toMatchObject({ reason: expect.stringMatching(/stages: none/) });
  });
});
