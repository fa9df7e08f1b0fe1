import * as z from 'zod';
import { assertSafeKeys } from '../lambdas/core/assert-safe-keys.js';
import { ConfigError, configErrorFromZod } from '../lambdas/core/config-error.js';
import { credentialsSecretArnSchema, partialPolicySchema, tenantNameSchema, timeZoneSchema } from '../lambdas/core/model/tenant-fields.js';
import { DEFAULT_SCHEDULE, toScheduleExpression } from './schedule-expression.js';

/**
 * The `tenants` list earlier versions deployed from cdk.json, read only to move it into the
 * tenant registry (`tenants import`). Each field is checked exactly as the stack context checked
 * it, with the same messages naming `tenants[i].field`.
 */
const legacyTenantSchema = z.strictObject({
  name: tenantNameSchema,
  credentialsSecretArn: credentialsSecretArnSchema.optional(),
  schedule: z
    .string()
    .transform((text, ctx) => {
      try {
        return toScheduleExpression(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    })
    .default(DEFAULT_SCHEDULE),
  timeZone: timeZoneSchema.default('UTC'),
  policy: partialPolicySchema.optional(),
});

const legacyTenantsSchema = z
  .array(legacyTenantSchema, { error: 'is required: a list of tenants like [{"name":"acme"}]' })
  .superRefine((tenants, ctx) => {
    const seen = new Map<string, number>();
    tenants.forEach((tenant, index) => {
      // Earlier stacks named resources without the hyphens, so "a-1" and "a1" could never coexist.
      const key = tenant.name.replace(/-/g, '').toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: `"${tenant.name}" clashes with tenants[${first}].name; tenant names must be unique` });
      else seen.set(key, index);
    });
  });

export type LegacyTenant = z.output<typeof legacyTenantSchema>;

/** The name earlier stacks gave the credentials secret they created for a tenant without `credentialsSecretArn`. */
export function legacySecretName(tenant: string): string {
  return `isc-oauth-janitor/credentials/${tenant}`;
}

/**
 * Read a legacy list: cdk.json (its `context.tenants`), `{ "tenants": [...] }` or a bare array.
 * A ConfigError names every bad field as `tenants[1].timeZone`.
 */
export function parseLegacyTenants(document: unknown, source: string): LegacyTenant[] {
  assertSafeKeys(document, source);
  const list = listOf(document);
  if (list === undefined) {
    throw new ConfigError(`Invalid ${source}: no tenants list: expected cdk.json with "context": {"tenants": [...]}, {"tenants": [...]} or a JSON array`, ['tenants']);
  }
  // Wrapped, so every message names its field as the stack context did: `tenants[1].timeZone`.
  const result = z.strictObject({ tenants: legacyTenantsSchema }).safeParse({ tenants: list });
  if (!result.success) throw configErrorFromZod(source, result.error);
  return result.data.tenants;
}

function listOf(document: unknown): unknown {
  if (Array.isArray(document)) return document;
  if (typeof document !== 'object' || document === null) return undefined;
  const record = document as Record<string, unknown>;
  if ('tenants' in record) return record.tenants;
  const context = record.context as Record<string, unknown> | undefined;
  return context && typeof context === 'object' && 'tenants' in context ? context.tenants : undefined;
}

/**
 * A daily legacy schedule as the registry's local time: `cron(30 1 * * ? *)` is `01:30`. The
 * registry runs every tenant once a day, so a schedule that skips days cannot move as it is.
 */
export function localTimeOfSchedule(expression: string): string | undefined {
  const match = /^cron\((\d{1,2}) (\d{1,2}) \* \* \? \*\)$/.exec(expression);
  if (!match) return undefined;
  return `${match[2]!.padStart(2, '0')}:${match[1]!.padStart(2, '0')}`;
}
