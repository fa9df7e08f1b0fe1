import { errorMessage } from '../core/error-message.js';
import type { TenantLease, TenantLeases } from '../core/ports.js';
import { LEASE_LOST } from '../core/report/build-report.js';
import type { RunLogger } from '../core/run-logger.js';
import type { MayStillAct } from './door/may-still-act.js';

/**
 * A lease a run holds while it works: renewed in the background, and asked before every
 * destructive call. Once lost it stays lost: the run stops before its next action.
 */
export interface HeldLease {
  /**
   * The "may still act" hook (the door's, and executePlan's before each action): a conditional
   * write on the lease's token and fence (see TenantLeases.checkLease). No, with LEASE_LOST, for
   * good, once the lease was taken over, released, ran out, or could not be confirmed.
   */
  readonly mayStillAct: MayStillAct;
  /** Why the run lost its lease, in words for the report; undefined while it holds it. */
  lostReason(): string | undefined;
}

export interface KeptLease extends HeldLease {
  /** The lease as last renewed (for the release). */
  current(): TenantLease;
  /** Stops renewing; the caller releases the lease. */
  stop(): void;
}

export interface KeepTenantLeaseOptions {
  /** The lease's life: each renewal pushes its expiry to now + ttlMs. */
  readonly ttlMs: number;
  readonly clock: () => Date;
  readonly logger: RunLogger;
}

/**
 * Keep `lease`: renew it every third of its life, so two renewals can fail (a slow or throttled
 * registry) before it runs out. A renewal the registry refuses means another run took the tenant
 * over: the lease is lost at once. A renewal that errors is retried at the next third; if none
 * gets through, the check before the next action finds the lease expired.
 */
export function keepTenantLease(leases: TenantLeases, lease: TenantLease, options: KeepTenantLeaseOptions): KeptLease {
  const { clock, logger, ttlMs } = options;
  let held = lease;
  let lost: string | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const lose = (reason: string) => {
    if (lost !== undefined) return;
    lost = reason;
    logger.error('tenant lease lost; no further action is started', { tenant: lease.tenant, fence: lease.fence, reason });
  };
  const takenOver = () =>
    `the run lost its lease on tenant ${lease.tenant} (fence ${lease.fence}): another run took it over, or it ran out before it was renewed`;

  const schedule = () => {
    if (stopped || lost !== undefined) return;
    timer = setTimeout(() => void renew(), Math.max(1, Math.floor(ttlMs / 3)));
    // A pending renewal must not keep a finished CLI process alive.
    timer.unref?.();
  };
  const renew = async () => {
    try {
      const renewed = await leases.renew(held, { now: clock(), ttlMs });
      if (stopped) return;
      if (renewed === 'lost') lose(takenOver());
      else held = renewed;
    } catch (error) {
      logger.warn('tenant lease not renewed; trying again at the next third of its life', { tenant: lease.tenant, until: held.expiresAt.toISOString(), error: errorMessage(error) });
    }
    schedule();
  };
  schedule();

  const no = { ok: false, why: LEASE_LOST } as const;
  return {
    async mayStillAct() {
      if (lost !== undefined) return no;
      try {
        if (await leases.checkLease(held, clock())) return { ok: true };
        lose(takenOver());
      } catch (error) {
        // Not knowing is not holding: acting without the lease is what the fence exists to prevent.
        lose(`the run could not confirm its lease on tenant ${lease.tenant} (${errorMessage(error)}), so it stopped acting`);
      }
      return no;
    },
    lostReason: () => lost,
    current: () => held,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
  };
}
