import * as z from 'zod';
import { assertSafeKeys } from '../core/assert-safe-keys.js';
import { configErrorFromZod } from '../core/config-error.js';
import { ROTATION_STEPS } from '../core/model/secret-versions.js';

/**
 * What Secrets Manager invokes the rotation function with. Fields Secrets Manager may add later
 * (it has added `RotationToken`) are ignored: this event is Secrets Manager's, not ours.
 */
const rotationEventSchema = z.looseObject({
  Step: z.enum(ROTATION_STEPS, { error: `must be one of ${ROTATION_STEPS.join(', ')}` }),
  SecretId: z.string({ error: 'is required: the ARN of the secret to rotate' }).min(1).max(2048),
  ClientRequestToken: z.string({ error: 'is required: the version the rotation builds' }).min(1).max(64),
});

export type RotationEvent = Pick<z.infer<typeof rotationEventSchema>, 'Step' | 'SecretId' | 'ClientRequestToken'>;

export function parseRotationEvent(raw: unknown): RotationEvent {
  assertSafeKeys(raw, 'rotation event');
  const result = rotationEventSchema.safeParse(raw);
  if (!result.success) throw configErrorFromZod('rotation event', result.error);
  const { Step, SecretId, ClientRequestToken } = result.data;
  return { Step, SecretId, ClientRequestToken };
}
