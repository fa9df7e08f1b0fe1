import * as z from 'zod';
import { assertSafeKeys } from '../assert-safe-keys.js';
import { configErrorFromZod } from '../config-error.js';
import {
  credentialsSecretArnSchema,
  localTimeSchema,
  partialPolicySchema,
  reportEmailsSchema,
  tenantNameSchema,
  timeZoneSchema,
} from './tenant-fields.js';

/** A tenant's nightly run starts at 02:00 in its own time zone unless it says otherwise. */
export const DEFAULT_LOCAL_TIME = '02:00';

/**
 * One tenant in the registry: everything a run needs to find the tenant's credentials and
 * policy, and everything the nightly fan-out needs to know when it is due. Plain data: no
 * secret, only where the secret is.
 */
export const tenantEntrySchema = z.strictObject({
  name: tenantNameSchema,
  credentialsSecretArn: credentialsSecretArnSchema,
  /** `HH:MM` in `timeZone`: when the nightly run starts. */
  localTime: localTimeSchema.default(DEFAULT_LOCAL_TIME),
  timeZone: timeZoneSchema.default('UTC'),
  /** Merged over the deployment's base policy (JANITOR_POLICY) for every run of this tenant. */
  policy: partialPolicySchema.default({}),
  /** `false` pauses the tenant: the nightly run passes it by and other runs refuse. */
  enabled: z.boolean({ error: 'must be true or false' }).default(true),
  /** People who receive this tenant's reports (subscribed with a filter on the `tenant` attribute). */
  reportEmails: reportEmailsSchema.default([]),
});

export type TenantEntryInput = z.input<typeof tenantEntrySchema>;
export type TenantEntry = Readonly<z.output<typeof tenantEntrySchema>>;

/** Validate one raw entry; a ConfigError names every bad field (`Invalid tenant acme: timeZone: ...`). */
export function parseTenantEntry(raw: unknown, source = 'tenant entry'): TenantEntry {
  assertSafeKeys(raw, source);
  const result = tenantEntrySchema.safeParse(raw);
  if (!result.success) throw configErrorFromZod(source, result.error);
  return Object.freeze(result.data);
}
