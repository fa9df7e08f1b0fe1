import { ConfigError } from '../core/config-error.js';
import { errorMessage } from '../core/error-message.js';
import type { LeaseRequest, TenantLeases } from '../core/ports.js';
import type { RunLogger } from '../core/run-logger.js';
import { TenantBusyError } from '../core/tenant-busy-error.js';

/**
 * Run `work` holding the tenant's lease: taken before anything is listed, released when the
 * work ends, however it ends. A held lease throws TenantBusyError before `work` starts, so a
 * refused run touches nothing. A release that fails is only logged: the lease expires anyway,
 * and the run's own result matters more than the bookkeeping.
 */
export async function withTenantLease<T>(
  leases: TenantLeases,
  tenant: string,
  request: LeaseRequest,
  work: () => Promise<T>,
  logger: RunLogger,
): Promise<T> {
  const attempt = await leases.acquire(tenant, request);
  if (!attempt.acquired) {
    if (attempt.reason === 'not-registered') {
      throw new ConfigError(`Tenant ${tenant} is not in the tenant registry (it was removed?); nothing was run`, ['tenant']);
    }
    logger.warn('tenant lease held by another run', { tenant, heldBy: attempt.heldBy, until: attempt.until.toISOString() });
    throw new TenantBusyError(tenant, attempt.heldBy, attempt.until);
  }
  try {
    return await work();
  } finally {
    await leases.release(attempt.lease).catch((error: unknown) => {
      logger.warn('tenant lease not released; it expires on its own', { tenant, until: attempt.lease.expiresAt.toISOString(), error: errorMessage(error) });
    });
  }
}
