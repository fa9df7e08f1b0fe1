import { assertSafeKeys } from '../lambdas/core/assert-safe-keys.js';
import * as z from 'zod';
import { configErrorFromZod, isConfigError } from '../lambdas/core/config-error.js';
import {
  credentialsSecretArnSchema,
  emailSchema,
  partialPolicySchema,
  tenantNameSchema,
  timeZoneSchema,
} from '../lambdas/core/model/tenant-fields.js';
import { DEFAULT_SCHEDULE, toScheduleExpression } from './schedule-expression.js';

/**
 * The CDK context (`cdk.json` or `-c key=value`), validated once into fully defaulted values.
 * `-c` always yields strings, so arrays may arrive as JSON text and numbers as digits; both are
 * accepted here so nothing downstream has to care where a value came from.
 */

export const DEFAULT_ROTATION_SECRET_PREFIX = 'isc-oauth-janitor/clients/';
/** The values CloudWatch Logs accepts for a log group's retention. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

const jsonText = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value, ctx) => {
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'is text but not valid JSON; pass a JSON array' });
      return z.NEVER;
    }
  }, schema);

const digits = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value), schema);

/** `a@x.com,b@y.com` from `-c`, a JSON array, or an array in cdk.json. */
const emailList = z
  .preprocess(
    (value) => (typeof value === 'string' && !value.trim().startsWith('[') ? value.split(',').map((s) => s.trim()).filter(Boolean) : value),
    jsonText(z.array(emailSchema).max(50)),
  )
  .default([]);

const tenantSchema = z.strictObject({
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

export const stackContextSchema = z
  .strictObject({
    tenants: jsonText(z.array(tenantSchema, { error: 'is required: a list of tenants like [{"name":"acme"}]' }).min(1, 'needs at least one tenant')),
    reportEmails: emailList,
    alarmEmails: emailList,
    timeoutMinutes: digits(z.number().int('must be whole minutes').min(1).max(15, 'must be at most 15 (the Lambda limit)')).default(5),
    reservedConcurrency: z
      .union([z.enum(['none', 'off']), digits(z.number().int().min(1, 'must be 1 or more, or "none"'))], { error: 'must be a number or "none"' })
      .default(1),
    logRetentionDays: digits(z.number().refine((n) => LOG_RETENTION_DAYS.includes(n), `must be one of ${LOG_RETENTION_DAYS.join(', ')}`)).default(90),
    rotationSecretPrefix: z
      .string()
      .regex(/^[A-Za-z0-9/_+=.@-]{1,200}$/, 'may contain only letters, digits and /_+=.@-')
      .default(DEFAULT_ROTATION_SECRET_PREFIX),
    managedSecretsKmsKey: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'must be true or false' })).default(false),
  })
  .superRefine((context, ctx) => {
    const seen = new Map<string, number>();
    context.tenants.forEach((tenant, index) => {
      // Output and construct ids drop the hyphens, so "a-1" and "a1" would collide there.
      const key = tenant.name.replace(/-/g, '').toLowerCase();
      const first = seen.get(key);
      if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['tenants', index, 'name'], message: `"${tenant.name}" clashes with tenants[${first}].name; tenant names must be unique` });
      else seen.set(key, index);
      // The function may only write secrets under the stack's prefix (IAM); a tenant policy
      // pointing elsewhere would fail every rotation at run time.
      const prefix = (tenant.policy?.rotation as { secretPrefix?: unknown } | undefined)?.secretPrefix;
      if (typeof prefix === 'string' && !prefix.startsWith(context.rotationSecretPrefix)) {
        ctx.addIssue({ code: 'custom', path: ['tenants', index, 'policy', 'rotation', 'secretPrefix'], message: `must start with rotationSecretPrefix "${context.rotationSecretPrefix}"; the function may write secrets only there` });
      }
    });
  });

export type StackContextInput = z.input<typeof stackContextSchema>;
export type StackContext = z.output<typeof stackContextSchema>;
export type TenantConfig = StackContext['tenants'][number];

/** Validate raw context; a ConfigError names every offending field. */
export function parseStackContext(raw: Readonly<Record<string, unknown>>, source = 'CDK context'): StackContext {
  assertSafeKeys(raw, source);
  // `-c tenants='[...]'` arrives as JSON text: check what it will parse to as well.
  for (const [key, value] of Object.entries(raw)) {
    if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) continue;
    try {
      assertSafeKeys(JSON.parse(value), source, [key]);
    } catch (error) {
      if (isConfigError(error)) throw error; // invalid JSON: the schema names it below
    }
  }
  const result = stackContextSchema.safeParse(raw);
  if (!result.success) throw configErrorFromZod(source, result.error);
  return result.data;
}
