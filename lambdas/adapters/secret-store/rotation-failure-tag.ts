import type { RotationFailure } from '../../core/model/secret-versions.js';
import { secretTags } from './secret-tags.js';

/**
 * The last failed rotation step lives in a tag on the secret: DescribeSecret returns it, so the
 * nightly report can name the failure and its reason without reading logs. Tag values allow few
 * characters and 256 of them, so the reason is cleaned and shortened (it never holds a secret).
 */
export const ROTATION_FAILURE_TAG = 'isc-oauth-janitor:rotation-failure';

export function rotationFailureTag(failure: RotationFailure): { Key: string; Value: string } {
  const [tag] = secretTags({ [ROTATION_FAILURE_TAG]: `${failure.at} ${failure.step}: ${failure.reason}` });
  return tag as { Key: string; Value: string };
}

/** The failure a tag value describes; a tag someone else wrote by hand is taken as its reason. */
export function parseRotationFailureTag(value: string): RotationFailure {
  const match = /^(\d{4}-\d{2}-\d{2}T[\d:.]+Z) ([A-Za-z]+): (.*)$/s.exec(value);
  return match ? { at: match[1]!, step: match[2]!, reason: match[3]! } : { at: '', step: 'unknown', reason: value };
}
