import { describe, expect, it } from 'vitest';
import { announcementsIn } from '../../../lambdas/core/plan/pat-announcements.js';

const report = (overrides: Record<string, unknown>) => ({
  tenant: 'acme',
  mode: 'enforce',
  startedAt: '2026-11-09T02:00:00.000Z',
  upcoming: [],
  actions: [],
  ...overrides,
});
const upcomingPat = (clientId: string) => ({ credential: 'personal-access-token', clientId, action: 'delete', on: '2026-11-23', name: 'n', reason: 'r' });

describe('announcementsIn', () => {
  it('collects the start of every enforcing run that listed a token as an upcoming or planned deletion', () => {
    const announcements = announcementsIn(
      [
        report({ upcoming: [upcomingPat('p1'), upcomingPat('p2')] }),
        report({ startedAt: '2026-11-10T02:00:00.000Z', upcoming: [upcomingPat('p1')] }),
        report({ startedAt: '2026-11-11T02:00:00.000Z', actions: [{ ...upcomingPat('p2'), outcome: 'not-attempted' }] }),
      ],
      'acme',
    );
    expect(Object.fromEntries(announcements)).toEqual({
      p1: [Date.parse('2026-11-09T02:00:00.000Z'), Date.parse('2026-11-10T02:00:00.000Z')],
      p2: [Date.parse('2026-11-09T02:00:00.000Z'), Date.parse('2026-11-11T02:00:00.000Z')],
    });
  });

  it('passes over report-only runs, other tenants, clients, other actions and malformed entries', () => {
    const announcements = announcementsIn(
      [
        report({ mode: 'report', upcoming: [upcomingPat('report-only')] }),
        report({ tenant: 'globex', upcoming: [upcomingPat('other-tenant')] }),
        report({ upcoming: [{ ...upcomingPat('client'), credential: 'oauth-client' }, { ...upcomingPat('rotate'), action: 'rotate' }, upcomingPat(''), null, 'x'] }),
        report({ startedAt: 'not a date', upcoming: [upcomingPat('bad-date')] }),
        report({ upcoming: { p: 1 }, actions: 5 }),
        null,
        'garbage',
        [report({ upcoming: [upcomingPat('in-array')] })],
      ],
      'acme',
    );
    expect(announcements.size).toBe(0);
  });
});
