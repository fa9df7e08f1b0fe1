/**
 * A run refused because another run holds the tenant's lease. Nothing was listed or changed;
 * the message says who holds the tenant and until when, so the person (or the nightly summary)
 * knows whether to wait or to look for a stuck run.
 */
export class TenantBusyError extends Error {
  override readonly name = 'TenantBusyError';

  constructor(
    readonly tenant: string,
    readonly heldBy: string,
    readonly until: Date,
  ) {
    super(
      `Tenant ${tenant} is already being run by ${heldBy} (its lease lasts until ${until.toISOString()} at the latest); ` +
        'this run was refused and changed nothing. Run it again once the other run has ended.',
    );
  }
}

export function isTenantBusyError(error: unknown): error is TenantBusyError {
  return error instanceof TenantBusyError;
}
