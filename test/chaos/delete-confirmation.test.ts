import { describe, expect, it } from 'vitest';
import { startHarness } from '../adapters/isc/isc-sandbox-fixture.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';

/**
 * Found by the chaos runs (seed 52 before the fix): a DELETE answered 200 with an HTML page was
 * counted as deleted while the client still existed. Only ISC's 204, or its JSON 404, count.
 */
describe('IscClient.delete', () => {
  it('refuses to call a 200 maintenance page a deletion', async () => {
    const { sb, client } = await startHarness();
    const id = sb.state.all()[0]?.id ?? '';
    sb.faults.failNext(1, { route: 'delete' }, { kind: 'html' });
    await expect(iscRemovalOf(client).clients.delete(id)).rejects.toMatchObject({ name: 'IscApiError', kind: 'invalid-response' });
    expect(sb.state.has(id)).toBe(true);
  });

  it('does not take a proxy HTML 404 for "already gone"', async () => {
    const { sb, client } = await startHarness();
    const id = sb.state.all()[0]?.id ?? '';
    sb.faults.failNext(1, { route: 'delete' }, { kind: 'html', status: 404 });
    await expect(iscRemovalOf(client).clients.delete(id)).rejects.toMatchObject({ status: 404 });
    expect(sb.state.has(id)).toBe(true);
  });

  it('still reads ISC JSON 404 as already gone', async () => {
    const { client } = await startHarness();
    expect(await iscRemovalOf(client).clients.delete('2c9180835d2e5168015d32f890ca1581')).toBe('already-gone');
  });
});
