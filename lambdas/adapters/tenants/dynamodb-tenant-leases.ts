import { randomUUID } from 'node:crypto';
import { UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { LeaseAttempt, LeaseRequest, RunDayClaims, TenantLease, TenantLeases } from '../../core/ports.js';
import { isConditionFailure } from './condition-failure.js';
import { dynamoDbError } from './dynamodb-error.js';
import { KEY, keyOf } from './tenant-item.js';

export interface DynamoDbTenantLeasesOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** @default randomUUID: tests fix it */
  readonly newToken?: () => string;
}

/**
 * The run state on each tenant's registry item, written only with conditions: the lease (one
 * run per tenant at a time, expiring so a crashed run cannot block the tenant for good) and the
 * nightly run's day claim (one nightly run per tenant and local day, however often the tick
 * repeats). Both conditions also require the item to exist, so a removed tenant is never run.
 */
export class DynamoDbTenantLeases implements TenantLeases, RunDayClaims {
  readonly #client: DynamoDBClient;
  readonly #table: string;
  readonly #newToken: () => string;

  constructor(options: DynamoDbTenantLeasesOptions) {
    this.#client = options.client;
    this.#table = options.tableName;
    this.#newToken = options.newToken ?? randomUUID;
  }

  async acquire(tenant: string, request: LeaseRequest): Promise<LeaseAttempt> {
    const token = this.#newToken();
    const expiresAt = new Date(request.now.getTime() + request.ttlMs);
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(tenant),
        UpdateExpression: 'SET leaseHolder = :holder, leaseToken = :token, leaseExpiresAt = :expires',
        ConditionExpression: 'attribute_exists(#key) AND (attribute_not_exists(leaseExpiresAt) OR leaseExpiresAt < :now)',
        ExpressionAttributeNames: { '#key': KEY },
        ExpressionAttributeValues: {
          ':holder': { S: request.holder },
          ':token': { S: token },
          ':expires': { N: String(expiresAt.getTime()) },
          ':now': { N: String(request.now.getTime()) },
        },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      return { acquired: true, lease: { tenant, holder: request.holder, token, expiresAt } };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const kept = error.Item;
      if (kept === undefined) return { acquired: false, reason: 'not-registered' };
      return { acquired: false, reason: 'held', heldBy: kept.leaseHolder?.S ?? 'another run', until: new Date(Number(kept.leaseExpiresAt?.N ?? 0)) };
    }
  }

  async release(lease: TenantLease): Promise<void> {
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(lease.tenant),
        UpdateExpression: 'REMOVE leaseHolder, leaseToken, leaseExpiresAt',
        ConditionExpression: 'leaseToken = :token',
        ExpressionAttributeValues: { ':token': { S: lease.token } },
      });
    } catch (error) {
      // Expired and taken by another run, or the tenant was removed: not ours to release.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async claim(tenant: string, runDay: string, claimant: string): Promise<boolean> {
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(tenant),
        UpdateExpression: 'SET lastRunDay = :day, lastRunClaimant = :claimant',
        // `<` on YYYY-MM-DD is date order: a late tick for an earlier day can never undo a later claim.
        ConditionExpression:
          'attribute_exists(#key) AND enabled = :enabled AND (attribute_not_exists(lastRunDay) OR lastRunDay < :day OR (lastRunDay = :day AND lastRunClaimant = :claimant))',
        ExpressionAttributeNames: { '#key': KEY },
        ExpressionAttributeValues: { ':day': { S: runDay }, ':enabled': { BOOL: true }, ':claimant': { S: claimant } },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async #update(operation: string, input: Omit<ConstructorParameters<typeof UpdateItemCommand>[0], 'TableName'>): Promise<void> {
    try {
      await this.#client.send(new UpdateItemCommand({ TableName: this.#table, ...input }));
    } catch (error) {
      throw isConditionFailure(error) ? error : dynamoDbError(error, this.#table, operation);
    }
  }
}
