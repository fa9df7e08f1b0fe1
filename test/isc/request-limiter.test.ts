import { describe, expect, it } from 'vitest';
import { createRequestLimiter } from '../../lambdas/isc/request-limiter.js';

/**
 * A manual clock: sleep() advances it on the next microtask (like a timer would, only at once),
 * so limiter timing is exact and the test never really waits.
 */
function manualClock() {
  const clock = { t: 0, sleeps: [] as number[] };
  return {
    clock,
    now: () => clock.t,
    sleep: async (ms: number) => {
      await Promise.resolve();
      clock.sleeps.push(ms);
      clock.t += ms;
    },
  };
}

describe('createRequestLimiter', () => {
  it('grants up to `requests` starts at once without waiting', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 3, windowMs: 1000, now, sleep });
    const waits = await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(waits).toEqual([0, 0, 0]);
    expect(clock.sleeps).toEqual([]);
  });

  it('starts at most `requests` per sliding window, serving waiters in FIFO order', async () => {
    const { now, sleep } = manualClock();
    const limiter = createRequestLimiter({ requests: 2, windowMs: 1000, now, sleep });
    const order: Array<{ id: number; at: number }> = [];
    // All enqueue at t=0, so the resolved wait is the start time; resolution order is the grant order.
    await Promise.all([0, 1, 2, 3, 4].map((id) => limiter.acquire().then((waited) => order.push({ id, at: waited }))));
    expect(order).toEqual([
      { id: 0, at: 0 },
      { id: 1, at: 0 },
      { id: 2, at: 1000 },
      { id: 3, at: 1000 },
      { id: 4, at: 2000 },
    ]);
  });

  it('frees a slot exactly windowMs after the oldest start (sliding, not fixed, window)', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 2, windowMs: 1000, now, sleep });
    await limiter.acquire(); // t=0
    clock.t = 600;
    await limiter.acquire(); // t=600
    clock.t = 700;
    expect(await limiter.acquire()).toBe(300); // waits for the t=0 start to leave the window
    expect(now()).toBe(1000);
    expect(await limiter.acquire()).toBe(600); // then for the t=600 start
    expect(now()).toBe(1600);
  });

  it('never lets more than `requests` starts fall inside any window', async () => {
    const { now, sleep } = manualClock();
    const limiter = createRequestLimiter({ requests: 5, windowMs: 100, now, sleep });
    const starts = await Promise.all(Array.from({ length: 37 }, () => limiter.acquire()));
    for (const s of starts) expect(starts.filter((x) => x >= s && x < s + 100).length).toBeLessThanOrEqual(5);
    expect(Math.max(...starts)).toBe(700); // 37 starts at 5 per 100 ms: the last in the 8th window
  });

  it('holds every start during pauseFor (a 429 seen by any caller)', async () => {
    const { now, sleep } = manualClock();
    const limiter = createRequestLimiter({ requests: 10, windowMs: 1000, now, sleep });
    await limiter.acquire();
    limiter.pauseFor(250);
    expect(await limiter.acquire()).toBe(250);
    expect(await limiter.acquire()).toBe(0);
  });

  it('works with real timers for tiny windows', async () => {
    const limiter = createRequestLimiter({ requests: 2, windowMs: 20 });
    const t0 = Date.now();
    await Promise.all([limiter.acquire(), limiter.acquire(), limiter.acquire()]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(19);
  });

  it('rejects a budget that could never grant', () => {
    expect(() => createRequestLimiter({ requests: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createRequestLimiter({ requests: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
