import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { evaluatePats } from '../../../lambdas/core/plan/evaluate-pats.js';
import { PAT_INVENTORY_LISTED } from '../../../lambdas/core/report/summarize-pat-inventory.js';
import type { PersonalAccessToken } from '../../../lambdas/core/model/personal-access-token.js';
import { daysAgo, NOW } from '../make-client.js';
import { ADA, makePat } from '../make-pat.js';

const GRACE = { id: 'id-grace', name: 'Grace Hopper' };
const NAMELESS = { id: 'id-zz', name: null };

function inventoryOf(tokens: readonly PersonalAccessToken[]) {
  const policy = parsePolicy({ pats: { enabled: true, warnDays: 14 } });
  return evaluatePats({ tokens, policy, now: NOW, selfClientId: 'self', announcements: new Map() });
}

describe('PAT inventory', () => {
  it('counts by owner, lists never-expiring, soon-expiring and all-powerful tokens with their owners', () => {
    const tokens = [
      makePat({ id: 'a1', name: 'deploy', owner: ADA, expirationDate: null, scope: ['sp:scopes:all'] }),
      makePat({ id: 'a2', name: 'export', owner: ADA, expirationDate: daysAgo(-3), managed: true }),
      makePat({ id: 'g1', name: 'ci', owner: GRACE, expirationDate: daysAgo(-14), scope: null, lastUsed: null, created: daysAgo(5) }),
      makePat({ id: 'g2', name: 'old', owner: GRACE, expirationDate: daysAgo(2), lastUsed: daysAgo(200) }),
      makePat({ id: 'z1', name: 'late', owner: NAMELESS, expirationDate: daysAgo(-15), scope: [] }),
    ];
    const { inventory, warnings } = inventoryOf(tokens);
    expect(warnings).toEqual([]);
    expect(inventory).toEqual({
      total: 5,
      managed: 1,
      byInactivity: { under30: 3, from30to90: 0, from90to180: 0, over180: 1, neverUsed: 1, unreadable: 0 },
      byOwner: { count: 3, items: [{ owner: ADA, tokens: 2 }, { owner: GRACE, tokens: 2 }, { owner: NAMELESS, tokens: 1 }] },
      neverExpire: { count: 1, items: [{ id: 'a1', name: 'deploy', owner: ADA }] },
      expiringWithinDays: 14,
      expiringSoon: {
        count: 2,
        items: [
          { id: 'a2', name: 'export', owner: ADA, expires: daysAgo(-3).slice(0, 10) },
          { id: 'g1', name: 'ci', owner: GRACE, expires: daysAgo(-14).slice(0, 10) },
        ],
      },
      expired: 1,
      expiredTokens: [{ id: 'g2', name: 'old', owner: { id: 'id-grace', name: 'Grace Hopper' }, expires: '2026-11-21' }],
      allScopes: {
        count: 3,
        items: [
          { id: 'a1', name: 'deploy', owner: ADA },
          { id: 'g1', name: 'ci', owner: GRACE },
          { id: 'z1', name: 'late', owner: NAMELESS },
        ],
      },
    });
  });

  it('names at most the first entries of a long list and warns about an unreadable expiry date', () => {
    const many = Array.from({ length: PAT_INVENTORY_LISTED + 5 }, (_, i) =>
      makePat({ id: `t${String(i).padStart(3, '0')}`, expirationDate: null, owner: { id: `o${i}`, name: `Owner ${String(i).padStart(3, '0')}` } }),
    );
    const { inventory, warnings } = inventoryOf([...many, makePat({ id: 'odd', name: 'odd', expirationDate: 'soon' })]);
    expect(inventory.neverExpire.count).toBe(PAT_INVENTORY_LISTED + 5);
    expect(inventory.neverExpire.items).toHaveLength(PAT_INVENTORY_LISTED);
    expect(inventory.byOwner).toMatchObject({ count: PAT_INVENTORY_LISTED + 6 });
    expect(inventory.byOwner.items[0]).toEqual({ owner: ADA, tokens: 1 });
    expect(warnings).toEqual(['personal access token odd (odd): expirationDate "soon" is not a date; left out of the expiry lists']);
  });
});
