import { Logger } from '@aws-lambda-powertools/logger';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createRotationHandler } from './create-rotation-handler.js';
import { powertoolsRunLogger } from './powertools-run-logger.js';

/**
 * The rotation function's entry point: Secrets Manager invokes it with
 * `{ Step, SecretId, ClientRequestToken }` for each of createSecret, setSecret, testSecret and
 * finishSecret. AWS clients come from the SDK's default configuration.
 */
const logger = new Logger({ serviceName: 'isc-oauth-janitor-rotation' });

export const handler = createRotationHandler({
  env: process.env,
  secretsManager: new SecretsManagerClient({}),
  dynamodb: new DynamoDBClient({}),
  logger: powertoolsRunLogger(logger),
});
