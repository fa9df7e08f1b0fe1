import { AspectPriority, Aspects } from 'aws-cdk-lib';
import type { IAspect } from 'aws-cdk-lib';
import { AnyPrincipal, Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IConstruct } from 'constructs';

/**
 * Every customer-managed key of the stack, whoever adds it later, refuses `kms:CreateGrant` unless
 * an AWS service asks for it on behalf of a resource (DynamoDB, for instance, holds grants on its
 * table key). A grant outlives the policy that allowed it and never shows in the key policy, so
 * a person or a function that could create one could hand the key to anyone. This is Control
 * Tower's CT.KMS.PR.3; none of the janitor's services needs a grant made by a caller.
 */
export const DENY_GRANTS_EXCEPT_FOR_AWS_SERVICES = new PolicyStatement({
  sid: 'DenyGrantsExceptForAwsServices',
  effect: Effect.DENY,
  principals: [new AnyPrincipal()],
  actions: ['kms:CreateGrant'],
  resources: ['*'],
  conditions: { BoolIfExists: { 'kms:GrantIsForAWSResource': 'false', 'aws:PrincipalIsAWSService': 'false' } },
});

class RestrictKeyGrants implements IAspect {
  readonly #done = new WeakSet<Key>();

  visit(node: IConstruct): void {
    if (!(node instanceof Key) || this.#done.has(node)) return;
    this.#done.add(node);
    node.addToResourcePolicy(DENY_GRANTS_EXCEPT_FOR_AWS_SERVICES);
  }
}

/** Apply the grant restriction to every `Key` under `scope` (the stack): one line, no key forgotten. */
export function restrictKeyGrants(scope: IConstruct): void {
  Aspects.of(scope).add(new RestrictKeyGrants(), { priority: AspectPriority.MUTATING });
}
