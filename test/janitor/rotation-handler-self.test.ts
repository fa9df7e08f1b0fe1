import { describe, expect, it } from 'vitest';
import { motoSecrets, SELF_ID, SELF_SECRET, startRotationWorld, tokenStatus, useMoto } from './rotation-harness.js';
import { NOW } from '../core/make-client.js';

useMoto();

const DAY_MS = 86_400_000;
const STEPS = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const;

/*
 * The janitor's own PAT rotated through Secrets Manager's protocol (moto) against the sandbox's
 * personal access tokens API, and retired by the nightly run once the new PAT has served a run
 * and is a day old.
 */

describe('rotation handler: the janitor\'s own PAT', () => {
  it('ends with the old PAT deleted and the new one working: rotated, served a nightly run, retired a day later', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.janitorSecretArn);

    for (const step of STEPS) expect((await w.step(step, w.janitorSecretArn, token)).kind).toBe('janitor-credentials');

    const current = await w.value(w.janitorSecretArn);
    const newId = current.clientId as string;
    expect(newId).not.toBe(SELF_ID);
    expect(current).toEqual({ baseUrl: w.sandbox.url, clientId: newId, clientSecret: expect.any(String) });
    expect(await w.value(w.janitorSecretArn, 'AWSPREVIOUS')).toMatchObject({ clientId: SELF_ID });
    const pat = w.sandbox.pats.get(newId)!;
    expect(pat).toMatchObject({ name: 'isc-oauth-janitor-2026-11-23', owner: { id: w.sandbox.selfIdentity.id }, scope: ['sp:scopes:all'] });
    expect(pat.expirationDate).toBe(new Date(NOW.getTime() + 180 * DAY_MS).toISOString());
    // Never deleted at finishSecret: both work until the new one has served a nightly run.
    expect(await tokenStatus(w.sandbox, SELF_ID, SELF_SECRET)).toBe(200);
    expect(await tokenStatus(w.sandbox, newId, current.clientSecret as string)).toBe(200);

    // The same night: the new PAT serves the run, but it is not a day old yet.
    w.setNow(new Date(NOW.getTime() + 60_000));
    const sameDay = await w.nightly();
    expect(sameDay.report.credentials?.janitor).toMatchObject({ clientId: newId, previous: { clientId: SELF_ID, outcome: 'kept' } });
    expect(sameDay.report.credentials?.janitor?.previous?.detail).toMatch(/0 hour\(s\) old/);
    expect(w.sandbox.pats.has(SELF_ID)).toBe(true);

    // The next night: a day has passed and the new PAT served the run, so the old one goes, in an
    // enforcing run (report mode only lists it: see dry-run-retirement.test.ts).
    w.setNow(new Date(NOW.getTime() + DAY_MS + 60_000));
    const nextDay = await w.nightly({ JANITOR_POLICY: '{"mode":"enforce"}' });
    expect(nextDay.report.credentials?.janitor).toMatchObject({ clientId: newId, daysToExpiry: 178, previous: { clientId: SELF_ID, outcome: 'retired' } });
    expect(w.sandbox.pats.has(SELF_ID)).toBe(false);
    expect(await tokenStatus(w.sandbox, SELF_ID, SELF_SECRET)).toBe(401);
    expect(await tokenStatus(w.sandbox, newId, current.clientSecret as string)).toBe(200);
    expect(nextDay.text).toMatch(/previous PAT .*: retired/);
    expect(nextDay.metrics.some((record) => record.CredentialDaysToExpiry === 178)).toBe(true);

    // Afterwards nothing is left to do.
    w.setNow(new Date(NOW.getTime() + 2 * DAY_MS));
    expect((await w.nightly()).report.credentials?.janitor?.previous).toMatchObject({ outcome: 'gone' });
  });

  it('turns on rotation of the credentials secret in the nightly run, every CREDENTIALS_ROTATION_DAYS, without rotating now', async () => {
    const w = await startRotationWorld();
    const { rotationFunctionArn } = motoSecrets();

    const night = await w.nightly({ ROTATION_FUNCTION_ARN: rotationFunctionArn, CREDENTIALS_ROTATION_DAYS: '45' });

    expect(await w.describe(w.janitorSecretArn)).toMatchObject({ rotationEnabled: true, rotationAfterDays: 45 });
    expect(night.report.credentials?.janitor?.rotation).toMatchObject({ rotationEnabled: true, nextRotationAt: expect.any(String) });
    expect(await w.value(w.janitorSecretArn)).toMatchObject({ clientId: SELF_ID });
    expect(night.text).toMatch(/isc-oauth-janitor\/credentials\/acme-\S+: rotated by Secrets Manager/);
  });

  it('never deletes the previous PAT while it is still AWSCURRENT: a rotation stopped before finishSecret', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.janitorSecretArn);
    await w.step('createSecret', w.janitorSecretArn, token);
    await w.step('testSecret', w.janitorSecretArn, token);

    w.setNow(new Date(NOW.getTime() + 3 * DAY_MS));
    const night = await w.nightly();

    expect(night.report.credentials?.janitor?.clientId).toBe(SELF_ID);
    expect(w.sandbox.pats.has(SELF_ID)).toBe(true);
    expect(await tokenStatus(w.sandbox, SELF_ID, SELF_SECRET)).toBe(200);
  });

  it('sends an explicit expirationDate on v2025, which requires one', async () => {
    const w = await startRotationWorld({ apiVersion: 'v2025' });
    const token = await w.startRotation(w.janitorSecretArn);
    for (const step of STEPS) await w.step(step, w.janitorSecretArn, token);

    const current = await w.value(w.janitorSecretArn);
    expect(current.apiVersion).toBe('v2025');
    expect(w.sandbox.pats.get(current.clientId as string)?.expirationDate).toBe(new Date(NOW.getTime() + 180 * DAY_MS).toISOString());
    const create = w.sandbox.requests.find((entry) => entry.route === 'pat-create');
    expect(create).toMatchObject({ path: '/v2025/personal-access-tokens', status: 200 });
  });

  it('fails safe when ISC refuses to create a PAT: the old one stays current, the failure is noted and reported', async () => {
    // A PAT that may manage OAuth clients but not personal access tokens.
    const w = await startRotationWorld({ credentialsPat: { scope: ['sp:oauth-client:read', 'sp:oauth-client:manage', 'sp:my-personal-access-tokens:read'] } });
    const token = await w.startRotation(w.janitorSecretArn);

    await expect(w.step('createSecret', w.janitorSecretArn, token)).rejects.toThrow(
      /ISC did not create a new personal access token \(the janitor's PAT needs the scope sp:my-personal-access-tokens:manage to rotate itself\).*403.*nothing changed, the janitor keeps using PAT/,
    );

    expect(await w.value(w.janitorSecretArn)).toMatchObject({ clientId: SELF_ID });
    expect(w.sandbox.pats.ownedBy(w.sandbox.selfIdentity.id).map((pat) => pat.id)).toEqual([SELF_ID]);
    const night = await w.nightly();
    expect(night.report.warnings.some((warning) => /rotation of the janitor's credentials .* failed at createSecret/.test(warning))).toBe(true);
    expect(night.text).toMatch(/LAST ROTATION FAILED at createSecret/);
    expect(night.metrics.some((record) => record.CredentialRotationFailures === 1)).toBe(true);
  });

  it('rolls back a new PAT that fails its test, keeping the current one', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.janitorSecretArn);
    await w.step('createSecret', w.janitorSecretArn, token);
    const pending = await w.value(w.janitorSecretArn, 'AWSPENDING');
    // Someone deleted the new PAT in ISC before the test.
    w.sandbox.pats.remove(pending.clientId as string);

    await expect(w.step('testSecret', w.janitorSecretArn, token)).rejects.toThrow(/the new PAT .* failed its test .* janitor keeps using PAT/);

    expect(await w.value(w.janitorSecretArn)).toMatchObject({ clientId: SELF_ID });
    expect((await w.stages(w.janitorSecretArn))[token] ?? []).not.toContain('AWSPENDING');
    expect(await tokenStatus(w.sandbox, SELF_ID, SELF_SECRET)).toBe(200);
  });

  it('makes one PAT when createSecret runs twice, and finishSecret twice is harmless', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.janitorSecretArn);
    await w.step('createSecret', w.janitorSecretArn, token);
    await w.step('createSecret', w.janitorSecretArn, token);
    await w.step('testSecret', w.janitorSecretArn, token);
    await w.step('finishSecret', w.janitorSecretArn, token);
    const stages = await w.stages(w.janitorSecretArn);
    expect((await w.step('finishSecret', w.janitorSecretArn, token)).outcome).toBe('already-done');

    expect(await w.stages(w.janitorSecretArn)).toEqual(stages);
    expect(w.sandbox.pats.ownedBy(w.sandbox.selfIdentity.id)).toHaveLength(2);
  });
});
