import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../../core/error-message.js';
import { parseTenantEntry, type TenantEntry } from '../../core/model/tenant-entry.js';
import type { RegisteredTenant } from '../../core/ports.js';

/**
 * One registry item per tenant, keyed by `tenant`. The entry's fields sit beside the state runs
 * keep (`lastRunDay`, `lease*`), so the nightly tick reads both in one scan, and `tenants set`
 * updates only the entry's fields. The partial policy is stored as JSON text: exactly what was
 * validated, with no number or empty-map conversions in between.
 */
export type Item = Record<string, AttributeValue>;

export const KEY = 'tenant';

/**
 * The lease a run holds (DynamoDbTenantLeases acquire, renew, checkLease, release). The janitor's
 * role may write these attributes of an item and no others (lib/tenant-registry-table.ts).
 */
export const LEASE_ATTRIBUTES = ['leaseHolder', 'leaseToken', 'leaseExpiresAt', 'leaseFence'] as const;

/** The nightly run's day claim (claim, unclaim): the fleet function's role may write these and no others. */
export const CLAIM_ATTRIBUTES = ['lastRunDay', 'lastRunClaimant'] as const;

/** The entry's attributes (everything `tenants set` may change). */
export const ENTRY_ATTRIBUTES = ['credentialsSecretArn', 'localTime', 'timeZone', 'policy', 'enabled', 'reportEmails'] as const;

export function keyOf(name: string): Item {
  return { [KEY]: { S: name } };
}

/** The entry's attribute values, without the key. */
export function entryAttributes(entry: TenantEntry): Record<(typeof ENTRY_ATTRIBUTES)[number], AttributeValue> {
  return {
    credentialsSecretArn: { S: entry.credentialsSecretArn },
    localTime: { S: entry.localTime },
    timeZone: { S: entry.timeZone },
    policy: { S: JSON.stringify(entry.policy) },
    enabled: { BOOL: entry.enabled },
    reportEmails: { L: entry.reportEmails.map((email) => ({ S: email })) },
  };
}

export function toItem(entry: TenantEntry): Item {
  return { ...keyOf(entry.name), ...entryAttributes(entry) };
}

/** Validate an item back into an entry; a hand-edited item that no longer validates throws a ConfigError naming the field. */
export function entryOf(item: Item): TenantEntry {
  const name = item[KEY]?.S ?? '(no name)';
  let policy: unknown;
  try {
    policy = item.policy?.S === undefined ? undefined : JSON.parse(item.policy.S);
  } catch (error) {
    policy = `not JSON: ${errorMessage(error)}`;
  }
  const raw = {
    name: item[KEY]?.S,
    credentialsSecretArn: item.credentialsSecretArn?.S,
    localTime: item.localTime?.S,
    timeZone: item.timeZone?.S,
    policy,
    enabled: item.enabled?.BOOL,
    reportEmails: item.reportEmails?.L?.map((value) => value.S),
  };
  // Absent attributes take the entry's defaults, as a freshly added entry would.
  const present = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  return parseTenantEntry(present, `tenant registry entry "${name}"`);
}

export function registeredTenantOf(item: Item): RegisteredTenant {
  const holder = item.leaseHolder?.S;
  const expiresAt = item.leaseExpiresAt?.N;
  return {
    entry: entryOf(item),
    lastRunDay: item.lastRunDay?.S,
    lastRunClaimant: item.lastRunClaimant?.S,
    lease: holder !== undefined && expiresAt !== undefined ? { holder, expiresAt: new Date(Number(expiresAt)) } : undefined,
  };
}
