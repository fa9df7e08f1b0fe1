import { describe, expect, it } from 'vitest';
import type { RequestLimiter, RequestSlot } from '../../../lambdas/adapters/isc/request-limiter.js';
import { sendWithRetry, type SendOptions } from '../../../lambdas/adapters/isc/send-with-retry.js';

/** A limiter that grants at once and records what each slot was told, and every pause. */
function recordingLimiter() {
  const done: Array<number | undefined> = [];
  const pauses: number[] = [];
  const limiter: RequestLimiter = {
    acquire: async (): Promise<RequestSlot> => ({ waitedMs: 0, done: (status) => void done.push(status) }),
    pauseFor: (ms) => void pauses.push(ms),
  };
  return { limiter, done, pauses };
}

function options(limiter: RequestLimiter, responses: Array<Response | Error>): SendOptions {
  return {
    method: 'PATCH',
    path: '/v3/oauth-clients/abc',
    idempotent: true,
    retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    emit: () => {},
    limiter,
    sleep: async () => {},
    send: async () => {
      const next = responses.shift();
      if (next instanceof Error) throw next;
      if (!next) throw new Error('no more responses');
      return next;
    },
  };
}

describe('sendWithRetry', () => {
  it('completes each attempt\'s slot with the response status, a no-response attempt without one', async () => {
    const { limiter, done } = recordingLimiter();
    const res = await sendWithRetry(options(limiter, [new TypeError('fetch failed'), new Response('{}', { status: 200 })]));
    expect(res.status).toBe(200);
    expect(done).toEqual([undefined, 200]); // exactly one done() per slot
  });

  it('completes a 429\'s slot as a 429 and pauses the whole limiter for Retry-After', async () => {
    const { limiter, done, pauses } = recordingLimiter();
    const tooMany = new Response('{}', { status: 429, headers: { 'retry-after': '0.25' } });
    await sendWithRetry(options(limiter, [tooMany, new Response('{}', { status: 200 })]));
    expect(done).toEqual([429, 200]);
    expect(pauses).toEqual([250]);
  });
});
