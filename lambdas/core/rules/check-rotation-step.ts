import { CURRENT, PENDING, type SecretDescription } from '../model/secret-versions.js';

/**
 * `run`: the step has work to do. `done`: the token's version is already AWSCURRENT, so the
 * rotation finished (a repeated or late call); nothing to do. `refuse`: the call does not belong
 * to a rotation of this secret; doing anything would change a version nobody staged.
 */
export type RotationStepVerdict =
  | { readonly verdict: 'run' }
  | { readonly verdict: 'done'; readonly reason: string }
  | { readonly verdict: 'refuse'; readonly reason: string };

/**
 * The check every step of AWS's rotation templates makes first, on DescribeSecret's answer:
 * rotation must be enabled, the token must name a version, and that version must carry
 * AWSPENDING (Secrets Manager staged it before calling createSecret) unless it is already
 * AWSCURRENT. Secrets Manager may call a step again at any time, so `done` is an answer, not an error.
 */
export function checkRotationStep(secret: SecretDescription, token: string): RotationStepVerdict {
  if (!secret.rotationEnabled) {
    return { verdict: 'refuse', reason: `rotation is not enabled for secret ${secret.name}` };
  }
  const stages = secret.versions[token];
  if (!stages) {
    return { verdict: 'refuse', reason: `secret ${secret.name} has no version ${token}: it was never staged for rotation` };
  }
  if (stages.includes(CURRENT)) {
    return { verdict: 'done', reason: `version ${token} of secret ${secret.name} is already AWSCURRENT` };
  }
  if (!stages.includes(PENDING)) {
    return { verdict: 'refuse', reason: `version ${token} of secret ${secret.name} is not AWSPENDING (stages: ${stages.join(', ') || 'none'}); it is not being rotated` };
  }
  return { verdict: 'run' };
}
