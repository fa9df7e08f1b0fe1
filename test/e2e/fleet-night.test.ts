import { DynamoDBClient, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { GetSubscriptionAttributesCommand, ListSubscriptionsByTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoDbTenantLeases } from '../../lambdas/adapters/tenants/dynamodb-tenant-leases.js';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { startLocalFleet, type LocalTenant } from '../support/local-fleet.js';
import { motoClientConfig, startMoto, type MotoServer } from '../support/moto-server.js';

/*
 * The night as Step Functions runs it, executed locally: the deployed definition, its tasks bound
 * to the project's own fleet and janitor handlers, the registry in moto, one ISC sandbox per tenant.
 */

const NOW = new Date('2026-12-01T02:05:00Z');
const TICK = new Date('2026-12-01T02:00:03Z');
/** Enforce, with a guard wide enough for the seeded tenant's first cleanup. */
const POLICY = { mode: 'enforce', limits: { maxActions: 50, maxFraction: 0.6 } };

let moto: MotoServer;
const sandboxes: Sandbox[] = [];

beforeAll(async () => {
  moto = await startMoto();
});
afterAll(() => moto?.stop());
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((sandbox) => sandbox.close()));
});

/** `names` as sandbox tenants due at 02:00 UTC (a seeded tenant of 20 clients each). */
async function sandboxTenants(names: readonly string[], fields: Partial<LocalTenant['entry']> = {}): Promise<{ tenants: LocalTenant[]; sandbox: Record<string, Sandbox> }> {
  const sandbox: Record<string, Sandbox> = {};
  const tenants: LocalTenant[] = [];
  for (const name of names) {
    const sb = await startSandbox({ now: () => NOW, seed: { count: 20, seed: 7, now: NOW }, rateLimit: false });
    sandboxes.push(sb);
    sandbox[name] = sb;
    tenants.push({ entry: { name, localTime: '02:00', timeZone: 'UTC', ...fields }, iscUrl: sb.url, credentials: sb.credentials });
  }
  return { tenants, sandbox };
}

/** Counts janitor invocations per tenant. */
function runCounter() {
  const runs: Record<string, number> = {};
  return { runs, onRun: (tenant: string, phase: 'start' | 'end') => void (phase === 'start' && (runs[tenant] = (runs[tenant] ?? 0) + 1)) };
}

