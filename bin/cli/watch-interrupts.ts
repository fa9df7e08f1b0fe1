/**
 * SIGINT and SIGTERM during a run. The first one stops new actions at once and, `graceMs` later,
 * cuts off whatever is still in flight; the report is printed either way. Any signal after it is
 * only noted: run through `npm run janitor`, one Ctrl-C reaches the janitor two or three times
 * (the terminal signals the whole process group, and npm and tsx forward it too), and none of
 * those copies may cut the wait short or skip the report.
 */
export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** Where signals come from: `process` in the real CLI, an EventEmitter in tests. */
export interface SignalSource {
  on(signal: InterruptSignal, listener: () => void): unknown;
  off(signal: InterruptSignal, listener: () => void): unknown;
}

export interface InterruptWatch {
  /** Aborted on the first signal (reason: `interrupted by SIGTERM`): start no more actions. */
  readonly stop: AbortSignal;
  /** Aborted `graceMs` after the first signal: requests still in flight are abandoned. */
  readonly abandon: AbortSignal;
  /** The first signal, once one came. */
  received(): InterruptSignal | undefined;
  /** Stop listening (the signals' default behaviour returns) and clear the grace timer. */
  dispose(): void;
}

/** How long actions in flight are waited for after the first signal. */
export const INTERRUPT_GRACE_MS = 10_000;

export function watchInterrupts(
  source: SignalSource | undefined,
  options: { graceMs?: number; onSignal?: (signal: InterruptSignal, first: boolean) => void } = {},
): InterruptWatch {
  const stop = new AbortController();
  const abandon = new AbortController();
  const graceMs = options.graceMs ?? INTERRUPT_GRACE_MS;
  let first: InterruptSignal | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const listeners = new Map<InterruptSignal, () => void>();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    const listener = () => {
      const isFirst = first === undefined;
      options.onSignal?.(signal, isFirst);
      if (!isFirst) return;
      first = signal;
      stop.abort(new Error(`interrupted by ${signal}`));
      timer = setTimeout(() => {
        abandon.abort(
          new Error(`interrupted by ${signal}, and still in flight ${graceMs / 1000} s later, so it was abandoned (it may or may not have taken effect)`),
        );
      }, graceMs);
    };
    listeners.set(signal, listener);
    source?.on(signal, listener);
  }
  return {
    stop: stop.signal,
    abandon: abandon.signal,
    received: () => first,
    dispose: () => {
      if (timer !== undefined) clearTimeout(timer);
      for (const [signal, listener] of listeners) source?.off(signal, listener);
    },
  };
}
