import { ConfigError } from '../core/config-error.js';
import { assertPolicyTightens } from '../core/model/assert-policy-tightens.js';
import { mergePolicyInput } from '../core/model/merge-policy-input.js';
import { parsePolicy, type Policy } from '../core/model/policy.js';
import type { JanitorEnvironment } from './janitor-environment.js';

export interface RunPolicyInput {
  /** The tenant's partial policy from its registry entry (`{}` without a registry). */
  readonly tenantPolicy: Readonly<Record<string, unknown>>;
  readonly eventPolicy?: Record<string, unknown> | undefined;
  readonly dryRun?: boolean | undefined;
}

const SOURCE = 'policy (JANITOR_POLICY merged with the tenant and event policies)';

/**
 * The policy of one run: the stack's rotation prefix as a default, JANITOR_POLICY over it, the
 * tenant's registry policy over that (the deployed policy), the event's partial policy next,
 * dryRun last; validated as a whole. The event may only tighten the deployed policy: whoever may
 * invoke the function must not be able to switch it to enforce, drop exemptions or raise the
 * guard, so a loosening field is refused by name before anything runs. A tenant policy may not
 * move managed secrets outside the prefix the function may write (IAM): that would fail every
 * rotation, so it is refused here, by name.
 */
export function runPolicy(input: RunPolicyInput, env: JanitorEnvironment): Policy {
  const defaults = env.rotationSecretPrefix ? { rotation: { secretPrefix: env.rotationSecretPrefix } } : {};
  const configured = mergePolicyInput(mergePolicyInput(defaults, env.policy), input.tenantPolicy);
  const deployed = parsePolicy(configured, SOURCE);
  const policy = input.eventPolicy === undefined ? deployed : parsePolicy(mergePolicyInput(configured, input.eventPolicy), SOURCE);
  assertPolicyTightens(deployed, policy, {
    source: 'event',
    fieldPrefix: 'policy.',
    ceiling: "the deployed policy (JANITOR_POLICY and the tenant's registry policy)",
    fix: 'change the deployed policy to do more',
  });
  if (env.rotationSecretPrefix && !policy.rotation.secretPrefix.startsWith(env.rotationSecretPrefix)) {
    throw new ConfigError(
      `Invalid policy: rotation.secretPrefix: must start with the stack's rotationSecretPrefix "${env.rotationSecretPrefix}"; the function may write secrets only there`,
      ['rotation.secretPrefix'],
    );
  }
  return input.dryRun ? parsePolicy({ ...policy, mode: 'report' }, SOURCE) : policy;
}
