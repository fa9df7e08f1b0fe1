import * as z from 'zod';
import { ConfigError, configErrorFromZod } from '../core/config-error.js';
import { MAX_REQUEST_TIMEOUT_S, megabytesAsBytes, secondsAsMs } from '../adapters/isc/isc-client-config.js';

/**
 * The function's environment, read once per cold start, validated and frozen. A bad value
 * fails with a message naming the variable (never its value: it could be a pasted secret).
 */
const environmentSchema = z.object({
  ISC_CREDENTIALS_SECRET_ID: z.string().min(1, 'must name the Secrets Manager secret holding the ISC credentials').optional(),
  REPORT_TOPIC_ARN: z
    .string({ error: 'is required: the SNS topic ARN that receives the report' })
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, 'must be an SNS topic ARN (arn:aws:sns:region:account:name)'),
  CHAT_TOPIC_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]+$/, 'must be an SNS topic ARN (arn:aws:sns:region:account:name): the topic mapped to a chat channel')
    .optional(),
  /** The SES identity owner notices go out from (the stack grants ses:SendEmail on it only). */
  OWNER_NOTICES_IDENTITY: z.string().min(1).max(320).optional(),
  JANITOR_POLICY: z.string().default('{}'),
  TENANT_NAME: z.string().min(1).max(64).optional(),
  ROTATION_SECRET_PREFIX: z.string().min(1).optional(),
  ROTATION_KMS_KEY_ID: z.string().min(1).optional(),
  CREDENTIALS_ROTATION_DAYS: z.coerce
    .number({ error: 'must be a whole number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(1000, 'must be at most 1000 days (the Secrets Manager limit)')
    .default(60),
  ROTATION_FUNCTION_ARN: z
    .string()
    .regex(/^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/, 'must be a Lambda function ARN (the rotation function)')
    .optional(),
  TENANT_REGISTRY_TABLE: z
    .string()
    .regex(/^[A-Za-z0-9_.-]{3,255}$/, 'must be a DynamoDB table name (3-255 letters, digits, _ . -): the stack output RegistryTableName')
    .optional(),
  CREDENTIALS_SECRET_PREFIX: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,200}$/, 'may contain only letters, digits and /_+=.@-').optional(),
  REPORT_ARCHIVE_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name (3-63 lowercase letters, digits, dots, hyphens): the stack output ReportArchiveBucket')
    .optional(),
  REPORT_ARCHIVE_KMS_KEY_ID: z.string().min(1).optional(),
  ISC_REQUEST_TIMEOUT_S: secondsAsMs(MAX_REQUEST_TIMEOUT_S).optional(),
  ISC_MAX_RESPONSE_MB: megabytesAsBytes().optional(),
});

export type JanitorEnvironment = Readonly<{
  credentialsSecretId: string | undefined;
  reportTopicArn: string;
  /** A topic of Amazon Q Developer in chat applications: each run also posts a short notice there. */
  chatTopicArn: string | undefined;
  /** Set: owner notices (`owners.notices`) go out through Amazon SES from this identity. */
  ownerNoticesIdentity: string | undefined;
  /** The configured policy as raw JSON; event policies are merged over it before validation. */
  policy: Readonly<Record<string, unknown>>;
  tenantName: string | undefined;
  /** Where the stack lets the function write managed client secrets (the policy's default prefix). */
  rotationSecretPrefix: string | undefined;
  rotationKmsKeyId: string | undefined;
  /** The rotation function: secrets the janitor stores are handed to Secrets Manager rotation with it. */
  rotationFunctionArn: string | undefined;
  /** How often the tenants' credentials secrets (the janitor's PATs) are rotated, in days. */
  credentialsRotationDays: number;
  /** Switches the tenant registry and the per-tenant lease on; without it, one tenant from the settings above. */
  tenantRegistryTable: string | undefined;
  /** The name prefix of the credentials secrets the function may read (IAM): a registry entry outside it is refused by name. */
  credentialsSecretPrefix: string | undefined;
  /** Switches the evidence archive on: every run's report and lines go to this bucket. */
  reportArchiveBucket: string | undefined;
  /** The customer key the archive's objects are encrypted with (named on each write). */
  reportArchiveKmsKeyId: string | undefined;
  /** Per ISC request, headers and body (ISC_REQUEST_TIMEOUT_S); undefined = the client's 30 s. */
  requestTimeoutMs: number | undefined;
  /** The cap on one ISC response body (ISC_MAX_RESPONSE_MB, which the stack sets from the function's memory); undefined = the client's 64 MB. */
  maxResponseBytes: number | undefined;
}>;

export function readJanitorEnvironment(env: Readonly<Record<string, string | undefined>>): JanitorEnvironment {
  const result = environmentSchema.safeParse(env);
  if (!result.success) throw configErrorFromZod('environment', result.error);
  const values = result.data;
  let policy: unknown;
  try {
    policy = JSON.parse(values.JANITOR_POLICY);
  } catch {
    throw new ConfigError('Invalid environment: JANITOR_POLICY: is not valid JSON; set it to a policy object such as {"mode":"report"}', ['JANITOR_POLICY']);
  }
  if (typeof policy !== 'object' || policy === null || Array.isArray(policy)) {
    throw new ConfigError('Invalid environment: JANITOR_POLICY: must be a JSON object (a policy)', ['JANITOR_POLICY']);
  }
  return Object.freeze({
    credentialsSecretId: values.ISC_CREDENTIALS_SECRET_ID,
    reportTopicArn: values.REPORT_TOPIC_ARN,
    chatTopicArn: values.CHAT_TOPIC_ARN,
    ownerNoticesIdentity: values.OWNER_NOTICES_IDENTITY,
    policy: Object.freeze(policy as Record<string, unknown>),
    tenantName: values.TENANT_NAME,
    rotationSecretPrefix: values.ROTATION_SECRET_PREFIX,
    rotationKmsKeyId: values.ROTATION_KMS_KEY_ID,
    rotationFunctionArn: values.ROTATION_FUNCTION_ARN,
    credentialsRotationDays: values.CREDENTIALS_ROTATION_DAYS,
    tenantRegistryTable: values.TENANT_REGISTRY_TABLE,
    credentialsSecretPrefix: values.CREDENTIALS_SECRET_PREFIX,
    reportArchiveBucket: values.REPORT_ARCHIVE_BUCKET,
    reportArchiveKmsKeyId: values.REPORT_ARCHIVE_KMS_KEY_ID,
    requestTimeoutMs: values.ISC_REQUEST_TIMEOUT_S,
    maxResponseBytes: values.ISC_MAX_RESPONSE_MB,
  });
}
