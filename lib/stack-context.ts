import { assertSafeKeys } from '../lambdas/core/assert-safe-keys.js';
import * as z from 'zod';
import { ConfigError, configErrorFromZod, isConfigError } from '../lambdas/core/config-error.js';
import { emailSchema } from '../lambdas/core/model/tenant-fields.js';
import { policySchema } from '../lambdas/core/model/policy.js';
import { didYouMean } from '../lambdas/core/closest-match.js';

/**
 * The CDK context (`cdk.json` or `-c key=value`), validated once into fully defaulted values.
 * `-c` always yields strings, so arrays may arrive as JSON text and numbers as digits; both are
 * accepted here so nothing downstream has to care where a value came from.
 */

export const DEFAULT_ROTATION_SECRET_PREFIX = 'isc-oauth-janitor/clients/';
export const DEFAULT_CREDENTIALS_SECRET_PREFIX = 'isc-oauth-janitor/credentials/';
export const DEFAULT_FLEET_CONCURRENCY = 10;
/** Longest COMPLIANCE lock taken without `archiveComplianceConfirm: true`: ten years. */
export const COMPLIANCE_CONFIRM_AFTER_DAYS = 3_650;

/**
 * The janitor's reserved concurrency unless cdk.json says otherwise: room for two ticks' Maps at
 * once. A tick may outlast the 15 minutes to the next (250 tenants at a minute each take 25), and
 * with room for one only, the next tick's runs would be throttled. A third overlapping tick is
 * still throttled; its tenants are deferred, their day given back, and run by a later tick.
 */
/**
 * The janitor function's memory unless cdk.json says otherwise (janitorMemoryMb). 512, not 256:
 * a 50,000-client tenant's run peaks at about 384 MB through the CLI (`npm run bench`, memory row),
 * which 256 MB cannot hold.
 */
export const DEFAULT_JANITOR_MEMORY_MB = 512;

/**
 * The cap on one ISC response body for a function of `memoryMb` (ISC_MAX_RESPONSE_MB): an eighth
 * of it. A body is held as bytes, then as a string, then parsed into objects several times its
 * size, next to the runtime and the SDK clients, so a body at the cap still fits: 64 MB (the
 * CLI's default) at the default 512 MB, 32 MB at 256 MB.
 */
export function maxResponseMbFor(memoryMb: number): number {
  return Math.max(1, Math.floor(memoryMb / 8));
}

export function defaultReservedConcurrency(fleetConcurrency: number): number {
  return 2 * fleetConcurrency;
}
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

const secretPrefix = z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,200}$/, 'may contain only letters, digits and /_+=.@-');

/** `a@x.com,b@y.com` from `-c`, a JSON array, or an array in cdk.json. */
const emailList = z
  .preprocess(
    (value) => (typeof value === 'string' && !value.trim().startsWith('[') ? value.split(',').map((s) => s.trim()).filter(Boolean) : value),
    jsonText(z.array(emailSchema).max(50)),
  )
  .default([]);

