import { describe, expect, it } from 'vitest';
import { CURRENT_ID, CURRENT_SECRET, MANAGED, managedClient, startRotationWorld, tokenStatus, useMoto } from './rotation-harness.js';
import { makeClient, NOW } from '../core/make-client.js';

useMoto();

/*
 * Secrets Manager's four-step protocol for a managed client secret, on moto and the sandbox:
 * in order, repeated, out of order, across a crash, and with a failing test step.
 */

describe('rotation handler: managed client secrets', () => {
  it('rotates in order: a successor becomes AWSCURRENT, the predecessor AWSPREVIOUS and still enabled', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);
    const before = Object.keys(await w.stages(w.managedSecretArn)).find((id) => id !== token)!;

    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) {
      expect((await w.step(step, w.managedSecretArn, token)).outcome).toBe('done');
    }

    expect(await w.stages(w.managedSecretArn)).toEqual({ [before]: ['AWSPREVIOUS'], [token]: ['AWSCURRENT'] });
    const current = await w.value(w.managedSecretArn);
    const successors = w.clientsNamed(MANAGED).filter((client) => client.id !== CURRENT_ID);
    expect(successors).toHaveLength(1);
    expect(current).toMatchObject({ clientId: successors[0]!.id, previousClientId: CURRENT_ID, baseUrl: w.sandbox.url, rotatedAt: NOW.toISOString() });
    expect(await tokenStatus(w.sandbox, current.clientId as string, current.clientSecret as string)).toBe(200);
    // Consumers move at their own pace: the predecessor stays enabled until the nightly run retires it.
    expect(w.sandbox.state.get(CURRENT_ID)?.enabled).toBe(true);
    expect(await w.value(w.managedSecretArn, 'AWSPREVIOUS')).toMatchObject({ clientId: CURRENT_ID });
    // The successor copies what a create can set.
    expect(successors[0]).toMatchObject({ scope: ['idn:sources:read'], description: 'deploys from CI', accessTokenValiditySeconds: 900 });
  });

  it('makes one client when createSecret runs twice with the same token, and each later step twice changes nothing more', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);

    expect((await w.step('createSecret', w.managedSecretArn, token)).outcome).toBe('done');
    const second = await w.step('createSecret', w.managedSecretArn, token);
    expect(second.detail).toMatch(/already holds successor .*nothing to do/);
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);

    for (const step of ['setSecret', 'setSecret', 'testSecret', 'testSecret'] as const) await w.step(step, w.managedSecretArn, token);
    await w.step('finishSecret', w.managedSecretArn, token);
    const stagesAfterFinish = await w.stages(w.managedSecretArn);
    const again = await w.step('finishSecret', w.managedSecretArn, token);

    expect(again.outcome).toBe('already-done');
    expect(await w.stages(w.managedSecretArn)).toEqual(stagesAfterFinish);
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
    // Late repeats of the earlier steps are answered "already done" and write nothing.
    expect((await w.step('createSecret', w.managedSecretArn, token)).outcome).toBe('already-done');
    expect((await w.step('testSecret', w.managedSecretArn, token)).outcome).toBe('already-done');
    expect(await w.stages(w.managedSecretArn)).toEqual(stagesAfterFinish);
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
  });

  it('refuses steps out of order without touching AWSCURRENT or ISC, then completes in order', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);
    const stagesBefore = await w.stages(w.managedSecretArn);

    await expect(w.step('testSecret', w.managedSecretArn, token)).rejects.toThrow(/holds no value: createSecret has not stored a successor/);
    await expect(w.step('finishSecret', w.managedSecretArn, token)).rejects.toThrow(/holds no value: nothing to make current/);

    expect(await w.stages(w.managedSecretArn)).toEqual(stagesBefore);
    expect(await w.value(w.managedSecretArn)).toMatchObject({ clientId: CURRENT_ID });
    expect(w.clientsNamed(MANAGED)).toHaveLength(1);
    expect(w.sandbox.mutatingRequests()).toEqual([]);

    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await w.step(step, w.managedSecretArn, token);
    expect((await w.value(w.managedSecretArn)).clientId).not.toBe(CURRENT_ID);
  });

  it('refuses a token Secrets Manager never staged, and a secret whose rotation is off', async () => {
    const w = await startRotationWorld();
    await expect(w.step('createSecret', w.managedSecretArn, 'not-a-staged-version-0000000000000')).rejects.toThrow(/rotation is not enabled/);
    await w.startRotation(w.managedSecretArn);
    await expect(w.step('createSecret', w.managedSecretArn, 'not-a-staged-version-0000000000000')).rejects.toThrow(/has no version .* never staged/);
    expect(w.clientsNamed(MANAGED)).toHaveLength(1);
  });

  it('survives a crash between each pair of steps: every step runs in a fresh container', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);

    await w.step('createSecret', w.managedSecretArn, token, w.handler());
    // The container that stored the successor is gone; a new one carries on from the stages alone.
    await w.step('createSecret', w.managedSecretArn, token, w.handler());
    await w.step('testSecret', w.managedSecretArn, token, w.handler());
    await w.step('finishSecret', w.managedSecretArn, token, w.handler());

    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
    expect((await w.stages(w.managedSecretArn))[token]).toEqual(['AWSCURRENT']);
  });

  it('rolls back when ISC refuses the successor at testSecret: AWSCURRENT untouched, the successor deleted, the failure noted', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);
    await w.step('createSecret', w.managedSecretArn, token);
    const successor = w.clientsNamed(MANAGED).find((client) => client.id !== CURRENT_ID)!;
    // Someone changed the successor's secret in ISC: the stored one no longer gets a token.
    w.sandbox.state.put(successor, 'a-secret-nobody-stored-123456');

    await expect(w.step('testSecret', w.managedSecretArn, token)).rejects.toThrow(
      /successor .* failed its test .*deleted again .* no longer AWSPENDING: AWSCURRENT \(rot0+c00001\) is unchanged/,
    );

    expect(await w.value(w.managedSecretArn)).toMatchObject({ clientId: CURRENT_ID, clientSecret: CURRENT_SECRET });
    expect(w.clientsNamed(MANAGED).map((client) => client.id)).toEqual([CURRENT_ID]);
    expect((await w.stages(w.managedSecretArn))[token] ?? []).not.toContain('AWSPENDING');
    const { rotationFailure } = await w.describe(w.managedSecretArn);
    expect(rotationFailure).toMatchObject({ step: 'testSecret' });
    expect(rotationFailure?.reason).toMatch(/failed its test/);
    // The next rotation starts clean and succeeds; the note is cleared when it finishes.
    const next = await w.startRotation(w.managedSecretArn);
    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await w.step(step, w.managedSecretArn, next);
    expect((await w.describe(w.managedSecretArn)).rotationFailure).toBeNull();
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
  });

  it('fails testSecret on an outage without rolling back, so a retry can pass', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);
    await w.step('createSecret', w.managedSecretArn, token);
    w.sandbox.faults.failNext(20, { route: 'get' }, { kind: 'status', status: 503 });

    await expect(w.step('testSecret', w.managedSecretArn, token)).rejects.toThrow(/503/);
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
    expect((await w.stages(w.managedSecretArn))[token]).toEqual(['AWSPENDING']);

    w.sandbox.faults.clear();
    await w.step('testSecret', w.managedSecretArn, token);
    await w.step('finishSecret', w.managedSecretArn, token);
    expect((await w.stages(w.managedSecretArn))[token]).toEqual(['AWSCURRENT']);
  });

  it('checks a client without the client-credentials grant by its enabled flag', async () => {
    const w = await startRotationWorld({ clients: [managedClient({ grantTypes: ['AUTHORIZATION_CODE'], redirectUris: ['https://ci.example.com/cb'] })] });
    const token = await w.startRotation(w.managedSecretArn);
    await w.step('createSecret', w.managedSecretArn, token);
    const tokenRequests = w.sandbox.requests.filter((entry) => entry.route === 'token').length;

    const tested = await w.step('testSecret', w.managedSecretArn, token);

    expect(tested.detail).toMatch(/is enabled \(it has no client-credentials grant/);
    // Only the janitor's own token (at most): none for the successor.
    expect(w.sandbox.requests.filter((entry) => entry.route === 'token').length - tokenRequests).toBeLessThanOrEqual(1);
  });

  it('will not rotate over a predecessor that is still enabled, and creates nothing', async () => {
    const predecessor = makeClient({ id: 'rot000000000000000000000000p00001', name: MANAGED, secret: null });
    const w = await startRotationWorld({ clients: [predecessor, managedClient()], previousClientId: predecessor.id });
    const token = await w.startRotation(w.managedSecretArn);

    await expect(w.step('createSecret', w.managedSecretArn, token)).rejects.toThrow(/previous rotation is not finished: predecessor rot0+p00001 is still enabled/);
    expect(w.clientsNamed(MANAGED)).toHaveLength(2);
    expect(w.sandbox.mutatingRequests()).toEqual([]);
  });

  it('never logs a secret', async () => {
    const w = await startRotationWorld();
    const token = await w.startRotation(w.managedSecretArn);
    for (const step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret'] as const) await w.step(step, w.managedSecretArn, token);
    const successor = (await w.value(w.managedSecretArn)).clientSecret as string;
    const text = w.logger.lines.join('\n');
    for (const secret of [successor, CURRENT_SECRET, 'janitor-pat-secret-0b1c2d3e4f5a6b']) expect(text).not.toContain(secret);
    expect(text).toContain('rotation step');
  });
});
