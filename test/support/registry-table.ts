import { CreateTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { uniqueName } from './moto-server.js';

/** A fresh tenant registry table shaped as the stack creates it (key `tenant`, on demand). */
export async function createRegistryTable(ddb: DynamoDBClient, prefix = 'tenants'): Promise<string> {
  const table = uniqueName(prefix);
  await ddb.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'tenant', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'tenant', KeyType: 'HASH' }],
    }),
  );
  return table;
}
