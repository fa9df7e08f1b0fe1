/**
 * Asked by the door right before every destructive call: may this run still act? The run's
 * deadline answers here; the tenant lease's fencing check plugs in beside it (a run whose lease
 * was taken over must not act). Async so a check may read a table.
 */
export type MayStillAct = () => Promise<{ readonly ok: true } | { readonly ok: false; readonly why: string }>;

/** Always yes: for a process without a deadline or a lease (a test, a one-off CLI step). */
export const alwaysMayAct: MayStillAct = () => Promise.resolve({ ok: true });

/** No when the run's remaining time is under `marginMs` (or it was interrupted). */
export function deadlineMayStillAct(input: {
  readonly remainingMs?: (() => number) | undefined;
  readonly marginMs: number;
  readonly interrupted?: (() => boolean) | undefined;
}): MayStillAct {
  return () => {
    if (input.interrupted?.()) return Promise.resolve({ ok: false, why: 'interrupted' });
    const remaining = input.remainingMs?.();
    if (remaining !== undefined && remaining < input.marginMs) {
      return Promise.resolve({ ok: false, why: 'the run ran out of time before this action' });
    }
    return Promise.resolve({ ok: true });
  };
}

/** Every hook must say yes; the first no is the answer. */
export function allMayStillAct(...hooks: readonly MayStillAct[]): MayStillAct {
  return async () => {
    for (const hook of hooks) {
      const answer = await hook();
      if (!answer.ok) return answer;
    }
    return { ok: true };
  };
}
