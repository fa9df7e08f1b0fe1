import { Aws, CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

export interface StackOutputsProps {
  readonly functionName: string;
  readonly reportTopicArn: string;
  readonly registryTableName: string;
  readonly stateMachineArn: string;
  readonly dashboardName: string;
  readonly credentialsSecretPrefix: string;
}

/**
 * What a person needs after deploying, the same for any number of tenants: where the registry
 * is and how to add a tenant to it, where to look, how to try a dry run.
 */
export function addStackOutputs(scope: Construct, props: StackOutputsProps): void {
  new CfnOutput(scope, 'FunctionName', { value: props.functionName, description: 'The janitor Lambda function' });
  new CfnOutput(scope, 'ReportTopicArn', { value: props.reportTopicArn, description: 'SNS topic receiving every run report (attributes tenant, outcome, mode)' });
  new CfnOutput(scope, 'RegistryTableName', { value: props.registryTableName, description: 'The tenant registry: npm run janitor -- tenants list --registry <this>' });
  new CfnOutput(scope, 'StateMachineArn', { value: props.stateMachineArn, description: 'The nightly state machine, started every 15 minutes' });
  new CfnOutput(scope, 'DashboardUrl', {
    value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${props.dashboardName}`,
    description: 'CloudWatch dashboard: the fleet, and one tenant at a time with the Tenant selector',
  });
  new CfnOutput(scope, 'AddTenantCommand', {
    description: `Register a tenant (its credentials secret must be named ${props.credentialsSecretPrefix}...); it runs at its local time, no deploy needed`,
    value: `npm run janitor -- tenants add <name> --credentials-secret-arn <ARN of ${props.credentialsSecretPrefix}<name>> --local-time 02:00 --time-zone Europe/Berlin --registry ${props.registryTableName}`,
  });
  new CfnOutput(scope, 'DryRunCommand', {
    description: 'Run one registered tenant now, in report mode, and save the result',
    value: `aws lambda invoke --function-name ${props.functionName} --payload '{"dryRun":true,"tenant":"<name>"}' --cli-binary-format raw-in-base64-out dry-run.json`,
  });
}
