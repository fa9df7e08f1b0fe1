import { Aws, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { JanitorFunction } from './janitor-function.js';

export interface JanitorPermissionsProps {
  readonly janitor: JanitorFunction;
  readonly reportTopic: ITopic;
  readonly topicKey: IKey;
  readonly rotationSecretPrefix: string;
  /** The tenants' credentials secrets live under this name prefix; the function reads only those. */
  readonly credentialsSecretPrefix: string;
  readonly managedSecretsKmsKey: boolean;
  /** The SES identity owner notices are sent from: `ses:SendEmail` on it only. @default - none */
  readonly ownerNoticesIdentity?: string;
}

/** The AWS calls the handler makes for rotation and governed creation. */
export const ROTATION_SECRET_ACTIONS = [
  'secretsmanager:CreateSecret',
  'secretsmanager:PutSecretValue',
  'secretsmanager:GetSecretValue',
  'secretsmanager:DescribeSecret',
  'secretsmanager:TagResource',
] as const;

/**
 * What the function may do with secrets and the report: read the tenants' credentials under
 * their prefix, publish the report, and manage client secrets under the rotation prefix. Derived
 * from the calls the code makes; exact actions rather than the `*` wildcards some grant helpers
 * add. Returns the managed-secrets key when one was asked for.
 */
export function grantJanitorPermissions(scope: Construct, props: JanitorPermissionsProps): Key | undefined {
  const { role, function: fn } = props.janitor;
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [props.reportTopic.topicArn] }));
  // SNS encrypts each published message with a data key from the topic's key.
  props.topicKey.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');

  // By prefix, not per ARN: tenants are data in the registry, added without a deploy, so their
  // secrets cannot be named here. GetSecretValue only: the handler never lists or writes them.
  const credentialsArn = secretArnUnder(props.credentialsSecretPrefix);
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [credentialsArn] }));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${props.credentialsSecretPrefix}*]`,
    reason:
      'Tenants live in the registry and are added without a deploy, so their credentials secrets cannot be named at deploy time; reading is limited to the credentials prefix, and the handler refuses an entry outside it.',
  });

  const prefixArn = secretArnUnder(props.rotationSecretPrefix);
  role.addToPrincipalPolicy(new PolicyStatement({ effect: Effect.ALLOW, actions: [...ROTATION_SECRET_ACTIONS], resources: [prefixArn] }));
  Validations.of(role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:${props.rotationSecretPrefix}*]`,
    reason:
      'Managed client secrets are created at run time as {prefix}{tenant}/{client}; their names are not known at deploy time, so access is limited to the configured prefix instead.',
  });

  if (props.ownerNoticesIdentity !== undefined) {
    // One identity, not ses:*: the function can send notices from the configured sender only.
    role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['ses:SendEmail'], resources: [`arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${props.ownerNoticesIdentity}`] }),
    );
  }

  if (!props.managedSecretsKmsKey) return undefined;
  const key = new Key(scope, 'ManagedSecretsKey', {
    description: 'isc-oauth-janitor: encrypts the managed OAuth client secrets',
    enableKeyRotation: true,
  });
  // Secrets Manager asks KMS for a data key on write and decrypts it on read, as the caller.
  key.grant(role, 'kms:GenerateDataKey', 'kms:Decrypt');
  fn.addEnvironment('ROTATION_KMS_KEY_ID', key.keyArn);
  return key;
}

/** Every secret whose name starts with `prefix`, in this stack's account and region. */
export function secretArnUnder(prefix: string): string {
  return `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${prefix}*`;
}
