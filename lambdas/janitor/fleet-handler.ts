import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { createFleetHandler } from './create-fleet-handler.js';
import { powertoolsRunLogger } from './powertools-run-logger.js';

/** The nightly state machine's function (pick the due tenants, summarize the night). */
export const handler = createFleetHandler({
  env: process.env,
  dynamodb: new DynamoDBClient({}),
  sns: new SNSClient({}),
  logger: powertoolsRunLogger(new Logger({ serviceName: 'isc-oauth-janitor' })),
  metrics: new Metrics({ namespace: 'IscOAuthJanitor', serviceName: 'isc-oauth-janitor' }),
});
