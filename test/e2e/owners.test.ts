import { CreateEmailIdentityCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { iscWithDoor } from '../support/isc-with-door.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIscClient } from '../../lambdas/adapters/isc/create-isc-client.js';
import { sesOwnerNotifier } from '../../lambdas/adapters/notices/ses-owner-notifier.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { renderTextReport } from '../../lambdas/core/report/render-text-report.js';
import type { OwnerNotifier } from '../../lambdas/core/ports.js';
import { apiClientEvent, identityDocument, startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { daysAgo, makeClient, NOW } from '../core/make-client.js';
import { motoClientConfig, startMoto, type MotoServer } from '../support/moto-server.js';

/**
 * A tenant whose clients were created by three people, one of whom has left: the report names
 * each owner from the audit events, marks the orphan, groups by owner, and every owner with a
 * credential due gets one notice through SES (moto) listing exactly theirs, read back from moto.
 */
const PEOPLE = [
  { id: 'a1000000000000000000000000000001', name: 'Alice Nguyen' },
  { id: 'b2000000000000000000000000000002', name: 'Bob Martinez' },
  { id: 'c3000000000000000000000000000003', name: 'Chandra Iyer' }, // has left
];
const CREATED = daysAgo(400);
const clients = [
  makeClient({ id: 'a-due-soon', name: 'alice-report-export', lastUsed: daysAgo(80), created: CREATED }), // disable in 10 days
  makeClient({ id: 'a-fresh', name: 'alice-ci', lastUsed: daysAgo(1), created: CREATED }),
  makeClient({ id: 'b-due-soon', name: 'bob-sync', lastUsed: daysAgo(85), created: CREATED }), // disable in 5 days
  makeClient({ id: 'b-stale', name: 'bob-poc', lastUsed: daysAgo(120), created: CREATED }), // disable now
  makeClient({ id: 'c-orphan', name: 'chandra-tool', lastUsed: daysAgo(40), created: CREATED }), // orphan: 30-day limit
];
const creatorOf: Record<string, number> = { 'a-due-soon': 0, 'a-fresh': 0, 'b-due-soon': 1, 'b-stale': 1, 'c-orphan': 2 };
const FROM = 'janitor@example.com';
const POLICY = parsePolicy({ limits: { maxFraction: 1 }, owners: { fromAuditEvents: true, orphanStaleDays: 30, notices: { from: FROM, daysBefore: 14 } } });

interface SentMail {
  source: string;
  subject: string;
  body: string;
  destinations: { ToAddresses?: string[] };
}

async function sentMail(moto: MotoServer): Promise<SentMail[]> {
  const data = (await (await fetch(`${moto.endpoint}/moto-api/data.json`)).json()) as { ses?: { Message?: SentMail[] } };
  return data.ses?.Message ?? [];
}

async function startTenant(scope: string[]): Promise<Sandbox> {
  return startSandbox({
    now: () => NOW,
    rateLimit: false,
    credentialsPat: { scope },
    clients,
    identityDocuments: PEOPLE.map((person, index) => identityDocument(person, index === 2 ? { inactive: true, attributes: { cloudLifecycleState: 'inactive' } } : {})),
    auditEvents: clients.map((client) => apiClientEvent('API_CLIENT_CREATED', { id: client.id, name: client.name ?? '' }, identityDocument(PEOPLE[creatorOf[client.id] ?? 0]!).name, CREATED)),
  });
}

async function run(sandbox: Sandbox, notifier: OwnerNotifier | undefined): Promise<RunReport> {
  const api = createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, retry: { attempts: 1 } });
  return runJanitor({ ...iscWithDoor(api), search: api.search, policy: POLICY, tenant: 'acme', selfClientId: sandbox.credentials.clientId, clock: () => NOW, reportId: 'owners-e2e', ...(notifier ? { notifier } : {}) });
}

