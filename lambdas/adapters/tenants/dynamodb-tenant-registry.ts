import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  ScanCommand,
  UpdateItemCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { errorMessage } from '../../core/error-message.js';
import type { TenantEntry } from '../../core/model/tenant-entry.js';
import { LEASE_CLOCK_SKEW_MS, type RegisteredTenant, type TenantListing, type TenantRegistry } from '../../core/ports.js';
import { isConditionFailure } from './condition-failure.js';
import { dynamoDbError } from './dynamodb-error.js';
import { ENTRY_ATTRIBUTES, entryAttributes, entryOf, KEY, keyOf, registeredTenantOf, toItem, type Item } from './tenant-item.js';

export interface DynamoDbTenantRegistryOptions {
  /** Constructed by the composition root, so region, endpoint and retries follow the SDK's config. */
  readonly client: DynamoDBClient;
  /** TENANT_REGISTRY_TABLE */
  readonly tableName: string;
}

/**
 * The tenant registry in DynamoDB: one item per tenant (see tenant-item.ts). Every change is a
 * single conditional write, so two people editing the registry at once cannot half-apply a
 * change, and no change ever touches the state runs keep beside the entry.
 */
export class DynamoDbTenantRegistry implements TenantRegistry {
  readonly #client: DynamoDBClient;
  readonly #table: string;

  constructor(options: DynamoDbTenantRegistryOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
  }

  async get(name: string): Promise<TenantEntry | undefined> {
    const { Item } = await this.#send('GetItem', () =>
      this.#client.send(new GetItemCommand({ TableName: this.#table, Key: keyOf(name), ConsistentRead: true })),
    );
    return Item === undefined ? undefined : entryOf(Item);
  }

  async list(): Promise<TenantListing> {
    const tenants: RegisteredTenant[] = [];
    const invalid: { name: string; message: string }[] = [];
    let startKey: Item | undefined;
    do {
      const page = await this.#send('Scan', () =>
        this.#client.send(new ScanCommand({ TableName: this.#table, ...(startKey ? { ExclusiveStartKey: startKey } : {}) })),
      );
      for (const item of page.Items ?? []) {
        try {
          tenants.push(registeredTenantOf(item));
        } catch (error) {
          invalid.push({ name: item[KEY]?.S ?? '(no name)', message: errorMessage(error) });
        }
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey !== undefined);
    tenants.sort((a, b) => (a.entry.name < b.entry.name ? -1 : a.entry.name > b.entry.name ? 1 : 0));
    return { tenants, invalid };
  }

  async add(entry: TenantEntry): Promise<'added' | 'exists'> {
    try {
      await this.#send('PutItem', () =>
        this.#client.send(
          new PutItemCommand({ TableName: this.#table, Item: toItem(entry), ConditionExpression: 'attribute_not_exists(#key)', ExpressionAttributeNames: { '#key': KEY } }),
        ),
      );
      return 'added';
    } catch (error) {
      if (isConditionFailure(error)) return 'exists';
      throw error;
    }
  }

  async replace(entry: TenantEntry): Promise<'updated' | 'missing'> {
    const values = entryAttributes(entry);
    const names: Record<string, string> = { '#key': KEY };
    const assignments = ENTRY_ATTRIBUTES.map((attribute, index) => {
      names[`#a${index}`] = attribute;
      return `#a${index} = :a${index}`;
    });
    try {
      await this.#send('UpdateItem', () =>
        this.#client.send(
          new UpdateItemCommand({
            TableName: this.#table,
            Key: keyOf(entry.name),
            UpdateExpression: `SET ${assignments.join(', ')}`,
            ConditionExpression: 'attribute_exists(#key)',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: Object.fromEntries(ENTRY_ATTRIBUTES.map((attribute, index) => [`:a${index}`, values[attribute]])),
          }),
        ),
      );
      return 'updated';
    } catch (error) {
      if (isConditionFailure(error)) return 'missing';
      throw error;
    }
  }

  async remove(name: string, now: Date): Promise<'removed' | 'missing' | { leasedBy: string; until: Date }> {
    try {
      await this.#send('DeleteItem', () =>
        this.#client.send(
          new DeleteItemCommand({
            TableName: this.#table,
            Key: keyOf(name),
            // Expired as a taker judges it: the holder's clock may lag ours by the allowance.
            ConditionExpression: 'attribute_exists(#key) AND (attribute_not_exists(leaseExpiresAt) OR leaseExpiresAt < :expiredBefore)',
            ExpressionAttributeNames: { '#key': KEY },
            ExpressionAttributeValues: { ':expiredBefore': { N: String(now.getTime() - LEASE_CLOCK_SKEW_MS) } },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          }),
        ),
      );
      return 'removed';
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const kept = error.Item;
      if (kept === undefined) return 'missing';
      return { leasedBy: kept.leaseHolder?.S ?? 'another run', until: new Date(Number(kept.leaseExpiresAt?.N ?? 0)) };
    }
  }

  #send<T>(operation: string, call: () => Promise<T>): Promise<T> {
    return call().catch((error: unknown) => {
      throw isConditionFailure(error) ? error : dynamoDbError(error, this.#table, operation);
    });
  }
}
