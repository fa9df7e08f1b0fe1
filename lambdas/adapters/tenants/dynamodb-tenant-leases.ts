import { randomUUID } from 'node:crypto';
import { UpdateItemCommand, type AttributeValue, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { LEASE_CLOCK_SKEW_MS, type LeaseAttempt, type LeaseRequest, type RunDayClaims, type TenantLease, type TenantLeases } from '../../core/ports.js';
import { isConditionFailure } from './condition-failure.js';
import { dynamoDbError } from './dynamodb-error.js';
import { KEY, keyOf, type Item } from './tenant-item.js';

/** The lease is still the one this run took: nobody released it, nor took it over since. */
const HELD_BY_THIS_LEASE = 'leaseToken = :token AND leaseFence = :fence';

export interface DynamoDbTenantLeasesOptions {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  /** @default randomUUID: tests fix it */
  readonly newToken?: () => string;
}

/**
 * The run state on each tenant's registry item, written only with conditions: the lease (one
 * run per tenant at a time, expiring so a crashed run cannot block the tenant for good, fenced
 * by a counter of takes so a run that lost it finds out before its next action) and the
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
      const taken = await this.#update('UpdateItem', {
        Key: keyOf(tenant),
        // The fence survives releases: a counter of takes, so every take gets a larger one.
        UpdateExpression: 'SET leaseHolder = :holder, leaseToken = :token, leaseExpiresAt = :expires ADD leaseFence :one',
        ConditionExpression: 'attribute_exists(#key) AND (attribute_not_exists(leaseExpiresAt) OR leaseExpiresAt < :expiredBefore)',
        ExpressionAttributeNames: { '#key': KEY },
        ExpressionAttributeValues: {
          ':holder': { S: request.holder },
          ':token': { S: token },
          ':expires': { N: String(expiresAt.getTime()) },
          ':one': { N: '1' },
          // The holder's expiry is in its clock: ours may run ahead of it by up to the allowance.
          ':expiredBefore': { N: String(request.now.getTime() - LEASE_CLOCK_SKEW_MS) },
        },
        ReturnValues: 'UPDATED_NEW',
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      });
      return { acquired: true, lease: { tenant, holder: request.holder, token, fence: Number(taken?.leaseFence?.N ?? 1), expiresAt } };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const kept = error.Item;
      if (kept === undefined) return { acquired: false, reason: 'not-registered' };
      return { acquired: false, reason: 'held', heldBy: kept.leaseHolder?.S ?? 'another run', until: new Date(Number(kept.leaseExpiresAt?.N ?? 0)) };
    }
  }

  async renew(lease: TenantLease, request: Omit<LeaseRequest, 'holder'>): Promise<TenantLease | 'lost'> {
    const expiresAt = new Date(request.now.getTime() + request.ttlMs);
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(lease.tenant),
        UpdateExpression: 'SET leaseExpiresAt = :expires',
        ConditionExpression: HELD_BY_THIS_LEASE,
        ExpressionAttributeValues: { ...this.#fenceValues(lease), ':expires': { N: String(expiresAt.getTime()) } },
      });
      return { ...lease, expiresAt };
    } catch (error) {
      if (isConditionFailure(error)) return 'lost';
      throw error;
    }
  }

  async checkLease(lease: TenantLease, now: Date): Promise<boolean> {
    try {
      // A write that changes nothing: conditional writes on one item are serialized with every
      // take, so a success means no takeover happened before it (a read could be stale).
      await this.#update('UpdateItem', {
        Key: keyOf(lease.tenant),
        UpdateExpression: 'SET leaseFence = :fence',
        ConditionExpression: `${HELD_BY_THIS_LEASE} AND leaseExpiresAt > :now`,
        ExpressionAttributeValues: { ...this.#fenceValues(lease), ':now': { N: String(now.getTime()) } },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async release(lease: TenantLease): Promise<void> {
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(lease.tenant),
        UpdateExpression: 'REMOVE leaseHolder, leaseToken, leaseExpiresAt',
        ConditionExpression: HELD_BY_THIS_LEASE,
        ExpressionAttributeValues: this.#fenceValues(lease),
      });
    } catch (error) {
      // Expired and taken by another run, or the tenant was removed: not ours to release.
      if (!isConditionFailure(error)) throw error;
    }
  }

  #fenceValues(lease: TenantLease): Record<string, AttributeValue> {
    return { ':token': { S: lease.token }, ':fence': { N: String(lease.fence) } };
  }

  async claim(tenant: string, runDay: string, claimant: string): Promise<boolean> {
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(tenant),
        UpdateExpression: 'SET lastRunDay = :day, lastRunClaimant = :claimant',
        // `<` on YYYY-MM-DD is date order: a late tick for an earlier day can never undo a later claim.
        // No `enabled` here: the fleet's role may name only the claim's attributes (a condition names
        // them too); the pick passes paused tenants by, and the janitor refuses one paused since.
        ConditionExpression:
          'attribute_exists(#key) AND (attribute_not_exists(lastRunDay) OR lastRunDay < :day OR (lastRunDay = :day AND lastRunClaimant = :claimant))',
        ExpressionAttributeNames: { '#key': KEY },
        ExpressionAttributeValues: { ':day': { S: runDay }, ':claimant': { S: claimant } },
      });
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  async unclaim(tenant: string, runDay: string, claimant: string): Promise<void> {
    try {
      await this.#update('UpdateItem', {
        Key: keyOf(tenant),
        UpdateExpression: 'REMOVE lastRunDay, lastRunClaimant',
        ConditionExpression: 'lastRunDay = :day AND lastRunClaimant = :claimant',
        ExpressionAttributeValues: { ':day': { S: runDay }, ':claimant': { S: claimant } },
      });
    } catch (error) {
      // Claimed by another tick since, or the tenant was removed: nothing of ours to give back.
      if (!isConditionFailure(error)) throw error;
    }
  }

  async #update(operation: string, input: Omit<ConstructorParameters<typeof UpdateItemCommand>[0], 'TableName'>): Promise<Item | undefined> {
    try {
      return (await this.#client.send(new UpdateItemCommand({ TableName: this.#table, ...input }))).Attributes;
    } catch (error) {
      throw isConditionFailure(error) ? error : dynamoDbError(error, this.#table, operation);
    }
  }
}