describe('owners end to end (sandbox + moto SES)', () => {
  let moto: MotoServer;
  let ses: SESv2Client;
  beforeAll(async () => {
    moto = await startMoto();
    ses = new SESv2Client(motoClientConfig(moto));
    await ses.send(new CreateEmailIdentityCommand({ EmailIdentity: FROM }));
  });
  afterAll(async () => moto?.stop());

  it('names each owner from the audit events, marks the orphan, groups by owner and sends one notice per owner listing exactly theirs', async () => {
    const sandbox = await startTenant(['sp:scopes:all']);
    try {
      const report = await run(sandbox, sesOwnerNotifier(ses));
      const ownerOf = (id: string) => [...report.actions, ...report.upcoming].find((entry) => entry.clientId === id)?.owner;
      expect(ownerOf('a-due-soon')).toEqual({ id: PEOPLE[0]!.id, name: 'Alice Nguyen', email: 'alice.nguyen@example.com', source: 'audit-event', lifecycleState: 'active' });
      expect(ownerOf('b-stale')).toMatchObject({ name: 'Bob Martinez', source: 'audit-event' });
      expect(ownerOf('c-orphan')).toEqual({ id: PEOPLE[2]!.id, name: 'Chandra Iyer', email: 'chandra.iyer@example.com', source: 'audit-event', lifecycleState: 'inactive', orphaned: true });
      expect(report.actions.map((action) => [action.clientId, action.action, action.outcome]).sort()).toEqual([
        ['b-stale', 'disable', 'planned'],
        ['c-orphan', 'disable', 'planned'],
      ]);
      expect(report.inventory.orphaned).toMatchObject({ count: 1, clients: [{ id: 'c-orphan' }] });
      expect(report.warnings).toEqual([]);

      const text = renderTextReport(report);
      const section = text.slice(text.indexOf('OAuth clients by owner'));
      expect(section).toMatch(/OAuth clients by owner \(3 owners\)\n {2}Alice Nguyen <alice\.nguyen@example\.com>, created it \(audit event\), lifecycle active\n {4}will be disabled on 2026-12-03 {2}alice-report-export \(a-due-soon\)/);
      expect(section).toMatch(/ {2}Chandra Iyer <chandra\.iyer@example\.com>, created it \(audit event\), lifecycle inactive, ORPHANED: the owner is inactive or gone\n {4}would disable {2}chandra-tool \(c-orphan\)/);
      expect(text).toContain('Orphaned clients (owner inactive, terminated or gone): 1');

      const mail = await sentMail(moto);
      expect(mail.map((m) => m.destinations.ToAddresses).sort()).toEqual([['alice.nguyen@example.com'], ['bob.martinez@example.com'], ['chandra.iyer@example.com']]);
      const bodyTo = (address: string) => mail.find((m) => m.destinations.ToAddresses?.includes(address))?.body ?? '';
      const listed = (body: string) => [...body.matchAll(/\(([a-z]-[a-z-]+)\): to be/g)].map((match) => match[1]).sort();
      expect(listed(bodyTo('alice.nguyen@example.com'))).toEqual(['a-due-soon']);
      expect(listed(bodyTo('bob.martinez@example.com'))).toEqual(['b-due-soon', 'b-stale']);
      expect(listed(bodyTo('chandra.iyer@example.com'))).toEqual(['c-orphan']);
      expect(bodyTo('bob.martinez@example.com')).toContain('To keep it: use it before');
      expect(mail.every((m) => m.source === FROM)).toBe(true);
      expect(report.notices).toMatchObject({ sent: 3, failed: 0 });
    } finally {
      await sandbox.close();
    }
  });

  it('without sp:search:read completes with one warning and no owners from events', async () => {
    const sandbox = await startTenant(['sp:oauth-client:manage', 'sp:oauth-client:read']);
    try {
      const report = await run(sandbox, undefined);
      expect(report.outcome).toBe('ok');
      expect(report.warnings.filter((warning) => warning.includes('sp:search:read'))).toHaveLength(1);
      expect([...report.actions, ...report.upcoming, ...report.exempt].some((entry) => entry.owner?.source === 'audit-event')).toBe(false);
      expect(sandbox.requests.filter((request) => request.route === 'search').map((request) => request.status)).toEqual([403]);
    } finally {
      await sandbox.close();
    }
  });

  it('a notice SES refuses is a warning and a count, and the run completes', async () => {
    const sandbox = await startTenant(['sp:scopes:all']);
    try {
      const refusing: OwnerNotifier = { send: async () => Promise.reject(new Error('Email address not verified')) };
      const report = await run(sandbox, refusing);
      expect(report.outcome).toBe('ok');
      expect(report.notices).toMatchObject({ sent: 0, failed: 3 });
      expect(report.warnings.filter((warning) => warning.startsWith('owner notice to '))).toHaveLength(3);
    } finally {
      await sandbox.close();
    }
  });
});
