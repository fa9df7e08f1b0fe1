import { Aws, CfnOutput } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { TenantJanitor } from './tenant-janitor.js';

export interface TenantOutputsProps {
  readonly name: string;
  readonly tenant: TenantJanitor;
  readonly functionName: string;
  readonly dashboardName: string;
  /** The first tenant: an on-demand invoke without `credentialsSecretId` uses its secret. */
  readonly isDefault: boolean;
}

/** `acme-sb` -> `AcmeSb`: readable, stable output keys (names are checked to stay unique). */
export function outputIdPrefix(name: string): string {
  return name
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/** What a person needs after deploying: where the PAT goes, where to look, how to try a dry run. */
export function addTenantOutputs(scope: Construct, props: TenantOutputsProps): void {
  const id = outputIdPrefix(props.name);
  const secretArn = props.tenant.secret.secretArn;
  new CfnOutput(scope, `${id}SecretArn`, {
    value: secretArn,
    description: `Secret holding the ISC credentials for tenant ${props.name}`,
  });
  if (props.tenant.secretCreated) {
    new CfnOutput(scope, `${id}PutPat`, {
      description: `Put a personal access token into the secret before the first run (file: {"baseUrl","clientId","clientSecret"}; keep the secret out of shell history)`,
      value: `aws secretsmanager put-secret-value --secret-id ${secretArn} --secret-string file://${props.name}-pat.json`,
    });
  }
  new CfnOutput(scope, `${id}DashboardUrl`, {
    value: `https://${Aws.REGION}.console.aws.amazon.com/cloudwatch/home?region=${Aws.REGION}#dashboards:name=${props.dashboardName}`,
    description: `CloudWatch dashboard for tenant ${props.name}`,
  });
  // The payload is JSON inside single quotes; secret ARNs contain no quote characters.
  const payload = props.isDefault
    ? `{"dryRun":true,"tenant":"${props.name}"}`
    : `{"dryRun":true,"tenant":"${props.name}","credentialsSecretId":"${secretArn}"}`;
  new CfnOutput(scope, `${id}DryRunCommand`, {
    value: `aws lambda invoke --function-name ${props.functionName} --payload '${payload}' --cli-binary-format raw-in-base64-out ${props.name}-dry-run.json`,
    description: `Run the janitor for tenant ${props.name} now, in report mode, and save the result`,
  });
}
