import { reasonCharsFor } from '../core/fleet/fleet-state-budget.js';
import { findDueTenants, type DueTenant, type DueTenants } from '../core/fleet/find-due-tenants.js';
import type { RunDayClaims, TenantRegistryReader } from '../core/ports.js';
import type { RunLogger } from '../core/run-logger.js';
import { mapWithConcurrency } from './map-with-concurrency.js';

/**
 * The most tenants one tick hands to the state machine. Its Map carries each tenant's result in
 * the execution's state (256 KB at most) and its history (25,000 events at most): 1,000 stays
 * well inside both. Due tenants beyond it stay due and unclaimed, so the next tick, 15 minutes
 * later and still inside their window, picks them up.
 */
export const MAX_TENANTS_PER_TICK = 1_000;

export interface PickDueTenantsInput {
  readonly registry: TenantRegistryReader;
  readonly claims: RunDayClaims;
  /** The tick's time: the execution's start, so a retried pick decides the same way. */
  readonly now: Date;
  /** Who claims: the execution id, so a retried pick gets its own claims back. */
  readonly claimant: string;
  readonly logger: RunLogger;
  /** @default MAX_TENANTS_PER_TICK */
  readonly maxTenants?: number;
  /** Claims in flight at once. @default 16 */
  readonly concurrency?: number;
}

export interface PickedTenants {
  /** The tenants this tick claimed and will run, with the local day each run counts for. */
  readonly due: readonly DueTenant[];
  readonly passed: DueTenants['passed'] & {
    /** Due, but another tick claimed the day first (overlapping ticks). */
    readonly 'claimed-elsewhere': number;
    /** Due, but past this tick's limit: left for the next tick. */
    readonly deferred: number;
  };
  /** Registry entries that no longer validate: never run, named in the log and the summary. */
  readonly invalid: readonly string[];
  /** The characters of reason each tenant's result may carry, so that the tick's results fit the execution's state. */
  readonly reasonChars: number;
}

/**
 * One tick: read the registry, find who is due in their own time zone, claim each one's local
 * day (a conditional write), and hand on only the tenants this tick claimed. Overlapping or
 * repeated ticks therefore run each tenant once. A claim that fails for any other reason throws,
 * so the state machine retries the whole pick, and the claimant gets its claims back.
 */
export async function pickDueTenants(input: PickDueTenantsInput): Promise<PickedTenants> {
  const listing = await input.registry.list();
  for (const bad of listing.invalid) input.logger.warn('tenant registry entry skipped', { tenant: bad.name, reason: bad.message });
  const found = findDueTenants(listing.tenants, input.now, { claimant: input.claimant });
  const limit = input.maxTenants ?? MAX_TENANTS_PER_TICK;
  const candidates = found.due.slice(0, limit);
  const claimed = await mapWithConcurrency(candidates, input.concurrency ?? 16, (tenant) =>
    input.claims.claim(tenant.tenant, tenant.runDay, input.claimant),
  );
  const due = candidates.filter((_, index) => claimed[index]);
  const picked: PickedTenants = {
    due,
    passed: { ...found.passed, 'claimed-elsewhere': candidates.length - due.length, deferred: found.due.length - candidates.length },
    invalid: listing.invalid.map((bad) => bad.name),
    reasonChars: reasonCharsFor(due.map((tenant) => tenant.tenant)),
  };
  input.logger.info('tenants picked', { due: due.length, passed: picked.passed, invalid: picked.invalid.length });
  return picked;
}
