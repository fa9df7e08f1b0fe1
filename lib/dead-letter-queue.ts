import { Duration, Validations } from 'aws-cdk-lib';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';

/**
 * A dead-letter queue: encrypted, SSL only, events kept 14 days. "Queue has no DLQ" (cdk-nag's
 * SQS3, Control Tower's CT.SQS.PR.1) is acknowledged with `usedBy`, because neither check can see
 * that the queue is itself the DLQ of something (an on-failure destination, a schedule's
 * DeadLetterConfig).
 */
export function deadLetterQueue(scope: Construct, id: string, usedBy: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  const reason = `This queue is the dead-letter queue of ${usedBy}, which the checks cannot see; a DLQ needs no DLQ of its own.`;
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason }, { id: 'cdk-validator-cfnguard::sqs_dlq_check', reason });
  return queue;
}
