import { ConfigError } from '../core/config-error.js';
import { errorMessage } from '../core/error-message.js';
import type { LeaseRequest, TenantLeases } from '../core/ports.js';
import type { RunLogger } from '../core/run-logger.js';
import { TenantBusyError } from '../core/tenant-busy-error.js';
import { keepTenantLease, type HeldLease } from './keep-tenant-lease.js';

/**
 * Run `work` holding the tenant's lease: taken before anything is listed, renewed while the work
 * runs (every third of `request.ttlMs`), released when the work ends, however it ends. `work`
 * gets the held lease: its `mayStillAct` is the check before every destructive call. A held lease
 * throws TenantBusyError before `work` starts, so a refused run touches nothing. A release that
 * fails is only logged: the lease expires anyway, and the run's own result matters more than the
 * bookkeeping.
 */
export async function withTenantLease<T>(
  leases: TenantLeases,
  tenant: string,
  request: LeaseRequest,
  work: (lease: HeldLease) => Promise<T>,
  logger: RunLogger,
  clock: () => Date,
): Promise<T> {
  const attempt = await leases.acquire(tenant, request);
  if (!attempt.acquired) {
    if (attempt.reason === 'not-registered') {
      throw new ConfigError(`Tenant ${tenant} is not in the tenant registry (it was removed?); nothing was run`, ['tenant']);
    }
    logger.warn('tenant lease held by another run', { tenant, heldBy: attempt.heldBy, until: attempt.until.toISOString() });
    throw new TenantBusyError(tenant, attempt.heldBy, attempt.until);
  }
  const kept = keepTenantLease(leases, attempt.lease, { ttlMs: request.ttlMs, clock, logger });
  try {
    return await work(kept);
  } finally {
    kept.stop();
    const lease = kept.current();
    await leases.release(lease).catch((error: unknown) => {
      logger.warn('tenant lease not released; it expires on its own', { tenant, until: lease.expiresAt.toISOString(), error: errorMessage(error) });
    });
  }
}
