import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DirectoryObjectStore } from '../../../lambdas/adapters/archive/directory-object-store.js';
import { StoredReportArchive } from '../../../lambdas/adapters/archive/stored-report-archive.js';
import { createIscClient } from '../../../lambdas/adapters/isc/index.js';
import { DAY_MS } from '../../../lambdas/core/dates.js';
import { parsePolicy } from '../../../lambdas/core/model/policy.js';
import { startSandbox } from '../../../sandbox/start-sandbox.js';
import { NOW } from '../../core/make-client.js';
import { FAST_RETRIES } from '../../e2e/cli-harness.js';
import { SECRET, SELF_ID } from '../../e2e/tenant-clients.js';
import { PAT_IDS, PAT_POLICY, tenantPats } from '../../e2e/tenant-pats.js';
import { runWithDoor } from './run-with-door.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((item) => item.close()));
});

describe('a token ISC lists more than once with different states', () => {
  it('is left alone with a warning naming both copies, whichever copy the plan saw', async () => {
    let now = NOW;
    const sandbox = await startSandbox({ now: () => now, clients: [], pats: tenantPats(), credentials: { clientId: SELF_ID, clientSecret: SECRET } });
    const dir = await mkdtemp(join(tmpdir(), 'janitor-dup-'));
    open.push(sandbox, { close: () => rm(dir, { recursive: true, force: true }) });
    const archive = new StoredReportArchive(new DirectoryObjectStore(dir));
    const night = (at: Date, duplicate: boolean) => {
      const api = createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false, ...FAST_RETRIES });
      const list = api.personalAccessTokens.list.bind(api.personalAccessTokens);
      // Three copies: the first and the last stale, the middle one used today.
      api.personalAccessTokens.list = async (options) => {
        const listing = await list(options);
        const stale = listing.tokens.find((token) => token.id === PAT_IDS.stale);
        if (!duplicate || !stale || options?.filter) return listing;
        return { ...listing, tokens: [...listing.tokens, { ...stale, lastUsed: at.toISOString() }, { ...stale }] };
      };
      return runWithDoor(api, {
        pats: { api: api.personalAccessTokens, archive },
        archive,
        policy: parsePolicy({ mode: 'enforce', ...PAT_POLICY }),
        tenant: 'sandbox',
        selfClientId: SELF_ID,
        clock: () => at,
        reportId: `night-${at.toISOString().slice(0, 10)}`,
      });
    };
    await night(NOW, false);
    now = new Date(NOW.getTime() + 14 * DAY_MS);
    const report = await night(now, true);

    expect(sandbox.pats.has(PAT_IDS.stale)).toBe(true);
    // Left alone, and named: by the plan (it judges a token listed more than once by its most
    // recent use) or, if the copies disagree at the re-read, by the door with both states.
    expect(report.actions.find((action) => action.clientId === PAT_IDS.stale && action.outcome === 'done')).toBeUndefined();
    expect(report.warnings.some((line) => line.includes(PAT_IDS.stale) && line.includes('more than once'))).toBe(true);
  });
});
