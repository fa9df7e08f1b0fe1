import { DynamoDBClient, UpdateItemCommand, type UpdateItemCommandInput } from '@aws-sdk/client-dynamodb';
import { Stack } from 'aws-cdk-lib';
import type { CfnElement } from 'aws-cdk-lib';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { REGISTRY_WRITES, WRITE_RETURN_VALUES } from '../../lib/tenant-registry-table.js';
import { buildStack } from './build-janitor-stack.js';

/*
 * The janitor and the fleet function may write the registry only where their runs keep state: the
 * janitor its lease, the fleet function its day claim. The stack says so with dynamodb:Attributes on
 * every write it grants, and the code names no other attribute in any write it sends (a request
 * naming one would be refused in AWS, and the night with it).
 */

type Statement = { Effect: string; Action: unknown; Resource: unknown; Condition?: Record<string, Record<string, unknown>> };
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : [value]);
const WRITE_ACTIONS = ['dynamodb:UpdateItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem', 'dynamodb:*'];

describe('the registry writes the stack grants', () => {
  const built = buildStack();
  const table = Stack.of(built.stack).getLogicalId(built.stack.registry.table.node.defaultChild as CfnElement);
  const policies = Object.values(built.template.findResources('AWS::IAM::Policy')) as { Properties: { Roles: unknown[]; PolicyDocument: { Statement: Statement[] } } }[];
  const onTable = (statement: Statement) => list(statement.Resource).some((resource) => JSON.stringify(resource).includes(`"${table}"`));
  const writesOf = (role: { node: { defaultChild?: unknown } }) => {
    const id = Stack.of(built.stack).getLogicalId(role.node.defaultChild as CfnElement);
    return policies
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${id}"`))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement)
      .filter((statement) => onTable(statement) && list(statement.Action).some((action) => WRITE_ACTIONS.includes(action as string)));
  };

  it.each([
    ['janitor', () => built.stack.janitor.role, REGISTRY_WRITES.run],
    ['fleet function', () => built.stack.fleetFunction.role, REGISTRY_WRITES.pick],
  ])('lets the %s update only its own attributes, and return no others', (_, role, attributes) => {
    const writes = writesOf(role());
    expect(writes).toHaveLength(1);
    expect(list(writes[0]!.Action)).toEqual(['dynamodb:UpdateItem']);
    expect(writes[0]!.Condition).toEqual({
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...attributes] },
      StringEqualsIfExists: { 'dynamodb:ReturnValues': [...WRITE_RETURN_VALUES] },
    });
  });

  it('conditions every registry write of every role in the stack', () => {
    const all = policies.flatMap((policy) => policy.Properties.PolicyDocument.Statement).filter((s) => onTable(s) && list(s.Action).some((a) => WRITE_ACTIONS.includes(a as string)));
    expect(all.length).toBeGreaterThan(0);
    for (const statement of all) expect(statement.Condition?.['ForAllValues:StringEquals']?.['dynamodb:Attributes']).toBeDefined();
  });
});

/** The top-level attribute names an update request names, in its update and its condition. */
function attributesNamed(input: UpdateItemCommandInput): string[] {
  const names = new Set<string>(Object.keys(input.Key ?? {}));
  const keywords = new Set(['SET', 'REMOVE', 'ADD', 'DELETE', 'AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'attribute_exists', 'attribute_not_exists', 'attribute_type', 'begins_with', 'contains', 'size', 'if_not_exists', 'list_append']);
  for (const expression of [input.UpdateExpression, input.ConditionExpression]) {
    for (const token of (expression ?? '').match(/(?<![:\w#])#?[A-Za-z_]\w*/g) ?? []) {
      if (keywords.has(token)) continue;
      names.add(token.startsWith('#') ? input.ExpressionAttributeNames![token]! : token);
    }
  }
  return [...names];
}

describe('the registry writes the code sends', () => {
  const NOW = new Date('2026-12-01T02:00:00Z');

  async function sent(work: (leases: DynamoDbTenantLeases) => Promise<unknown>): Promise<UpdateItemCommandInput[]> {
    const client = new DynamoDBClient({ region: 'us-east-1' });
    const mock = mockClient(client);
    mock.on(UpdateItemCommand).resolves({ Attributes: { leaseFence: { N: '1' } } });
    await work(new DynamoDbTenantLeases({ client, tableName: 'registry', newToken: () => 'token' }));
    const inputs = mock.commandCalls(UpdateItemCommand).map((call) => call.args[0].input);
    mock.restore();
    return inputs;
  }

  it('names only lease attributes in what the janitor writes: take, renew, check, release', async () => {
    const inputs = await sent(async (leases) => {
      const attempt = await leases.acquire('acme', { holder: 'nightly run', now: NOW, ttlMs: 60_000 });
      if (!attempt.acquired) throw new Error('not taken');
      await leases.renew(attempt.lease, { now: NOW, ttlMs: 60_000 });
      await leases.checkLease(attempt.lease, NOW);
      await leases.release(attempt.lease);
    });

    expect(inputs).toHaveLength(4);
    for (const input of inputs) {
      expect(REGISTRY_WRITES.run).toEqual(expect.arrayContaining(attributesNamed(input)));
      expect(WRITE_RETURN_VALUES).toContain(input.ReturnValues ?? 'NONE');
    }
  });

  it('names only claim attributes in what the fleet function writes: claim and give back', async () => {
    const inputs = await sent(async (leases) => {
      await leases.claim('acme', '2026-12-01', 'tick-1');
      await leases.unclaim('acme', '2026-12-01', 'tick-1');
    });

    expect(inputs).toHaveLength(2);
    for (const input of inputs) {
      expect(REGISTRY_WRITES.pick).toEqual(expect.arrayContaining(attributesNamed(input)));
      expect(WRITE_RETURN_VALUES).toContain(input.ReturnValues ?? 'NONE');
    }
  });

  it('finds a name the role may not write, so these checks can fail', () => {
    expect(attributesNamed({ TableName: 't', Key: { tenant: { S: 'a' } }, UpdateExpression: 'SET #e = :f', ConditionExpression: 'enabled = :t', ExpressionAttributeNames: { '#e': 'policy' } })).toEqual(['tenant', 'policy', 'enabled']);
  });
});
