import { ConfigError } from '../core/config-error.js';
import { mergePolicyInput } from '../core/model/merge-policy-input.js';
import { parsePolicy, type Policy } from '../core/model/policy.js';
import type { JanitorEnvironment } from './janitor-environment.js';

export interface RunPolicyInput {
  /** The tenant's partial policy from its registry entry (`{}` without a registry). */
  readonly tenantPolicy: Readonly<Record<string, unknown>>;
  readonly eventPolicy?: Record<string, unknown> | undefined;
  readonly dryRun?: boolean | undefined;
}

/**
 * The policy of one run: the stack's rotation prefix as a default, JANITOR_POLICY over it, the
 * tenant's registry policy over that, the event's partial policy next, dryRun last; validated
 * once as a whole. A tenant policy may not move managed secrets outside the prefix the function
 * may write (IAM): that would fail every rotation, so it is refused here, by name.
 */
export function runPolicy(input: RunPolicyInput, env: JanitorEnvironment): Policy {
  const defaults = env.rotationSecretPrefix ? { rotation: { secretPrefix: env.rotationSecretPrefix } } : {};
  const configured = mergePolicyInput(mergePolicyInput(defaults, env.policy), input.tenantPolicy);
  const merged = mergePolicyInput(mergePolicyInput(configured, input.eventPolicy ?? {}), input.dryRun ? { mode: 'report' } : {});
  const policy = parsePolicy(merged, 'policy (JANITOR_POLICY merged with the tenant and event policies)');
  if (env.rotationSecretPrefix && !policy.rotation.secretPrefix.startsWith(env.rotationSecretPrefix)) {
    throw new ConfigError(
      `Invalid policy: rotation.secretPrefix: must start with the stack's rotationSecretPrefix "${env.rotationSecretPrefix}"; the function may write secrets only there`,
      ['rotation.secretPrefix'],
    );
  }
  return policy;
}
