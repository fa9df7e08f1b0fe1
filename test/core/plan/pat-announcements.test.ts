import { describe, expect, it } from 'vitest';
import { announcementsIn } from '../../../lambdas/core/plan/pat-announcements.js';

const line = (clientId: string, date = '2026-11-09', overrides: Record<string, unknown> = {}) => ({
  tenant: 'acme',
  date,
  reportId: `run-${date}`,
  credential: 'personal-access-token',
  clientId,
  action: 'delete',
  name: 'n',
  reason: 'r',
  ...overrides,
});

describe('announcementsIn', () => {
  it('collects the UTC day of every run that listed a token as an upcoming or planned deletion', () => {
    const announcements = announcementsIn(
      [line('p1'), line('p2'), line('p1', '2026-11-10'), line('p2', '2026-11-11', { outcome: 'not-attempted', on: undefined })],
      'acme',
    );
    expect(Object.fromEntries(announcements)).toEqual({
      p1: [Date.parse('2026-11-09T00:00:00Z'), Date.parse('2026-11-10T00:00:00Z')],
      p2: [Date.parse('2026-11-09T00:00:00Z'), Date.parse('2026-11-11T00:00:00Z')],
    });
  });

  it('passes over other tenants, clients, other actions and malformed lines', () => {
    const announcements = announcementsIn(
      [
        line('other-tenant', '2026-11-09', { tenant: 'globex' }),
        line('client', '2026-11-09', { credential: 'oauth-client' }),
        line('rotate', '2026-11-09', { action: 'rotate' }),
        line(''),
        line('no-date', '2026-11-09', { date: undefined }),
        line('bad-date', '2026-02-30'),
        line('date-time', '2026-11-09T02:00:00Z'),
        line('number-id', '2026-11-09', { clientId: 7 }),
        null,
        'garbage',
        [line('in-array')],
      ],
      'acme',
    );
    expect(announcements.size).toBe(0);
  });
});
