import { RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import type { BucketProps, CfnBucket } from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/**
 * A bucket with what every bucket of the stack shares: no public access, no ACLs, TLS 1.2 only,
 * versioned, kept when the stack is deleted, and S3 events published to EventBridge (free to
 * emit; lets the account's security tooling watch the evidence, e.g. for deletes). `props` add
 * the rest (encryption, Object Lock, logging, lifecycle). EventBridge is set on the CloudFormation
 * resource itself: the L2's `eventBridgeEnabled` would add a custom-resource Lambda for it.
 */
export function secureBucket(scope: Construct, id: string, props: BucketProps): Bucket {
  const bucket = new Bucket(scope, id, {
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    removalPolicy: RemovalPolicy.RETAIN,
    ...props,
  });
  (bucket.node.defaultChild as CfnBucket).notificationConfiguration = { eventBridgeConfiguration: { eventBridgeEnabled: true } };
  return bucket;
}
