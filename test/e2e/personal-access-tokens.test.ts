import { chmod, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { CreateTopicCommand, SNSClient } from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../lambdas/core/dates.js';
import { NOW } from '../core/make-client.js';
import { cli, policyFile, reportFile, scratchDir, startTenant } from './cli-harness.js';
import { DUE_PATS, PAT_IDS, PAT_POLICY, tenantPats } from './tenant-pats.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';

/**
 * The CLI governs personal access tokens over two nights against the sandbox, the evidence
 * archive in a folder: the first night announces (its report published to SNS on moto, so it
 * reached people), the second (warnDays later) deletes.
 */
const NIGHT_2 = new Date(NOW.getTime() + 14 * DAY_MS);

let moto: MotoServer;
let topicArn: string;
beforeAll(async () => {
  moto = await startMoto();
  const topic = await new SNSClient(motoClientConfig(moto)).send(new CreateTopicCommand({ Name: uniqueName('reports') }));
  topicArn = topic.TopicArn!;
});
afterAll(async () => {
  await moto?.stop();
});
const aws = () => ({ aws: motoClientConfig(moto) });

async function twoNightTenant() {
  let now = NOW;
  const tenant = await startTenant({ clients: [], pats: tenantPats(), now: () => now });
  const archive = join(await scratchDir(), 'evidence');
  const policy = await policyFile({ mode: 'enforce', ...PAT_POLICY });
  return { ...tenant, archive, policy, setNow: (date: Date) => (now = date) };
}

const deletedTokens = (requests: readonly { method: string; path: string }[]) =>
  requests.filter((r) => r.method === 'DELETE').map((r) => r.path.split('/').pop()).sort();

describe('janitor run with personal access tokens', () => {
  it('announces on the first night, deletes on the second, and the text report groups tokens by owner', async () => {
    const { sandbox, env, archive, policy, setNow } = await twoNightTenant();
    const first = await reportFile();

    const night1 = await cli(['run', '--policy', policy, '--archive-dir', archive, '--json', first.path, '--topic-arn', topicArn], env, { now: NOW, ...aws() });
    expect(night1.code, night1.stderr).toBe(0);
    // SNS took the report: the delivery is recorded beside it, which makes its announcements count.
    expect((await readdir(join(archive, 'delivered'), { recursive: true })).filter((name) => name.endsWith('.json'))).toHaveLength(1);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
    const announced = (await first.read()).upcoming.filter((item) => item.credential === 'personal-access-token');
    expect(announced.map((item) => item.clientId).sort()).toEqual(DUE_PATS);
    expect(night1.stdout).toContain('\nPersonal access tokens\n');
    expect(night1.stdout).toMatch(/\n {4}Grace Hopper \(e2e0+64ac\)\n {6}will be deleted on \d{4}-\d{2}-\d{2} {2}quarterly report \(e2ep0+2\)\n/);

    setNow(NIGHT_2);
    const second = await reportFile();
    const night2 = await cli(['run', '--policy', policy, '--archive-dir', archive, '--json', second.path], env, { now: NIGHT_2 });
    expect(night2.code).toBe(0);
    expect(deletedTokens(sandbox.mutatingPatRequests())).toEqual(DUE_PATS);
    expect((await second.read()).pats?.counts).toMatchObject({ deleted: 3, upcoming: 0 });
    expect(night2.stdout).toContain('\nPersonal access tokens\n  Tokens in the tenant before the run: 15 (1 managed by ISC)\n  Tokens in the tenant after the run: 12\n  Due for deletion (unused past the limit): 3\n  Deleted: 3\n');
    expect(sandbox.pats.has(PAT_IDS.workflow)).toBe(true);
  });

  it('plans on the second night without deleting anything', async () => {
    const { sandbox, env, archive, policy, setNow } = await twoNightTenant();
    await cli(['run', '--policy', policy, '--archive-dir', archive, '--topic-arn', topicArn], env, { now: NOW, ...aws() });
    setNow(NIGHT_2);
    const json = await reportFile();

    const plan = await cli(['plan', '--policy', policy, '--archive-dir', archive, '--json', json.path], env, { now: NIGHT_2 });

    expect(plan.code).toBe(0);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
    const report = await json.read();
    expect(report.mode).toBe('report');
    expect(report.actions.filter((a) => a.credential === 'personal-access-token').map((a) => `${a.clientId} ${a.outcome}`)).toEqual(DUE_PATS.map((id) => `${id} planned`));
    expect(plan.stdout).toContain('  Would delete: 3\n');
  });

  it('without --archive-dir announces night after night and never deletes, saying why', async () => {
    const { sandbox, env, policy, setNow } = await twoNightTenant();
    await cli(['run', '--policy', policy], env, { now: NOW });
    setNow(NIGHT_2);
    const json = await reportFile();
    const night2 = await cli(['run', '--policy', policy, '--json', json.path], env, { now: NIGHT_2 });

    expect(night2.code).toBe(0);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
    expect((await json.read()).warnings).toContain(
      'personal access tokens: no report archive is configured, so no earlier announcement can be proven; tokens due for deletion are announced and none is deleted',
    );
  });
});

describe('announcements that reached nobody do not count', () => {
  it('a plan, even one published to SNS, announces nothing: the second night deletes no token', async () => {
    const { sandbox, env, archive, policy, setNow } = await twoNightTenant();
    const plan = await cli(['plan', '--policy', policy, '--archive-dir', archive, '--topic-arn', topicArn], env, { now: NOW, ...aws() });
    expect(plan.code).toBe(0);
    expect(await readdir(archive)).not.toContain('delivered');

    setNow(NIGHT_2);
    const night2 = await cli(['run', '--policy', policy, '--archive-dir', archive], env, { now: NIGHT_2 });
    expect(night2.code).toBe(0);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
  });

  it('a run printed only on the terminal announces nothing', async () => {
    const { sandbox, env, archive, policy, setNow } = await twoNightTenant();
    await cli(['run', '--policy', policy, '--archive-dir', archive], env, { now: NOW });
    setNow(NIGHT_2);
    await cli(['run', '--policy', policy, '--archive-dir', archive], env, { now: NIGHT_2 });
    expect(sandbox.mutatingPatRequests()).toEqual([]);
  });

  it('an archive folder others may write to proves nothing: a warning names it, no token is deleted, the report still lands there', async () => {
    const { sandbox, env, archive, policy, setNow } = await twoNightTenant();
    await cli(['run', '--policy', policy, '--archive-dir', archive, '--topic-arn', topicArn], env, { now: NOW, ...aws() });
    await chmod(archive, 0o777);
    setNow(NIGHT_2);
    const json = await reportFile();
    const night2 = await cli(['run', '--policy', policy, '--archive-dir', archive, '--json', json.path], env, { now: NIGHT_2 });

    expect(night2.code).toBe(0);
    expect(sandbox.mutatingPatRequests()).toEqual([]);
    expect(night2.stderr).toContain(`[warning] --archive-dir ${archive}: ${archive} is writable by group or others (mode 777), so no announcement in it counts`);
    const report = await json.read();
    expect(report.warnings).toContain(
      `personal access tokens: the report archive cannot prove earlier announcements (${archive} is writable by group or others (mode 777)); no token is deleted in this run`,
    );
    expect(report.archive).toMatchObject({ status: 'written' });
  });

  it('a new archive folder is created private (0700)', async () => {
    const { env, archive, policy } = await twoNightTenant();
    await cli(['plan', '--policy', policy, '--archive-dir', archive], env, { now: NOW });
    const { stat } = await import('node:fs/promises');
    expect((await stat(archive)).mode & 0o777).toBe(0o700);
  });
});