describe('the nightly state machine, executed locally', () => {
  it('retries a tenant that throws, then reports it failed while the others finish', async () => {
    const { tenants, sandbox } = await sandboxTenants(['alpha', 'beta', 'gamma']);
    // beta's ISC answers every list with a 503: the client's own retries, then the state machine's.
    sandbox.beta!.faults.setErrorRate('list', 1);
    const counter = runCounter();
    const fleet = await startLocalFleet({ moto, tenants, basePolicy: POLICY, clock: () => NOW, onRun: counter.onRun });

    const outcome = await fleet.tick('tick-1', TICK);

    expect(outcome).toMatchObject({
      run: 3,
      ok: 2,
      failed: 1,
      blocked: 0,
      tenants: { ok: ['alpha', 'gamma'], failed: [{ tenant: 'beta', reason: 'IscApiError' }], blocked: [] },
    });
    expect(counter.runs).toEqual({ alpha: 1, beta: 3, gamma: 1 });
    expect(sandbox.alpha!.mutatingRequests().length).toBeGreaterThan(0);
    expect(sandbox.beta!.mutatingRequests()).toEqual([]);
  });

  it('skips a tenant already run today, and runs it again the next night', async () => {
    const { tenants } = await sandboxTenants(['alpha', 'beta']);
    const counter = runCounter();
    const fleet = await startLocalFleet({ moto, tenants, basePolicy: POLICY, clock: () => NOW, onRun: counter.onRun });

    expect((await fleet.tick('tick-1', TICK)).run).toBe(2);
    const again = await fleet.tick('tick-2', new Date(TICK.getTime() + 15 * 60_000));
    const nextNight = await fleet.tick('tick-3', new Date(TICK.getTime() + 24 * 3_600_000));

    expect(again).toMatchObject({ run: 0, passed: { 'already-ran': 2 } });
    expect(nextNight).toMatchObject({ run: 2, ok: 2 });
    expect(counter.runs).toEqual({ alpha: 2, beta: 2 });
  });

  it('runs each tenant once when two ticks overlap', async () => {
    const { tenants } = await sandboxTenants(['alpha', 'beta', 'gamma', 'delta']);
    const counter = runCounter();
    const fleet = await startLocalFleet({ moto, tenants, basePolicy: POLICY, clock: () => NOW, onRun: counter.onRun });

    const [first, second] = await Promise.all([fleet.tick('tick-1', TICK), fleet.tick('tick-1b', new Date(TICK.getTime() + 1_000))]);

    expect(first!.run + second!.run).toBe(4);
    expect([...first!.tenants.ok, ...second!.tenants.ok].sort()).toEqual(['alpha', 'beta', 'delta', 'gamma']);
    // Each tenant the other tick claimed first was passed by, seen either mid-claim or already claimed.
    const passedBy = (tick: typeof first) => tick!.passed['claimed-elsewhere']! + tick!.passed['already-ran']!;
    expect(passedBy(first) + passedBy(second)).toBe(4);
    expect(counter.runs).toEqual({ alpha: 1, beta: 1, gamma: 1, delta: 1 });
  });

  it('gives a tick retried after claiming its tenants back, so none is lost for the day', async () => {
    const { tenants } = await sandboxTenants(['alpha', 'beta']);
    const counter = runCounter();
    const fleet = await startLocalFleet({ moto, tenants, basePolicy: POLICY, clock: () => NOW, onRun: counter.onRun });
    const leases = new DynamoDbTenantLeases({ client: new DynamoDBClient(motoClientConfig(moto)), tableName: fleet.table });
    // The first attempt of tick-1 claimed alpha, then failed; tick-0 claimed beta and ran it.
    await leases.claim('alpha', '2026-12-01', 'arn:aws:states:us-east-1:123456789012:execution:Fleet:tick-1');
    await leases.claim('beta', '2026-12-01', 'arn:aws:states:us-east-1:123456789012:execution:Fleet:tick-0');

    expect(await fleet.tick('tick-1', TICK)).toMatchObject({ run: 1, tenants: { ok: ['alpha'] }, passed: { 'already-ran': 1 } });
    expect(counter.runs).toEqual({ alpha: 1 });
  });

  it('defers a tenant whose run is refused by the lease, giving its day back so a later tick runs it, and reports one the registry cannot read as invalid', async () => {
    const { tenants } = await sandboxTenants(['alpha', 'beta']);
    const fleet = await startLocalFleet({ moto, tenants, basePolicy: POLICY, clock: () => NOW });
    const dynamodb = new DynamoDBClient(motoClientConfig(moto));
    const leases = new DynamoDbTenantLeases({ client: dynamodb, tableName: fleet.table });
    const cli = await leases.acquire('beta', { holder: 'cli jane@laptop', now: NOW, ttlMs: 3_600_000 });
    await dynamodb.send(new PutItemCommand({ TableName: fleet.table, Item: { tenant: { S: 'broken' }, timeZone: { S: 'Mars/Base' } } }));

    const outcome = await fleet.tick('tick-1', TICK);
    if (cli.acquired) await leases.release(cli.lease);
    const later = await fleet.tick('tick-2', new Date(TICK.getTime() + 15 * 60_000));

    expect(outcome).toMatchObject({ run: 1, ok: 1, deferred: 1, invalid: ['broken'] });
    expect(outcome.tenants.deferred).toEqual([{ tenant: 'beta', reason: expect.stringContaining('already being run by cli jane@laptop') }]);
    expect(later).toMatchObject({ run: 1, ok: 1, tenants: { ok: ['beta'] }, passed: { 'already-ran': 1 } });
  });

  it('subscribes the report emails of an entry edited outside the CLI on its next tick, one filtered subscription per address', async () => {
    const { tenants } = await sandboxTenants(['alpha']);
    const fleet = await startLocalFleet({ moto, tenants, basePolicy: POLICY, clock: () => NOW });
    const dynamodb = new DynamoDBClient(motoClientConfig(moto));
    await dynamodb.send(
      new UpdateItemCommand({
        TableName: fleet.table,
        Key: { tenant: { S: 'alpha' } },
        UpdateExpression: 'SET reportEmails = :emails',
        ExpressionAttributeValues: { ':emails': { L: [{ S: 'ops@example.com' }] } },
      }),
    );

    await fleet.tick('tick-1', TICK);

    const sns = new SNSClient(motoClientConfig(moto));
    const [subscription, ...others] = (await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: fleet.topicArn }))).Subscriptions ?? [];
    expect(others).toEqual([]);
    expect(subscription).toMatchObject({ Endpoint: 'ops@example.com', Protocol: 'email' });
    const { Attributes } = await sns.send(new GetSubscriptionAttributesCommand({ SubscriptionArn: subscription!.SubscriptionArn }));
    expect(JSON.parse(Attributes!.FilterPolicy!)).toEqual({ tenant: ['alpha'] });
  });

  it('runs a tenant in its own time zone, and a paused one never', async () => {
    const berlin = await sandboxTenants(['berlin'], { timeZone: 'Europe/Berlin', localTime: '03:00' });
    const paused = await sandboxTenants(['paused'], { enabled: false });
    const fleet = await startLocalFleet({ moto, tenants: [...berlin.tenants, ...paused.tenants], basePolicy: POLICY, clock: () => NOW });

    // 02:00 UTC is 03:00 in Berlin in December.
    expect(await fleet.tick('tick-1', TICK)).toMatchObject({ run: 1, tenants: { ok: ['berlin'] }, passed: { paused: 1 } });
  });
});
