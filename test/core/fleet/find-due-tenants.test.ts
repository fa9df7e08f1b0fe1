import { describe, expect, it } from 'vitest';
import { dueVerdict, findDueTenants, type ScheduledTenant } from '../../../lambdas/core/fleet/find-due-tenants.js';
import { localClock } from '../../../lambdas/core/fleet/local-clock.js';
import { parseTenantEntry, type TenantEntryInput } from '../../../lambdas/core/model/tenant-entry.js';

const ARN = 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:isc/acme';
const tenant = (fields: Partial<TenantEntryInput>, lastRunDay?: string): ScheduledTenant => ({
  entry: parseTenantEntry({ name: 'acme', credentialsSecretArn: ARN, ...fields }),
  lastRunDay,
});

describe('localClock', () => {
  it('reads the wall clock of a zone, DST included', () => {
    expect(localClock(new Date('2026-07-01T00:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-07-01', minutes: 150 });
    expect(localClock(new Date('2026-12-01T00:30:00Z'), 'Europe/Berlin')).toEqual({ date: '2026-12-01', minutes: 90 });
    expect(localClock(new Date('2026-12-01T03:00:00Z'), 'America/New_York')).toEqual({ date: '2026-11-30', minutes: 22 * 60 });
  });
});

describe('dueVerdict', () => {
  it('is due from the local time until the window closes, for that local day', () => {
    const berlin = tenant({ localTime: '02:00', timeZone: 'Europe/Berlin' });
    expect(dueVerdict(berlin, new Date('2026-12-01T00:59:00Z'))).toEqual({ due: false, reason: 'not-yet' });
    expect(dueVerdict(berlin, new Date('2026-12-01T01:00:00Z'))).toEqual({ due: true, runDay: '2026-12-01' });
    expect(dueVerdict(berlin, new Date('2026-12-01T02:59:00Z'))).toEqual({ due: true, runDay: '2026-12-01' });
    expect(dueVerdict(berlin, new Date('2026-12-01T03:00:00Z'))).toEqual({ due: false, reason: 'not-yet' });
  });

  it('runs a tenant at most once per local day', () => {
    const ran = tenant({ localTime: '02:00' }, '2026-12-01');
    expect(dueVerdict(ran, new Date('2026-12-01T02:15:00Z'))).toEqual({ due: false, reason: 'already-ran' });
    expect(dueVerdict(ran, new Date('2026-12-02T02:15:00Z'))).toEqual({ due: true, runDay: '2026-12-02' });
  });

  it('keeps a day claimed by the asking tick due for that tick only (a retried tick finds its tenants again)', () => {
    const claimed = { ...tenant({ localTime: '02:00' }, '2026-12-01'), lastRunClaimant: 'tick-1' };
    const now = new Date('2026-12-01T02:15:00Z');
    expect(dueVerdict(claimed, now, { claimant: 'tick-1' })).toEqual({ due: true, runDay: '2026-12-01' });
    expect(dueVerdict(claimed, now, { claimant: 'tick-2' })).toEqual({ due: false, reason: 'already-ran' });
    expect(dueVerdict(claimed, now)).toEqual({ due: false, reason: 'already-ran' });
  });

  it('keeps a late-evening tenant due past midnight, for the day before', () => {
    const late = tenant({ localTime: '23:45', timeZone: 'Asia/Tokyo' });
    expect(dueVerdict(late, new Date('2026-12-01T14:45:00Z'))).toEqual({ due: true, runDay: '2026-12-01' });
    // 00:30 in Tokyo on the 2nd: 45 minutes after the 1st's 23:45, so the run counts for the 1st.
    expect(dueVerdict(late, new Date('2026-12-01T15:30:00Z'))).toEqual({ due: true, runDay: '2026-12-01' });
    expect(dueVerdict({ ...late, lastRunDay: '2026-12-01' }, new Date('2026-12-01T15:30:00Z'))).toEqual({ due: false, reason: 'already-ran' });
  });

  it('runs on the spring-forward night when the local time does not exist', () => {
    // Berlin skips 02:00-03:00 on 2026-03-29: 02:30 never shows, 03:00 (01:00Z) is 30 minutes past it.
    expect(dueVerdict(tenant({ localTime: '02:30', timeZone: 'Europe/Berlin' }), new Date('2026-03-29T01:00:00Z'))).toEqual({ due: true, runDay: '2026-03-29' });
  });

  it('passes a paused tenant by', () => {
    expect(dueVerdict(tenant({ enabled: false }), new Date('2026-12-01T02:00:00Z'))).toEqual({ due: false, reason: 'paused' });
  });
});

describe('findDueTenants', () => {
  it('lists the due tenants with their run day and counts the others by reason', () => {
    const now = new Date('2026-12-01T02:10:00Z');
    const result = findDueTenants(
      [
        tenant({ name: 'a' }),
        tenant({ name: 'b' }, '2026-12-01'),
        tenant({ name: 'c', enabled: false }),
        tenant({ name: 'd', localTime: '05:00' }),
        tenant({ name: 'e', localTime: '03:10', timeZone: 'Europe/Berlin' }),
      ],
      now,
    );
    expect(result).toEqual({ due: [{ tenant: 'a', runDay: '2026-12-01' }, { tenant: 'e', runDay: '2026-12-01' }], passed: { paused: 1, 'not-yet': 1, 'already-ran': 1 } });
  });
});
