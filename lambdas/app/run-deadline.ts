/**
 * A run's hard deadline: at `afterMs` its signal aborts with `reason` (an Error whose message the
 * ISC client puts in every request it cuts off). Pass `signal` to the ISC client and
 * `remainingMs` to runJanitor, so that no action starts after the deadline and requests still in
 * flight end at it. The timer does not keep a process alive; `dispose` clears it.
 */
export interface RunDeadline {
  readonly signal: AbortSignal;
  /** Milliseconds until the deadline (negative once it passed). */
  remainingMs(): number;
  dispose(): void;
}

export function runDeadline(afterMs: number, reason: string, now: () => number = Date.now): RunDeadline {
  const controller = new AbortController();
  const at = now() + Math.max(0, afterMs);
  const timer = setTimeout(() => controller.abort(new Error(reason)), Math.max(0, afterMs));
  timer.unref?.();
  return {
    signal: controller.signal,
    remainingMs: () => at - now(),
    dispose: () => clearTimeout(timer),
  };
}
