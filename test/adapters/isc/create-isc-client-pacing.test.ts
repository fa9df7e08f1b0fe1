import { describe, expect, it } from 'vitest';
import { startHarness } from './isc-sandbox-fixture.js';

// The sandbox allows 5 calls per 200 ms per client_id and version (ISC: 100 per 10 s), with fractional Retry-After.
// The client budget leaves a wide margin: arrival times jitter (new sockets) on a loaded machine.
const SANDBOX_LIMIT = { rateLimit: { requests: 5, windowMs: 200 }, retryAfter: 'fractional' } as const;

describe('createIscClient pacing', () => {
  it('keeps a concurrent burst under the rate limit: no 429 at all', async () => {
    const { client, sb, events } = await startHarness(SANDBOX_LIMIT, { rateLimit: { requests: 4, windowMs: 400 } });
    const ids = sb.state.all().map((c) => c.id).slice(0, 16);
    const got = await Promise.all(ids.map((id) => client.get(id)));
    expect(got.map((c) => c.id)).toEqual(ids);
    expect(sb.requests.filter((r) => r.status === 429)).toHaveLength(0);
    expect(events.filter((e) => e.type === 'paced').length).toBeGreaterThanOrEqual(12);
  });

  it('does not count token requests against the budget', async () => {
    const { client, sb, events } = await startHarness({}, { rateLimit: { requests: 1, windowMs: 60_000 } });
    await client.list(); // token + list: the token call must not use the single slot
    expect(sb.requests.map((r) => r.route)).toEqual(['token', 'list']);
    expect(events.filter((e) => e.type === 'paced')).toHaveLength(0);
  });

  it('without pacing, the same burst collects 429s (and still completes via Retry-After)', async () => {
    // A wider window than above, so that even a very slow machine sends 8 calls within it.
    const sandbox = { rateLimit: { requests: 5, windowMs: 1000 }, retryAfter: 'fractional' } as const;
    const { client, sb } = await startHarness(sandbox, { rateLimit: false, retry: { attempts: 5, baseDelayMs: 1, maxDelayMs: 10 } });
    const ids = sb.state.all().map((c) => c.id).slice(0, 8);
    await Promise.all(ids.map((id) => client.get(id)));
    expect(sb.requests.filter((r) => r.status === 429).length).toBeGreaterThan(0);
  });
});
