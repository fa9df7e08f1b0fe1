import { describe, expect, it } from 'vitest';
import { createRequestLimiter, type RequestLimiter } from '../../../lambdas/adapters/isc/request-limiter.js';

/**
 * A manual clock: sleep() advances it on the next microtask (like a timer would, only at once),
 * so limiter timing is exact and the test never really waits. A request "in flight" is a slot
 * not yet done(); the tests move the clock by hand while it is.
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

/** Acquire and answer at once (a zero-time 200): the slot then frees exactly windowMs after its start. */
async function instant(limiter: RequestLimiter): Promise<number> {
  const slot = await limiter.acquire();
  slot.done(200);
  return slot.waitedMs;
}

describe('createRequestLimiter', () => {
  it('grants up to `requests` starts at once without waiting', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 3, windowMs: 1000, now, sleep });
    const waits = await Promise.all([instant(limiter), instant(limiter), instant(limiter)]);
    expect(waits).toEqual([0, 0, 0]);
    expect(clock.sleeps).toEqual([]);
  });

  it('starts at most `requests` per sliding window, serving waiters in FIFO order', async () => {
    const { now, sleep } = manualClock();
    const limiter = createRequestLimiter({ requests: 2, windowMs: 1000, now, sleep });
    const order: Array<{ id: number; at: number }> = [];
    // All enqueue at t=0, so the resolved wait is the start time; resolution order is the grant order.
    await Promise.all([0, 1, 2, 3, 4].map((id) => instant(limiter).then((waited) => order.push({ id, at: waited }))));
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
    await instant(limiter); // t=0
    clock.t = 600;
    await instant(limiter); // t=600
    clock.t = 700;
    expect(await instant(limiter)).toBe(300); // waits for the t=0 start to leave the window
    expect(now()).toBe(1000);
    expect(await instant(limiter)).toBe(600); // then for the t=600 start
    expect(now()).toBe(1600);
  });

  it('never lets more than `requests` starts fall inside any window', async () => {
    const { now, sleep } = manualClock();
    const limiter = createRequestLimiter({ requests: 5, windowMs: 100, now, sleep });
    const starts = await Promise.all(Array.from({ length: 37 }, () => instant(limiter)));
    for (const s of starts) expect(starts.filter((x) => x >= s && x < s + 100).length).toBeLessThanOrEqual(5);
    expect(Math.max(...starts)).toBe(700); // 37 starts at 5 per 100 ms: the last in the 8th window
  });

  it('holds every start during pauseFor (a 429 seen by any caller)', async () => {
    const { now, sleep } = manualClock();
    const limiter = createRequestLimiter({ requests: 10, windowMs: 1000, now, sleep });
    await instant(limiter);
    limiter.pauseFor(250);
    expect(await instant(limiter)).toBe(250);
    expect(await instant(limiter)).toBe(100); // then one per windowMs / requests for a while (below)
  });

  it('holds a slot while its request is in flight, however long ago it started', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 1, windowMs: 100, now, sleep });
    const first = await limiter.acquire();
    let second: { waitedMs: number } | undefined;
    const pending = limiter.acquire().then((slot) => (second = slot));
    clock.t = 150;
    await Promise.resolve();
    expect(second).toBeUndefined(); // the window has passed, but the server may not have counted it yet
    first.done(200); // took 150 ms, the fastest seen: no extra hold, the window already passed
    await pending;
    expect(second?.waitedMs).toBe(150);
    expect(clock.sleeps).toEqual([]); // woken by done(), never by guessing with a timer
  });

  it('holds a slow response\'s slot longer by how much slower it was than the fastest', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 1, windowMs: 1000, now, sleep });
    const a = await limiter.acquire(); // t=0
    clock.t = 50;
    a.done(200); // fastest: 50 ms
    const b = await limiter.acquire();
    expect(now()).toBe(1000);
    clock.t = 1080;
    b.done(200); // 30 ms slower: the server may have counted it up to 30 ms later than a fast one
    expect(await instant(limiter)).toBe(950);
    expect(now()).toBe(2030);
  });

  it('judges slots still held against a fastest time found later (the first responses are slow)', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 2, windowMs: 1000, now, sleep });
    const a = await limiter.acquire(); // t=0
    clock.t = 50;
    const b = await limiter.acquire(); // t=50
    clock.t = 100;
    a.done(200); // 100 ms: the fastest so far, so no extra hold yet
    clock.t = 110;
    b.done(200); // 60 ms: a was 40 ms slower than this after all
    expect(await instant(limiter)).toBe(930);
    expect(now()).toBe(1040); // 0 + 1000 + 40, not 1000
  });

  it('learns the fastest round trip only from 2xx responses', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 1, windowMs: 1000, now, sleep });
    const a = await limiter.acquire(); // t=0
    clock.t = 100;
    a.done(200); // fastest: 100 ms
    for (const status of [429, undefined]) {
      const quick = await limiter.acquire(); // a quick 429, or a connection refused
      clock.t += 5;
      quick.done(status);
    }
    const c = await limiter.acquire();
    expect(now()).toBe(3000);
    clock.t = 3100;
    c.done(200); // as fast as the fastest 2xx: no extra hold (a 5 ms "fastest" would add 95)
    await instant(limiter);
    expect(now()).toBe(4000);
  });

  it('measures a slot once: later done() calls are ignored', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 1, windowMs: 1000, now, sleep });
    const a = await limiter.acquire();
    clock.t = 10;
    a.done(200);
    clock.t = 500;
    a.done(200);
    expect(await instant(limiter)).toBe(500); // measured again, 500 ms - 10 ms fastest would hold it until 1490
    expect(now()).toBe(1000);
  });

  it('after a pause, spreads starts one per windowMs / requests for one window, then allows bursts again', async () => {
    const { now, sleep, clock } = manualClock();
    const limiter = createRequestLimiter({ requests: 4, windowMs: 1000, now, sleep });
    limiter.pauseFor(100);
    const starts = await Promise.all([0, 1, 2].map(() => instant(limiter)));
    expect(starts).toEqual([100, 350, 600]); // not all three at 100, when the server frees one slot
    clock.t = 1200; // the spread lasts until a window after the pause: 1100
    expect(await Promise.all([instant(limiter), instant(limiter)])).toEqual([0, 0]);
    expect(now()).toBe(1200);
  });

  it('works with real timers for tiny windows', async () => {
    const limiter = createRequestLimiter({ requests: 2, windowMs: 20 });
    const t0 = Date.now();
    await Promise.all([instant(limiter), instant(limiter), instant(limiter)]);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(19);
  });

  it('rejects a budget that could never grant', () => {
    expect(() => createRequestLimiter({ requests: 0, windowMs: 1000 })).toThrow(RangeError);
    expect(() => createRequestLimiter({ requests: 1, windowMs: 0 })).toThrow(RangeError);
  });
});
