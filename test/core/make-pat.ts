import type { PersonalAccessToken } from '../../lambdas/core/model/personal-access-token.js';
import { daysAgo } from './make-client.js';

let counter = 0;

export const ADA = { id: '2c9180a46faadee4016fb4e018c20639', name: 'Ada Lovelace' } as const;

/**
 * A valid PersonalAccessToken as the ISC adapter maps it: Ada's, used yesterday, created a year
 * ago, expiring in 100 days, with one narrow scope, not managed. Override what the test is about.
 */
export function makePat(overrides: Partial<PersonalAccessToken> = {}): PersonalAccessToken {
  counter += 1;
  const id = overrides.id ?? `86f1dc6fe8f54414950454cb${String(counter).padStart(8, '0')}`;
  return {
    id,
    name: `pat-${id.slice(-4)}`,
    owner: ADA,
    scope: ['sp:oauth-client:read'],
    created: daysAgo(365),
    lastUsed: daysAgo(1),
    managed: false,
    expirationDate: daysAgo(-100),
    ...overrides,
  };
}
