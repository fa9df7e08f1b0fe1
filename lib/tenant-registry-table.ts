import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { CLAIM_ATTRIBUTES, KEY, LEASE_ATTRIBUTES } from '../lambdas/adapters/tenants/tenant-item.js';

/** The DynamoDB calls each user of the registry makes (see lambdas/adapters/tenants). */
export type RegistryAccess = 'run' | 'pick' | 'read';
const READS: Record<RegistryAccess, readonly string[]> = {
  // The janitor reads its tenant's entry.
  run: ['dynamodb:GetItem'],
  // The fleet function scans for due tenants.
  pick: ['dynamodb:Scan'],
  // A reader of the TenantRegistryReader port (get, list) that writes nothing, such as the rotation function.
  read: ['dynamodb:GetItem', 'dynamodb:Scan'],
};

/**
 * The attributes each user may write (UpdateItem), beside the key: the janitor its lease, the fleet
 * function its day claim. Neither may rewrite a tenant's policy, credentials secret, schedule or
 * enabled flag; only a person (the CLI, with their own credentials) edits entries.
 */
export const REGISTRY_WRITES: Readonly<Record<RegistryAccess, readonly string[]>> = {
  run: [KEY, ...LEASE_ATTRIBUTES],
  pick: [KEY, ...CLAIM_ATTRIBUTES],
  read: [],
};

/**
 * UpdateItem may also return attributes: the item as it was or is (ALL_OLD, ALL_NEW) would hand
 * back the attributes the role may not touch, so only the written ones may come back.
 */
export const WRITE_RETURN_VALUES = ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] as const;

const KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;
const READ_KEY_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'] as const;

/**
 * The tenant registry: one item per tenant (the entry and the state runs keep beside it). On
 * demand, so 0 or 1,000 tenants cost what they use; point-in-time recovery, because the registry
 * is the only copy of what is deployed where; a customer-managed key; kept when the stack is
 * deleted, since removing the janitor must not lose the list of tenants it governed.
 */
export class TenantRegistryTable extends Construct {
  readonly table: Table;
  readonly key: Key;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: 'isc-oauth-janitor: encrypts the tenant registry',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Table, not TableV2: TableV2 cannot use a customer key in a region-agnostic stack.
    this.table = new Table(this, 'Table', {
      partitionKey: { name: 'tenant', type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: this.key,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /** Exactly the calls `access` makes, and the key DynamoDB uses on the caller's behalf for them. */
  grant(grantee: IGrantable, access: RegistryAccess): void {
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...READS[access]], resources: [this.table.tableArn] }));
    const writes = REGISTRY_WRITES[access];
    if (writes.length > 0) {
      grantee.grantPrincipal.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['dynamodb:UpdateItem'],
          resources: [this.table.tableArn],
          conditions: {
            // Every attribute the request names (in its update and its condition) is one of these.
            'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...writes] },
            StringEqualsIfExists: { 'dynamodb:ReturnValues': [...WRITE_RETURN_VALUES] },
          },
        }),
      );
    }
    // DynamoDB uses the key as the caller: the key actions AWS documents for a table's customer
    // key, spelled out (no wildcards) so the grant reads as what it allows.
    this.key.grant(grantee, ...(access === 'read' ? READ_KEY_ACTIONS : KEY_ACTIONS));
  }
}
