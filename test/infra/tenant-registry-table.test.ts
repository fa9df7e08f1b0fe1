import { App, Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { TenantRegistryTable, type RegistryAccess } from '../../lib/tenant-registry-table.js';

const logicalId = (construct: IConstruct) => Stack.of(construct).getLogicalId(construct.node.defaultChild as CfnElement);

function statementsFor(access: RegistryAccess): unknown[] {
  const stack = new Stack(new App(), 'Registry');
  const registry = new TenantRegistryTable(stack, 'Registry');
  const role = new Role(stack, 'Reader', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  registry.grant(role, access);
  const [policy] = Object.values(Template.fromStack(stack).findResources('AWS::IAM::Policy')) as { Properties: { PolicyDocument: { Statement: unknown[] } } }[];
  const table = { 'Fn::GetAtt': [logicalId(registry.table), 'Arn'] };
  const key = { 'Fn::GetAtt': [logicalId(registry.key), 'Arn'] };
  return JSON.parse(JSON.stringify(policy!.Properties.PolicyDocument.Statement).replaceAll(JSON.stringify(table), '"TABLE"').replaceAll(JSON.stringify(key), '"KEY"')) as unknown[];
}

describe('TenantRegistryTable.grant', () => {
  it('lets a reader of the registry get and scan, and only decrypt', () => {
    expect(statementsFor('read')).toEqual([
      { Action: ['dynamodb:GetItem', 'dynamodb:Scan'], Effect: 'Allow', Resource: 'TABLE' },
      { Action: ['kms:Decrypt', 'kms:DescribeKey'], Effect: 'Allow', Resource: 'KEY' },
    ]);
  });

  it('lets a run read its entry and write its lease, and nothing else', () => {
    expect(statementsFor('run').slice(0, 2)).toEqual([
      { Action: 'dynamodb:GetItem', Effect: 'Allow', Resource: 'TABLE' },
      {
        Action: 'dynamodb:UpdateItem',
        Effect: 'Allow',
        Resource: 'TABLE',
        Condition: {
          'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['tenant', 'leaseHolder', 'leaseToken', 'leaseExpiresAt', 'leaseFence'] },
          StringEqualsIfExists: { 'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'] },
        },
      },
    ]);
  });

  it('lets the fleet function scan and write the day claim, and nothing else', () => {
    expect(statementsFor('pick').slice(0, 2)).toEqual([
      { Action: 'dynamodb:Scan', Effect: 'Allow', Resource: 'TABLE' },
      expect.objectContaining({
        Action: 'dynamodb:UpdateItem',
        Condition: expect.objectContaining({ 'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['tenant', 'lastRunDay', 'lastRunClaimant'] } }),
      }),
    ]);
  });
});
