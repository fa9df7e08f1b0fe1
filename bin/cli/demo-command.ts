import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DirectorySecretStore } from '../../lambdas/adapters/secret-store/directory-secret-store.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import { connectIsc } from '../../lambdas/adapters/isc/connect-isc.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { recordDelivery } from '../../lambdas/app/record-delivery.js';
import { makeSeedClient } from '../../sandbox/make-seed-client.js';
import { startSandbox } from '../../sandbox/start-sandbox.js';
import type { CliIo, ExitCode } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import { deliverReport } from './deliver-report.js';
import { exitCodeFor } from './exit-code-for.js';
import type { CliFlags } from './parse-cli-args.js';
import { DAY_MS } from '../../lambdas/core/dates.js';
import { renderHistory } from '../../lambdas/core/report/render-history.js';
import { readHistory } from './history-command.js';
import { formatUtcDate } from '../../lambdas/core/dates.js';
import { renderPatSection } from '../../lambdas/core/report/render-pat-section.js';
import { EXIT } from './cli-io.js';
import { directoryArchive } from './report-archive-for.js';
import { describePack, writeEvidencePack } from './evidence-command.js';
import { DirectoryObjectStore } from '../../lambdas/adapters/archive/directory-object-store.js';
import { rotateInDirectory } from './rotate-secret-command.js';
import { managedSecretName } from '../../lambdas/core/secret-name.js';
import { outcomeLine } from '../../lambdas/core/report/render-text-report.js';
import { secretLabel } from '../../lambdas/core/report/secret-label.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';

/** A realistic tenant: a few dozen clients of every kind (recent, idle, stale, never used, disabled, internal). */
const DEMO_CLIENTS = 40;

/** The client whose secret the demo rotates with the four-step protocol (not a secret anybody uses). */
const PROTOCOL_CLIENT = { id: 'de0000000000000000000000000c1de9', name: 'ci-deploy', secret: 'demo-only-secret-of-the-ci-deploy-client' } as const;
/** Where the demo's managed secrets live (the policy's default rotation.secretPrefix). */
const DEMO_ROTATION_PREFIX = 'isc-oauth-janitor/clients/';

/**
 * The seeded tenant has about 40% stale clients, more than the default guard allows (25%): a
 * neglected tenant's first cleanup. The demo raises the guard for that and says so. It also
 * manages one in-use client whose secret is 120 days old, to show a rotation by the nightly run,
 * keeps a second one's secret in the store, to show Secrets Manager's four-step rotation, and
 * governs the tenant's personal access tokens, to show one announced on the first night and
 * deleted on the second.
 */
const DEMO_POLICY = {
  mode: 'enforce',
  limits: { maxActions: 50, maxFraction: 0.5 },
  rotation: { enabled: true, names: ['^payroll-export$'] },
  pats: { enabled: true },
} as const;

/** The token the demo follows: unused for 120 days, never expiring, with every right of its owner. */
const DEMO_TOKEN = { id: 'de00000000000000000000000000070c', name: 'legacy-import' } as const;

/**
 * `demo`: a local sandbox tenant, a report-only preview, one enforced cleanup with a rotation, the
 * report, and one client's history from the evidence archive. Needs no credentials.
 */