export const stackContextSchema = z
  .strictObject({
    reportEmails: emailList,
    alarmEmails: emailList,
    /** An SNS topic mapped to a Slack or Teams channel (Amazon Q Developer in chat applications): each run posts a short notice. */
    chatTopicArn: z
      .string({ error: 'must be an SNS topic ARN' })
      .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, 'must be an SNS topic ARN (arn:aws:sns:region:account:name): the topic your chat channel is configured with')
      .optional(),
    /**
     * The Amazon SES identity (a verified email address or domain) owner notices are sent from:
     * the function may send email from it and from nothing else. Absent: no notices.
     */
    ownerNoticesIdentity: z
      .string({ error: 'must be an email address or a domain verified in Amazon SES' })
      .regex(/^(?:[^\s@*]+@)?[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/, 'must be an email address or a domain verified in Amazon SES (no wildcards)')
      .optional(),
    timeoutMinutes: digits(z.number().int('must be whole minutes').min(1).max(15, 'must be at most 15 (the Lambda limit)')).default(5),
    /** Tenant runs in flight at once during the night (the state machine's Map). */
    fleetConcurrency: digits(z.number({ error: 'must be a number of tenant runs at once, 1-40' }).int('must be a whole number').min(1, 'must be 1 or more').max(40, 'must be at most 40 (an inline Map runs 40 iterations at once at most)')).default(
      DEFAULT_FLEET_CONCURRENCY,
    ),
    /** `undefined`: as many as fleetConcurrency (the default). */
    reservedConcurrency: z
      .union([z.enum(['none', 'off']), digits(z.number().int().min(1, 'must be 1 or more, or "none"'))], { error: 'must be a number or "none"' })
      .optional(),
    // A year by default: PCI DSS 10.5.1's audit history, Control Tower's CT.CLOUDWATCH.PR.2.
    logRetentionDays: digits(z.number().refine((n) => LOG_RETENTION_DAYS.includes(n), `must be one of ${LOG_RETENTION_DAYS.join(', ')}`)).default(365),
    rotationSecretPrefix: secretPrefix.default(DEFAULT_ROTATION_SECRET_PREFIX),
    /** The function may read the tenants' credentials secrets under this name prefix only. */
    credentialsSecretPrefix: secretPrefix.default(DEFAULT_CREDENTIALS_SECRET_PREFIX),
    managedSecretsKmsKey: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'must be true or false' })).default(true),
    /** Days each archived report stays locked (S3 Object Lock). */
    archiveRetentionDays: digits(z.number({ error: 'must be a number of days' }).int('must be whole days').min(1, 'must be at least 1 day').max(36_500, 'must be at most 36500 days (100 years)')).default(400),
    archiveLockMode: z.enum(['GOVERNANCE', 'COMPLIANCE'], { error: 'must be "GOVERNANCE" (a privileged principal may still remove a version) or "COMPLIANCE" (nobody may, not even the root user)' }).default('GOVERNANCE'),
    /** Says yes to a COMPLIANCE lock longer than COMPLIANCE_CONFIRM_AFTER_DAYS: it cannot be undone. */
    archiveComplianceConfirm: z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: 'must be true or false' })).default(false),
    /**
     * The policy every run starts from (the function's JANITOR_POLICY), creation rules included; a
     * tenant's registry policy goes over it. An object in cdk.json, JSON text with `-c`. Checked
     * against the policy's own schema below, so a bad field fails synth, not the night.
     */
    basePolicy: jsonText(z.record(z.string(), z.unknown(), { error: 'must be a policy object, e.g. {"mode": "report", "creation": {...}}' })).optional(),
    /** Days between Secrets Manager rotations of the tenants' credentials secrets (the janitor's PATs expire after 6 months by default). */
    credentialsRotationDays: digits(z.number({ error: 'must be a number of days' }).int('must be whole days').min(1, 'must be at least 1 day').max(180, 'must be at most 180 days: a PAT expires 6 months after it is made')).default(60),
    /** The janitor function's memory (MB); the cap on one ISC response body follows from it (maxResponseMbFor). */
    janitorMemoryMb: digits(
      z.number({ error: 'must be a number of megabytes, 256-10240' }).int('must be whole megabytes').min(256, 'must be at least 256 MB (a run with its SDK clients needs it)').max(10_240, 'must be at most 10240 MB (the Lambda limit)'),
    ).default(DEFAULT_JANITOR_MEMORY_MB),
  })
  .superRefine((context, ctx) => {
    // Fewer reserved executions than tenants in flight would throttle the night against itself.
    const reserved = context.reservedConcurrency;
    if (typeof reserved === 'number' && reserved >= 1 && reserved < context.fleetConcurrency) {
      ctx.addIssue({ code: 'custom', path: ['reservedConcurrency'], message: `must be at least fleetConcurrency (${context.fleetConcurrency}), or "none"` });
    }
    // A COMPLIANCE lock can be neither shortened nor lifted, by anyone, and every version written
    // is billed until it ends: a typo in days (36500 for 365) would bind the account for a century.
    if (context.archiveLockMode === 'COMPLIANCE' && context.archiveRetentionDays > COMPLIANCE_CONFIRM_AFTER_DAYS && !context.archiveComplianceConfirm) {
      ctx.addIssue({
        code: 'custom',
        path: ['archiveRetentionDays'],
        message:
          `${context.archiveRetentionDays} days in COMPLIANCE mode is more than ${COMPLIANCE_CONFIRM_AFTER_DAYS} days (10 years): nobody, not even the account's root user, ` +
          'can shorten or lift a COMPLIANCE lock, so every report version written stays (and is billed) that long. If this is what you mean, ' +
          'add "archiveComplianceConfirm": true to cdk.json; otherwise lower archiveRetentionDays or use archiveLockMode GOVERNANCE',
      });
    }
  });

