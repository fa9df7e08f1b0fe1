import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lambdas/core/dates.js';
import { motoS3Config, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';
import { ENFORCE_POLICY, envelopeOf, lambdaContext, NOW, startHandlerHarness } from './handler-harness.js';
import { storedPat } from '../e2e/tenant-pats.js';

/**
 * The Lambda handler governs personal access tokens night after night with the evidence archive
 * on S3 (moto: the listing by prefix and StartAfter is what finds the earlier announcement).
 */
const STALE = 'e2ep00000000000000000000000000aa';
const OWNER = { type: 'IDENTITY', id: 'e2e0000000000000000000000000ada1', name: 'Ada Lovelace' } as const;

let moto: MotoServer;
let s3: S3Client;
beforeAll(async () => {
  moto = await startMoto();
  s3 = new S3Client(motoS3Config(moto));
});
afterAll(async () => {
  await moto?.stop();
});

describe('createHandler with personal access tokens', () => {
  it('announces a stale token on the first night and deletes it on the night warnDays later, reading the announcement from the archive', async () => {
    const bucket = uniqueName('evidence');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    let now = NOW;
    const h = await startHandlerHarness({
      sandbox: { now: () => now, pats: [storedPat({ id: STALE, owner: { ...OWNER }, lastUsed: new Date(NOW.getTime() - 200 * DAY_MS).toISOString() })] },
      env: {
        REPORT_ARCHIVE_BUCKET: bucket,
        JANITOR_POLICY: JSON.stringify({ ...ENFORCE_POLICY, pats: { enabled: true }, limits: { maxActions: 50, maxFraction: 1 } }),
      },
      deps: { s3, clock: () => now },
    });

    await h.handler({}, lambdaContext({ awsRequestId: 'night-1' }));
    const first = h.publishes()[0];
    const { report: night1 } = envelopeOf(first);
    expect(night1.upcoming.find((u) => u.clientId === STALE)).toMatchObject({ credential: 'personal-access-token', action: 'delete', on: '2026-03-15', owner: { id: OWNER.id } });
    expect(h.sb.pats.has(STALE)).toBe(true);
    expect(JSON.parse(first?.MessageAttributes?.['owners']?.StringValue ?? '[]')).toContain(OWNER.id);

    now = new Date(NOW.getTime() + 14 * DAY_MS);
    await h.handler({}, lambdaContext({ awsRequestId: 'night-2' }));
    const { report: night2, text } = envelopeOf(h.publishes()[1]);
    expect(night2.actions.find((a) => a.clientId === STALE)).toMatchObject({ credential: 'personal-access-token', action: 'delete', outcome: 'done' });
    expect(h.sb.pats.has(STALE)).toBe(false);
    expect(text).toContain('Personal access tokens');
    expect(text).toMatch(/Ada Lovelace \(e2e0+ada1\)\n {6}delete done {2}token-00aa \(e2ep0+aa\)/);
    expect(night2.pats?.counts.deleted).toBeGreaterThanOrEqual(1);
    expect(h.output.metrics().at(-1)).toMatchObject({ TokensDeleted: night2.pats?.counts.deleted, TokensAnnounced: night2.pats?.counts.upcoming, ActionsFailed: 0 });
  });

  it('counts a token deletion ISC refuses as a failed action: metric, outcome and the thrown error', async () => {
    const bucket = uniqueName('evidence');
    await s3.send(new CreateBucketCommand({ Bucket: bucket }));
    let now = NOW;
    const h = await startHandlerHarness({
      sandbox: { now: () => now, clients: [], pats: [storedPat({ id: STALE, owner: { ...OWNER }, lastUsed: new Date(NOW.getTime() - 200 * DAY_MS).toISOString() })] },
      env: { REPORT_ARCHIVE_BUCKET: bucket, JANITOR_POLICY: JSON.stringify({ mode: 'enforce', pats: { enabled: true }, limits: { maxActions: 50, maxFraction: 1 } }) },
      deps: { s3, clock: () => now },
    });
    await h.handler({}, lambdaContext({ awsRequestId: 'night-1' }));
    now = new Date(NOW.getTime() + 14 * DAY_MS);
    h.sb.faults.failNext(1, { route: 'pat-delete', method: 'DELETE' }, { kind: 'status', status: 403 });

    const error: unknown = await h.handler({}, lambdaContext({ awsRequestId: 'night-2' })).catch((caught: unknown) => caught);

    expect(String(error)).toMatch(/failed: 1 action\(s\) failed \(report night-2\)/);
    const { report } = envelopeOf(h.publishes()[1]);
    expect(report).toMatchObject({ outcome: 'failed', counts: { failed: 0 }, pats: { counts: { failed: 1 } } });
    expect(h.output.metrics().at(-1)).toMatchObject({ ActionsFailed: 1, TokensDeleted: report.pats?.counts.deleted });
    // Whichever token's DELETE met the 403 (the door re-lists before each one) is still there.
    const refused = report.actions.find((action) => action.credential === 'personal-access-token' && action.outcome === 'failed');
    expect(h.sb.pats.has(refused?.clientId ?? '')).toBe(true);
  });
});