export async function demoCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const now = io.now();
  // The second night is simulated: the tenant's clock and the janitor's move on together. The
  // clock never stands still either (a test's fixed clock would give the preview and the enforced
  // run the same start, and their history an arbitrary order).
  let nightOffsetMs = 0;
  let last = Number.NEGATIVE_INFINITY;
  const clock = () => {
    last = Math.max(io.now().getTime() + nightOffsetMs, last + 1);
    return new Date(last);
  };
  const sandbox = await startSandbox({ now: clock, seed: { count: DEMO_CLIENTS, seed: 2026, now } });
  // Rotated secrets go to a temporary directory (0600 files), removed when the demo ends; so
  // does the evidence archive, unless --archive-dir keeps it.
  const secretsDir = await mkdtemp(join(tmpdir(), 'isc-oauth-janitor-demo-'));
  const archiveDir = flags.archiveDir ?? (await mkdtemp(join(tmpdir(), 'isc-oauth-janitor-demo-archive-')));
  let packDir: string | undefined;
  try {
    const { archive, refused } = await directoryArchive(archiveDir);
    if (refused) io.stderr.write(`[warning] --archive-dir ${archiveDir}: ${refused}, so no announcement in it counts and the second night deletes no token\n`);
    sandbox.state.put(
      makeSeedClient({
        id: 'de0000000000000000000000000a11ce',
        name: 'payroll-export',
        businessName: 'Acme Payroll',
        internal: false,
        enabled: true,
        scope: ['idn:payroll:read'],
        created: now.getTime() - 120 * DAY_MS,
        modified: now.getTime() - 120 * DAY_MS,
        lastUsed: now.getTime() - DAY_MS,
      }),
      'demo-only-secret-of-the-old-payroll-client',
    );
    sandbox.state.put(
      makeSeedClient({
        id: PROTOCOL_CLIENT.id,
        name: PROTOCOL_CLIENT.name,
        businessName: 'Acme CI',
        internal: false,
        enabled: true,
        scope: ['idn:sources:read'],
        created: now.getTime() - 100 * DAY_MS,
        modified: now.getTime() - 100 * DAY_MS,
        lastUsed: now.getTime() - DAY_MS,
      }),
      PROTOCOL_CLIENT.secret,
    );
    const secrets = new DirectorySecretStore({ directory: secretsDir, now: clock });
    const protocolSecret = managedSecretName(DEMO_ROTATION_PREFIX, 'demo', PROTOCOL_CLIENT.name);
    await secrets.write(
      protocolSecret,
      { clientId: PROTOCOL_CLIENT.id, clientSecret: PROTOCOL_CLIENT.secret, baseUrl: sandbox.url, rotatedAt: new Date(now.getTime() - 100 * DAY_MS).toISOString(), previousClientId: null },
      { idempotencyToken: PROTOCOL_CLIENT.id, tags: {} },
    );
    const owner = sandbox.identities[1] ?? sandbox.selfIdentity;
    sandbox.pats.put({
      ...DEMO_TOKEN,
      scope: ['sp:scopes:all'],
      owner: { type: 'IDENTITY', id: owner.id, name: owner.name },
      created: new Date(now.getTime() - 400 * DAY_MS).toISOString(),
      lastUsed: new Date(now.getTime() - 120 * DAY_MS).toISOString(),
      managed: false,
      accessTokenValiditySeconds: 43_200,
      expirationDate: null,
      userAwareTokenNeverExpires: true,
    });
    const policy = parsePolicy(DEMO_POLICY, 'demo policy');
    io.stdout.write(
      [
        `Demo: a local ISC sandbox at ${sandbox.url} holding ${DEMO_CLIENTS + 2} OAuth clients and ${sandbox.pats.all().length} personal access tokens (nothing leaves this machine).`,
        `Policy: ${JSON.stringify(DEMO_POLICY)} over the defaults`,
        '(the guard is raised for a neglected tenant\'s first cleanup; "payroll-export" is managed, so its aging secret is rotated).',
        `Rotated secrets are stored in ${secretsDir} (removed at the end).`,
        `A report-only preview runs first, then the enforced cleanup; both reports go to the evidence archive in ${archiveDir}${flags.archiveDir ? '' : ' (removed at the end)'}.`,
        `Tokens cannot be disabled, so their deletion is announced first: a second night, simulated ${policy.pats.warnDays} days later, deletes what the first announced (an announcement counts once its report reached people: here, printed below; in AWS, accepted by SNS).`,
        '',
        '',
      ].join('\n'),
    );
    const logger = cliLogger(io.stderr);
    const connection = await connectIsc({ get: async () => ({ ...sandbox.credentials, baseUrl: sandbox.url }) }, { logger });
    const run = (runPolicy: typeof policy) =>
      runJanitor({
        api: connection.api,
        door: doorKeyOf(iscRemovalOf(connection.api)),
        policy: runPolicy,
        tenant: 'demo',
        selfClientId: connection.selfClientId,
        clock,
        reportId: randomUUID(),
        logger,
        rotation: { store: secrets, baseUrl: sandbox.url },
        archive,
        search: connection.api.search,
        pats: { api: connection.api.personalAccessTokens, archive, ...(refused ? { archiveRefused: refused } : {}) },
      });
    await run({ ...policy, mode: 'report' });
    const report = await run(policy);
    await deliverReport(report, { ...(flags.json ? { json: flags.json } : {}) }, io);
    // The Lambda records a delivery once SNS took the report; the demo's person is at the terminal.
    await recordDelivery(archive, report, { via: 'demo', deliveredAt: clock().toISOString() }, logger);
    io.stdout.write(`\n${await describeSecretFiles(secretsDir)}\n`);
    io.stdout.write(`\nSecrets Manager's four-step rotation, offline: the secret of "${PROTOCOL_CLIENT.name}" as the rotation function rotates it.\n`);
    await rotateInDirectory({ store: secrets, secretId: protocolSecret, credentials: { ...sandbox.credentials, baseUrl: sandbox.url }, io: { ...io, now: clock } });
    const shown = report.actions.find((action) => action.action === 'disable' && action.outcome === 'done');
    if (shown) {
      const { entries } = await readHistory(archive, { tenant: 'demo', clientId: shown.clientId });
      io.stdout.write(`\n${renderHistory(entries, { tenant: 'demo', clientId: shown.clientId })}`);
      if (flags.archiveDir) io.stdout.write(`(again: npm run janitor -- history --archive-dir ${archiveDir} --tenant demo --client ${shown.clientId})\n`);
    }

    nightOffsetMs = policy.pats.warnDays * DAY_MS;
    const second = await run(policy);
    await recordDelivery(archive, second, { via: 'demo', deliveredAt: clock().toISOString() }, logger);
    io.stdout.write(
      [
        '',
        `Night 2, ${formatUtcDate(clock())} (simulated, ${policy.pats.warnDays} days later): tokens announced on night 1 and still unused are deleted.`,
        `Outcome: ${outcomeLine(second)}`,
        ...renderPatSection(second),
        '',
        renderHistory((await readHistory(archive, { tenant: 'demo', clientId: DEMO_TOKEN.id })).entries, { tenant: 'demo', clientId: DEMO_TOKEN.id }),
      ].join('\n'),
    );
    // The pack an auditor would receive for both nights, from the archive the demo just wrote.
    packDir = flags.out ?? (await mkdtemp(join(tmpdir(), 'isc-oauth-janitor-demo-pack-')));
    const pack = await writeEvidencePack({
      store: new DirectoryObjectStore(archiveDir),
      label: archiveDir,
      local: true,
      tenant: 'demo',
      from: formatUtcDate(now),
      to: formatUtcDate(clock()),
      out: packDir,
      now: clock(),
    });
    io.stdout.write(`\n${describePack(pack)}`);
    if (!flags.out) io.stdout.write('(removed at the end; keep it with: npm run demo -- --out DIR, then open DIR/report.html)\n');
    return exitCodeFor(report) === EXIT.ok ? exitCodeFor(second) : exitCodeFor(report);
  } finally {
    await sandbox.close();
    await rm(secretsDir, { recursive: true, force: true });
    if (flags.archiveDir === undefined) await rm(archiveDir, { recursive: true, force: true });
    if (flags.out === undefined && packDir !== undefined) await rm(packDir, { recursive: true, force: true });
  }
}

/** Show that the rotated secret landed in a private file, without showing the secret. */
async function describeSecretFiles(dir: string): Promise<string> {
  const files = await readdir(dir);
  if (files.length === 0) return 'Secret store: empty (no rotation happened).';
  const lines = await Promise.all(
    files.sort().map(async (file) => `  ${secretLabel(join(dir, file))}, file mode ${((await stat(join(dir, file))).mode & 0o777).toString(8)}`),
  );
  return ['Secret store (values not shown):', ...lines].join('\n');
}
