import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** The DynamoDB calls each user of the registry makes (see lambdas/adapters/tenants). */
export type RegistryAccess = 'run' | 'pick' | 'read';
const ACTIONS: Record<RegistryAccess, readonly string[]> = {
  // The janitor reads its tenant's entry and takes and releases the lease.
  run: ['dynamodb:GetItem', 'dynamodb:UpdateItem'],
  // The fleet function scans for due tenants and claims their day.
  pick: ['dynamodb:Scan', 'dynamodb:UpdateItem'],
  // A reader of the TenantRegistryReader port (get, list) that writes nothing, such as the rotation function.
  read: ['dynamodb:GetItem', 'dynamodb:Scan'],
};

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
    grantee.grantPrincipal.addToPrincipalPolicy(new PolicyStatement({ actions: [...ACTIONS[access]], resources: [this.table.tableArn] }));
    // DynamoDB uses the key as the caller: the key actions AWS documents for a table's customer
    // key, spelled out (no wildcards) so the grant reads as what it allows.
    this.key.grant(grantee, ...(access === 'read' ? READ_KEY_ACTIONS : KEY_ACTIONS));
  }
}
