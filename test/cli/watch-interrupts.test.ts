import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchInterrupts, type SignalSource } from '../../bin/cli/watch-interrupts.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('watchInterrupts', () => {
  it('stops new actions at the first signal and abandons those in flight only after the grace period', () => {
    vi.useFakeTimers();
    const source = new EventEmitter();
    const seen: string[] = [];
    const watch = watchInterrupts(source as SignalSource, { graceMs: 10_000, onSignal: (signal, first) => seen.push(`${signal}:${first}`) });

    source.emit('SIGTERM');
    expect(watch.received()).toBe('SIGTERM');
    expect(watch.stop.aborted).toBe(true);
    expect((watch.stop.reason as Error).message).toBe('interrupted by SIGTERM');
    expect(watch.abandon.aborted).toBe(false);

    vi.advanceTimersByTime(9_999);
    expect(watch.abandon.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(watch.abandon.aborted).toBe(true);
    expect((watch.abandon.reason as Error).message).toContain('interrupted by SIGTERM, and still in flight 10 s later');
    expect(seen).toEqual(['SIGTERM:true']);
    watch.dispose();
  });

  it('lets repeated signals neither cut the grace period short nor restart it', () => {
    vi.useFakeTimers();
    const source = new EventEmitter();
    const seen: string[] = [];
    const watch = watchInterrupts(source as SignalSource, { graceMs: 10_000, onSignal: (signal, first) => seen.push(`${signal}:${first}`) });

    source.emit('SIGINT');
    vi.advanceTimersByTime(4_000);
    source.emit('SIGINT');
    source.emit('SIGTERM');
    expect(watch.abandon.aborted).toBe(false);
    expect(watch.received()).toBe('SIGINT');
    vi.advanceTimersByTime(6_000);
    expect(watch.abandon.aborted).toBe(true);
    expect(seen).toEqual(['SIGINT:true', 'SIGINT:false', 'SIGTERM:false']);
    watch.dispose();
  });

  it('removes its listeners and its timer on dispose; without a signal nothing is aborted', () => {
    vi.useFakeTimers();
    const source = new EventEmitter();
    const watch = watchInterrupts(source as SignalSource);

    expect(source.listenerCount('SIGINT')).toBe(1);
    expect(watch.stop.aborted).toBe(false);
    source.emit('SIGINT');
    watch.dispose();
    vi.advanceTimersByTime(60_000);

    expect(source.listenerCount('SIGINT')).toBe(0);
    expect(source.listenerCount('SIGTERM')).toBe(0);
    expect(watch.abandon.aborted).toBe(false);
  });
});