export type StackContextInput = z.input<typeof stackContextSchema>;

/** The janitor's context keys: the schema's, so a key added there is known everywhere at once. */
export const CONTEXT_KEYS = Object.keys(stackContextSchema.shape) as readonly (keyof StackContextInput)[];

/**
 * A context key the janitor would read if it were spelled right: a plain camelCase name (the
 * CDK's own keys carry `@`, `:`, `/` or `-`, e.g. `@aws-cdk/core:...`, `aws:cdk:...`,
 * `availability-zones:account=...`) that is not one of CONTEXT_KEYS.
 */
export function unknownContextKeys(keys: readonly string[], retired: readonly string[] = []): string[] {
  return keys.filter((key) => /^[a-z][A-Za-z0-9]*$/.test(key) && !(CONTEXT_KEYS as readonly string[]).includes(key) && !retired.includes(key));
}

/** A ConfigError for context keys nobody reads: a typo (`reportEmail`) must not deploy silently without its setting. */
export function unknownContextKeysError(keys: readonly string[], source = 'CDK context'): ConfigError {
  const lines = keys.map((key) => `${key}: not a key of isc-oauth-janitor.${didYouMean(key, CONTEXT_KEYS)}`);
  return new ConfigError(`Invalid ${source}: ${lines.join('; ')} Its keys: ${CONTEXT_KEYS.join(', ')} (docs/deploy.md, step 2)`, [...keys]);
}
export type StackContext = z.output<typeof stackContextSchema>;

/**
 * Tenants used to be deployed from this list; they are data in the tenant registry now. A list
 * left in cdk.json is refused rather than ignored: ignoring it would leave people believing those
 * tenants are scheduled, and the next deploy would delete the credentials secrets earlier stacks
 * created for them. The message says how to move them.
 */
export const TENANTS_MOVED =
  'tenants: tenants are no longer deployed from cdk.json; they live in the tenant registry (a DynamoDB table read at run time), so adding, ' +
  'pausing or rescheduling one needs no deploy. Move them: run "npm run janitor -- tenants import --from cdk.json" now (it checks the list and ' +
  'keeps the credentials secrets this stack created, which the next deploy would delete), copy cdk.json to cdk.json.old, delete "tenants" ' +
  'from cdk.json, deploy, then run "npm run janitor -- tenants import --from cdk.json.old --registry <RegistryTableName>" ' +
  '(docs/fleet.md: "Migrating from cdk.json tenants")';

/** Validate raw context; a ConfigError names every offending field. */
export function parseStackContext(raw: Readonly<Record<string, unknown>>, source = 'CDK context'): StackContext {
  if ('tenants' in raw) throw new ConfigError(`Invalid ${source}: ${TENANTS_MOVED}`, ['tenants']);
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
  const { basePolicy } = result.data;
  if (basePolicy !== undefined) {
    // The same schema the function applies to JANITOR_POLICY, fields named under basePolicy.
    const policy = policySchema.safeParse(basePolicy);
    if (!policy.success) throw configErrorFromZod(source, policy.error, { input: basePolicy, schema: policySchema, fieldPrefix: ['basePolicy'] });
  }
  return result.data;
}
