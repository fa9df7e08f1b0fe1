import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SNSClient } from '@aws-sdk/client-sns';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createHandler } from './create-handler.js';
import { createJanitorLogger, powertoolsRunLogger } from './powertools-run-logger.js';

/**
 * The Lambda entry point. AWS clients are created once per container from the SDK's default
 * configuration, so region, credentials and AWS_ENDPOINT_URL* work as AWS documents.
 */
const logger = createJanitorLogger();
const metrics = new Metrics({ namespace: 'IscOAuthJanitor', serviceName: 'isc-oauth-janitor' });

export const handler = createHandler({
  env: process.env,
  secretsManager: new SecretsManagerClient({}),
  sns: new SNSClient({}),
  sesv2: new SESv2Client({}),
  dynamodb: new DynamoDBClient({}),
  s3: new S3Client({}),
  logger: powertoolsRunLogger(logger),
  metrics,
});
