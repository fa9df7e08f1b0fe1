/**
 * What one tenant's nightly run came to, as the fan-out collects it: the janitor's answer for a
 * run that finished (its outcome), or the error that stopped it after the retries.
 */
export interface TenantRunResult {
  readonly tenant: string;
  /** The run's outcome (`ok`, `failed`, `blocked`, ...), or `failed` when the run threw. */
  readonly outcome: string;
  /** Why, when not ok: the guard's or the lease's words, or the error's name. */
  readonly reason?: string | undefined;
  readonly reportId?: string | undefined;
  /** The local day the run was for: set on a `deferred` result, whose day claim is given back. */
  readonly runDay?: string | undefined;
}

/**
 * A tenant this tick could not run and gave back (busy with another run, or throttled), so a
 * later tick of the same night runs it: not a failure, and not a run.
 */
export const DEFERRED = 'deferred';

export interface TenantNote {
  readonly tenant: string;
  readonly reason: string;
}

/** The fleet summary: how many tenants ran and how each ended, naming every one that did not end ok. */
export interface FleetSummary {
  readonly run: number;
  readonly ok: number;
  readonly failed: number;
  readonly blocked: number;
  /** Not run by this tick, left for a later one (see DEFERRED). */
  readonly deferred: number;
  readonly tenants: {
    readonly ok: readonly string[];
    readonly failed: readonly TenantNote[];
    readonly blocked: readonly TenantNote[];
    readonly deferred: readonly TenantNote[];
  };
}

/**
 * Fold the per-tenant results into the summary. Anything that is neither `ok` nor `blocked`
 * counts as failed, so an outcome this code does not know yet is never reported as a success.
 */
export function summarizeFleet(results: readonly TenantRunResult[]): FleetSummary {
  const ok: string[] = [];
  const failed: TenantNote[] = [];
  const blocked: TenantNote[] = [];
  const deferred: TenantNote[] = [];
  for (const result of results) {
    if (result.outcome === 'ok') ok.push(result.tenant);
    else if (result.outcome === 'blocked') blocked.push({ tenant: result.tenant, reason: result.reason ?? 'blocked' });
    else if (result.outcome === DEFERRED) deferred.push({ tenant: result.tenant, reason: result.reason ?? DEFERRED });
    else failed.push({ tenant: result.tenant, reason: result.reason ?? result.outcome });
  }
  return {
    run: results.length - deferred.length,
    ok: ok.length,
    failed: failed.length,
    blocked: blocked.length,
    deferred: deferred.length,
    tenants: { ok, failed, blocked, deferred },
  };
}

/** One line for logs and the CLI: `3 tenants run: 1 ok, 1 failed (beta), 1 blocked (gamma)`. */
export function describeFleetSummary(summary: FleetSummary): string {
  const names = (notes: readonly TenantNote[]) => (notes.length === 0 ? '' : ` (${notes.map((n) => n.tenant).join(', ')})`);
  const deferred = summary.deferred === 0 ? '' : `; ${summary.deferred} deferred to a later tick${names(summary.tenants.deferred)}`;
  return `${summary.run} tenant${summary.run === 1 ? '' : 's'} run: ${summary.ok} ok, ${summary.failed} failed${names(summary.tenants.failed)}, ${summary.blocked} blocked${names(summary.tenants.blocked)}${deferred}`;
}
