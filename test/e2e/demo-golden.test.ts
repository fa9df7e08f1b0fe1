import { describe, expect, it } from 'vitest';
import { seedPats } from '../../sandbox/seed-pats.js';
import { seedTenant } from '../../sandbox/seed-tenant.js';
import { NOW } from '../core/make-client.js';
import { cli } from './cli-harness.js';

/**
 * The demo's whole output, compared line by line with test/e2e/golden/demo.txt: the report an
 * auditor reads, as it reads. The demo's clock is the test's fixed NOW and its tenant the seeded
 * one (seed 2026), so only what a machine makes up differs between runs: the sandbox's port, the
 * temporary directories, the milliseconds of a timestamp, random ids (report ids, secret versions, the ids ISC gives new clients
 * and the janitor's own credential). Those are replaced with numbered placeholders, each the same
 * wherever it appears. After a deliberate change of wording: `npx vitest run test/e2e/demo-golden.test.ts -u`,
 * then read the diff of the golden file line by line.
 */
describe('janitor demo output (golden file)', () => {
  it('reads as test/e2e/golden/demo.txt', async () => {
    const result = await cli(['demo'], {});

    expect(result.code).toBe(0);
    await expect(normalize(result.stdout)).toMatchFileSnapshot('./golden/demo.txt');
  });
});

/** Ids the seeded tenant always has (seed 2026, as the demo seeds it): kept as they are. */
function seededIds(): Set<string> {
  const seed = { seed: 2026, now: NOW };
  const pats = seedPats({ count: 12, ...seed });
  return new Set([...seedTenant({ count: 40, ...seed }).map((client) => client.id), ...pats.pats.map((pat) => pat.id), ...pats.identities.map((identity) => identity.id)]);
}

function normalize(text: string): string {
  const seeded = seededIds();
  const names = new Map<string, string>();
  const placeholder = (kind: string) => (value: string) => {
    const key = `${kind}:${value}`;
    if (!names.has(key)) names.set(key, `<${kind}-${[...names.keys()].filter((name) => name.startsWith(`${kind}:`)).length + 1}>`);
    return names.get(key) as string;
  };
  return text
    .replace(/http:\/\/127\.0\.0\.1:\d+/g, 'http://127.0.0.1:<port>')
    // The demo's clock ticks a millisecond a call, so the milliseconds count calls, not time.
    .replace(/(T\d{2}:\d{2}:\d{2})\.\d{3}Z/g, '$1.<ms>Z')
    .replace(/\/tmp\/isc-oauth-janitor-demo-archive-[A-Za-z0-9]+/g, '<archive-dir>')
    .replace(/\/tmp\/isc-oauth-janitor-demo-pack-[A-Za-z0-9]+/g, '<pack-dir>')
    .replace(/\/tmp\/isc-oauth-janitor-demo-[A-Za-z0-9]+/g, '<secrets-dir>')
    // The pack's files hold the report ids, so their hashes change with them.
    .replace(/\bsha256 [0-9a-f]{64}\b/g, 'sha256 <sha256>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, placeholder('uuid'))
    .replace(/\b[0-9a-f]{32}\b/g, (id) => (seeded.has(id) || id.startsWith('de000000') ? id : placeholder('id')(id)));
}
