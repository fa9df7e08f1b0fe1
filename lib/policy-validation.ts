import { fileURLToPath } from 'node:url';
import type { IPolicyValidationPlugin } from 'aws-cdk-lib';
import type { App } from 'aws-cdk-lib';
import { CfnGuardValidator } from '@cdklabs/cdk-validator-cfnguard';
import { AwsSolutionsChecks } from 'cdk-nag';

/** The project's own guard rules (what checkov checks and Control Tower does not). */
export const GUARD_RULES_DIR = fileURLToPath(new URL('./guard-rules', import.meta.url));

/**
 * What `cdk synth` checks the stack against: cdk-nag's AWS Solutions pack, and cfn-guard with
 * AWS Control Tower's proactive controls plus our rules. Both run as CDK validation plugins, so a
 * finding fails synth unless it is acknowledged next to the resource, with its reason
 * (`Validations.of(construct).acknowledge`; cfn-guard ids read `cdk-validator-cfnguard::<rule>`).
 */
export function policyValidationPlugins(app: App): IPolicyValidationPlugin[] {
  return [new AwsSolutionsChecks(app), new CfnGuardValidator({ rules: [GUARD_RULES_DIR] })];
}
