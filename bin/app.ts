#!/usr/bin/env node
import { App, Validations } from 'aws-cdk-lib';
import { isConfigError } from '../lambdas/core/config-error.js';
import { JanitorStack } from '../lib/janitor-stack.js';
import { policyValidationPlugins } from '../lib/policy-validation.js';
import { readStackContext } from '../lib/read-stack-context.js';

// The CDK app: context in, one stack out, checked by cdk-nag and by cfn-guard with AWS Control
// Tower's rules (validation plugins: an unacknowledged finding fails synth; each acknowledged one
// sits next to the resource it concerns, with its reason).
const app = new App();
try {
  new JanitorStack(app, 'IscOAuthJanitor', {
    ...readStackContext(app),
    description: 'isc-oauth-janitor: governance for SailPoint ISC OAuth API clients',
    // Unset offline: the stack is environment-agnostic, so `cdk synth` needs no credentials.
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
  });
} catch (error) {
  if (!isConfigError(error)) throw error;
  // A readable message naming the field beats a stack trace for a typo in cdk.json.
  console.error(error.message);
  process.exit(1);
}
Validations.of(app).addPlugins(...policyValidationPlugins(app));
