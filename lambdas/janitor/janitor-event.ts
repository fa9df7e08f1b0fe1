import * as z from 'zod';
import { assertSafeKeys } from '../core/assert-safe-keys.js';
import { configErrorFromZod } from '../core/config-error.js';
import { MAX_REASON_CHARS } from '../core/fleet/fleet-state-budget.js';
import { oauthClientRequestSchema } from '../core/model/oauth-client.js';

/**
 * What the function may be invoked with. The nightly state machine passes `{ tenant, fleet }`;
 * `aws lambda invoke` may pass any of the fields (with the tenant registry on, a tenant's
 * credentials and policy come from its entry, so `credentialsSecretId` is refused);
 * `{}` and a classic EventBridge "Scheduled Event" both mean "the configured run".
 * Unknown fields are refused (a typo like `dryrun` must not silently run in enforce mode).
 */
const cleanupEventSchema = z.strictObject({
  action: z.literal('cleanup').optional(),
  tenant: z.string().trim().min(1).max(64).regex(/^[A-Za-z0-9._-]+$/, 'may contain only letters, digits and ._-').optional(),
  credentialsSecretId: z.string().min(1).max(2048).optional(),
  dryRun: z.boolean({ error: 'must be true or false' }).optional(),
  /**
   * A partial policy merged over the deployed one (validated after the merge) that may only
   * tighten it: report mode, more exemptions, lower limits, longer thresholds and grace.
   */
  policy: z.record(z.string(), z.unknown(), { error: 'must be a JSON object (a partial policy)' }).optional(),
  clientIds: z.array(z.string().min(1).max(200)).min(1).max(1_000).optional(),
  /**
   * Set by the nightly state machine: the run answers with its outcome instead of throwing for a
   * finished run that did not end ok (the state machine retries only what threw).
   */
  fleet: z
    .strictObject({
      runDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be the local day YYYY-MM-DD'),
      execution: z.string().min(1).max(2048),
      /** The characters of reason the answer may carry (the tick's share of the execution's state). */
      reasonChars: z.number().int().min(0).max(MAX_REASON_CHARS).optional(),
    })
    .optional(),
});

const createClientEventSchema = z.strictObject({
  action: z.literal('create-client'),
  tenant: cleanupEventSchema.shape.tenant,
  credentialsSecretId: cleanupEventSchema.shape.credentialsSecretId,
  client: oauthClientRequestSchema,
});

/** The leak response: rotate this managed client secret at once and disable the leaked client at finishSecret. */
const revokeEventSchema = z.strictObject({
  action: z.literal('revoke'),
  secretId: z.string({ error: 'is required: the managed client secret (name or ARN) whose client leaked' }).trim().min(1).max(2048),
});

export type CleanupEvent = z.infer<typeof cleanupEventSchema>;
export type CreateClientEvent = z.infer<typeof createClientEventSchema>;
export type RevokeEvent = z.infer<typeof revokeEventSchema>;
export type JanitorEvent = ({ kind: 'cleanup' } & CleanupEvent) | ({ kind: 'create-client' } & CreateClientEvent) | ({ kind: 'revoke' } & RevokeEvent);

/** A classic EventBridge scheduled event (rule-based schedules): no input of ours in it. */
function isClassicScheduledEvent(event: object): boolean {
  return 'detail-type' in event && (event as Record<string, unknown>).source === 'aws.events';
}

export function parseJanitorEvent(raw: unknown): JanitorEvent {
  const event = raw ?? {};
  assertSafeKeys(event, 'event');
  if (typeof event === 'object' && !Array.isArray(event) && isClassicScheduledEvent(event)) {
    return { kind: 'cleanup' };
  }
  if (typeof event === 'object' && event !== null && (event as Record<string, unknown>).action === 'create-client') {
    const result = createClientEventSchema.safeParse(event);
    if (!result.success) throw configErrorFromZod('event', result.error, { input: event, schema: createClientEventSchema });
    return { kind: 'create-client', ...result.data };
  }
  if (typeof event === 'object' && event !== null && (event as Record<string, unknown>).action === 'revoke') {
    const result = revokeEventSchema.safeParse(event);
    if (!result.success) throw configErrorFromZod('event', result.error);
    return { kind: 'revoke', ...result.data };
  }
  const result = cleanupEventSchema.safeParse(event);
  if (!result.success) throw configErrorFromZod('event', result.error, { input: event, schema: cleanupEventSchema });
  return { kind: 'cleanup', ...result.data };
}
