import type { TenantEntry } from '../model/tenant-entry.js';
import { parseLocalTime } from '../model/tenant-fields.js';
import { previousUtcDay } from '../dates.js';
import { localClock } from './local-clock.js';

/**
 * How long after its local time a tenant stays due. The schedule ticks every 15 minutes; a
 * longer window lets a later tick catch up when one was missed (a throttled or failed
 * execution), and a short one keeps a new or rescheduled tenant from running hours off its time.
 */
export const DUE_WINDOW_MINUTES = 120;

/** A registered tenant as the nightly fan-out sees it: the entry plus the last local day it ran. */
export interface ScheduledTenant {
  readonly entry: TenantEntry;
  /** `YYYY-MM-DD` in the tenant's zone of the last nightly run claimed for it. */
  readonly lastRunDay?: string | undefined;
  /** Who claimed that day (a tick's execution id). */
  readonly lastRunClaimant?: string | undefined;
}

export interface DueOptions {
  /** @default DUE_WINDOW_MINUTES */
  readonly windowMinutes?: number;
  /**
   * The tick asking. A day it claimed itself is still due for it: a tick retried after claiming
   * must find its tenants again, or they would be lost for the day.
   */
  readonly claimant?: string;
}

/** A tenant to run now, and the local day the run counts for (the claim key). */
export interface DueTenant {
  readonly tenant: string;
  readonly runDay: string;
}

export type DueVerdict =
  | { readonly due: true; readonly runDay: string }
  | { readonly due: false; readonly reason: 'paused' | 'not-yet' | 'already-ran' };

/**
 * Whether the tenant's nightly run is due at `now`: its local time has passed, less than the
 * window ago, and no run has been claimed for that local day. The window may cross midnight: at
 * 00:30 a tenant set to 23:45 is still due for the day before.
 */
export function dueVerdict(tenant: ScheduledTenant, now: Date, options: DueOptions = {}): DueVerdict {
  const windowMinutes = options.windowMinutes ?? DUE_WINDOW_MINUTES;
  const { entry } = tenant;
  if (!entry.enabled) return { due: false, reason: 'paused' };
  const target = parseLocalTime(entry.localTime) ?? 0;
  const clock = localClock(now, entry.timeZone);
  const elapsed = (clock.minutes - target + 1440) % 1440;
  if (elapsed >= windowMinutes) return { due: false, reason: 'not-yet' };
  const runDay = clock.minutes >= target ? clock.date : previousUtcDay(clock.date);
  const claimedByOther = options.claimant === undefined || tenant.lastRunClaimant !== options.claimant || tenant.lastRunDay !== runDay;
  if (tenant.lastRunDay !== undefined && tenant.lastRunDay >= runDay && claimedByOther) return { due: false, reason: 'already-ran' };
  return { due: true, runDay };
}

export interface DueTenants {
  readonly due: readonly DueTenant[];
  /** Tenants passed by, counted by reason (for the tick's log line). */
  readonly passed: Readonly<Record<'paused' | 'not-yet' | 'already-ran', number>>;
}

/** The tick's work list, in registry order. */
export function findDueTenants(tenants: readonly ScheduledTenant[], now: Date, options: DueOptions = {}): DueTenants {
  const due: DueTenant[] = [];
  const passed = { paused: 0, 'not-yet': 0, 'already-ran': 0 };
  for (const tenant of tenants) {
    const verdict = dueVerdict(tenant, now, options);
    if (verdict.due) due.push({ tenant: tenant.entry.name, runDay: verdict.runDay });
    else passed[verdict.reason] += 1;
  }
  return { due, passed };
}
