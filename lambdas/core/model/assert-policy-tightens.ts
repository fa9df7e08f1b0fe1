import { ConfigError } from '../config-error.js';
import { checkPolicyTightening } from '../rules/check-policy-tightening.js';
import type { Policy } from './policy.js';

export interface TighteningContext {
  /** What sent the candidate, for the message: `event`, `--policy policy.json`. */
  readonly source: string;
  /** Prefix of the named fields: `policy.` for the event's `policy` field, '' for a policy file. */
  readonly fieldPrefix: string;
  /** The ceiling in words: `the deployed policy (JANITOR_POLICY and the tenant's registry policy)`. */
  readonly ceiling: string;
  /** Where to loosen instead, e.g. `change JANITOR_POLICY or the tenant's entry`. */
  readonly fix: string;
}

/**
 * Refuses a run's policy that would loosen the one it may only tighten, naming every loosened
 * field and what it changes; nothing has run yet when this throws.
 */
export function assertPolicyTightens(ceiling: Policy, candidate: Policy, context: TighteningContext): void {
  const verdict = checkPolicyTightening(ceiling, candidate);
  if (verdict.verdict === 'tightens') return;
  const fields = verdict.loosenings.map(({ field }) => `${context.fieldPrefix}${field}`);
  const lines = verdict.loosenings.map(({ reason }, index) => `${fields[index]}: ${reason}`);
  throw new ConfigError(
    `Invalid ${context.source}: ${lines.join('; ')}. It may only tighten ${context.ceiling}: report mode, more exemptions, lower limits, longer thresholds and grace; ${context.fix}`,
    fields,
  );
}
