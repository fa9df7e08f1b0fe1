import type { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';

/** DynamoDB refused a conditional write: the expected answer to "someone else got there first". */
export function isConditionFailure(error: unknown): error is ConditionalCheckFailedException {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}
