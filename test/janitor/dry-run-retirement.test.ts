import { describe, expect, it } from 'vitest';
import { NOW } from '../core/make-client.js';
import { SELF_ID, startRotationWorld, useMoto } from './rotation-harness.js';

useMoto();

const DAY_MS = 86_400_000;
const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

describe('a dry run and the janitor\'s previous PAT', () => {
  it('retires nothing on {"dryRun": true}: the deletion it would make is in the report, and no request is sent', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.janitorSecretArn);
    for (const step of STEPS) await w.step(step, w.janitorSecretArn, token);
    const newId = (await w.value(w.janitorSecretArn)).clientId as string;
    w.setNow(new Date(NOW.getTime() + DAY_MS + 60_000));
    const patWritesBefore = w.sandbox.mutatingPatRequests().length;

    const { report } = await w.nightly({}, { dryRun: true });

    expect(w.sandbox.pats.has(SELF_ID)).toBe(true);
    expect(w.sandbox.mutatingPatRequests()).toHaveLength(patWritesBefore);
    expect(report.mode).toBe('report');
    expect(report.actions).toContainEqual(
      expect.objectContaining({ credential: 'personal-access-token', clientId: SELF_ID, action: 'delete', outcome: 'planned', reasonCode: 'retire-predecessor' }),
    );
    expect(report.credentials?.janitor).toMatchObject({ clientId: newId });
  });
});
