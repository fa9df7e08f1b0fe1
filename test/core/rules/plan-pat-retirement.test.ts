import { describe, expect, it } from 'vitest';
import type { PersonalAccessToken } from '../../../lambdas/core/model/personal-access-token.js';
import { planPatRetirement, type PatRetirementInput } from '../../../lambdas/core/rules/plan-pat-retirement.js';
import { NOW } from '../make-client.js';

const HOUR = 3_600_000;
const pat = (id: string, createdMsAgo: number, overrides: Partial<PersonalAccessToken> = {}): PersonalAccessToken => ({
  id,
  name: id,
  owner: { id: 'identity-1', name: null },
  scope: null,
  created: new Date(NOW.getTime() - createdMsAgo).toISOString(),
  lastUsed: null,
  managed: false,
  expirationDate: null,
  ...overrides,
});
const base: PatRetirementInput = {
  previousPatId: 'old',
  previousStages: ['AWSPREVIOUS'],
  currentPatId: 'new',
  previousPat: pat('old', 90 * 24 * HOUR),
  currentPat: pat('new', 25 * HOUR),
  servedBy: 'new',
  now: NOW,
};

describe('planPatRetirement', () => {
  it('retires the previous PAT once the new one served this run and is a day old', () => {
    expect(planPatRetirement(base)).toMatchObject({ verdict: 'retire', reason: expect.stringMatching(/served a nightly run and is over a day old/) });
  });

  it('keeps it while the new PAT is younger than a day, or has not served a run', () => {
    expect(planPatRetirement({ ...base, currentPat: pat('new', 23 * HOUR) })).toMatchObject({ verdict: 'keep', reason: expect.stringMatching(/23 hour\(s\) old/) });
    expect(planPatRetirement({ ...base, servedBy: 'old' })).toMatchObject({ verdict: 'keep', reason: expect.stringMatching(/has not served a nightly run/) });
  });

  it('never retires a PAT that is still AWSCURRENT or pending', () => {
    expect(planPatRetirement({ ...base, previousStages: ['AWSPREVIOUS', 'AWSCURRENT'] })).toMatchObject({ verdict: 'keep' });
    expect(planPatRetirement({ ...base, previousStages: ['AWSPENDING'] })).toMatchObject({ verdict: 'keep' });
  });

  it('keeps it when the new PAT\'s age cannot be told, and leaves a managed PAT alone', () => {
    expect(planPatRetirement({ ...base, currentPat: undefined })).toMatchObject({ verdict: 'keep' });
    expect(planPatRetirement({ ...base, currentPat: pat('new', 0, { created: 'yesterday' }) })).toMatchObject({ verdict: 'keep' });
    expect(planPatRetirement({ ...base, previousPat: pat('old', 0, { managed: true }) })).toMatchObject({ verdict: 'keep' });
  });

  it('has nothing to do when the previous PAT is gone or is the current one', () => {
    expect(planPatRetirement({ ...base, previousPat: undefined })).toMatchObject({ verdict: 'gone' });
    expect(planPatRetirement({ ...base, previousPatId: 'new' })).toMatchObject({ verdict: 'gone' });
  });

  it('retires the previous PAT when the new one is exactly a day old, not a millisecond before', () => {
    expect(planPatRetirement({ ...base, currentPat: pat('new', 24 * HOUR) })).toMatchObject({ verdict: 'retire' });
    expect(planPatRetirement({ ...base, currentPat: pat('new', 24 * HOUR - 1) })).toMatchObject({ verdict: 'keep', reason: expect.stringMatching(/23 hour\(s\) old/) });
  });
});
