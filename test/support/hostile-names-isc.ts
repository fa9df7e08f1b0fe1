import { makeSeedClient } from '../../sandbox/make-seed-client.js';
import { startHostileServer, tokenReply, type HostileServer } from './hostile-server.js';

/**
 * A tenant whose outside text is built to spoof a report or drive a terminal: client names with
 * a right-to-left override, zero-width and escape characters, and an API that refuses every
 * PATCH with a tracking id and message full of escape sequences.
 */
export const HOSTILE_NOW = new Date('2026-03-01T12:00:00.000Z');
const DAY = 86_400_000;

export const HOSTILE_NAMES = {
  lookalike: 'payroll\u200b-export',
  override: 'invoice\u202Etropxe',
  terminal: 'ci\u001b[2J\u001b]0;owned\u0007\u009b31m-bot',
} as const;
export const HOSTILE_TRACKING_ID = '\u001b]0;pwned\u0007\u202Et-1';

/** Every raw character that can hide, reorder or drive a terminal, and JSON's escape of ESC. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
export const RAW_HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u202a-\u202e\u2060\u2066-\u2069\ufeff]|\\u001b|\\u009b/u;

export async function startHostileNamesIsc(): Promise<HostileServer> {
  const client = (id: string, name: string, lastUsedDaysAgo: number) =>
    makeSeedClient({
      id,
      name,
      businessName: null,
      internal: false,
      enabled: true,
      scope: ['idn:sources:read'],
      created: HOSTILE_NOW.getTime() - 900 * DAY,
      modified: HOSTILE_NOW.getTime() - 300 * DAY,
      lastUsed: HOSTILE_NOW.getTime() - lastUsedDaysAgo * DAY,
    });
  const clients = [
    client('2c9180835d2e5168015d32f890ca0001', HOSTILE_NAMES.lookalike, 200),
    client('2c9180835d2e5168015d32f890ca0002', HOSTILE_NAMES.override, 1),
    client('2c9180835d2e5168015d32f890ca0003', HOSTILE_NAMES.terminal, 1),
    client('2c9180835d2e5168015d32f890ca0004', 'payroll-export', 1),
  ];
  return startHostileServer((request, res) => {
    if (request.path === '/oauth/token') return tokenReply(res);
    if (request.method === 'GET' && request.path.startsWith('/v3/oauth-clients')) {
      // The list, or one client by id (the door reads a client again before changing it).
      const id = request.path.split('/')[3];
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(JSON.stringify(id ? clients.find((one) => one.id === id) : clients));
    }
    res.writeHead(500, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ detailCode: '500.0 Internal Fault', trackingId: HOSTILE_TRACKING_ID, messages: [{ text: 'failed \u202Eevil\u001b[31m red' }] }));
  });
}
