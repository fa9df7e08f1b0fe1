import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createIscClient } from '../../lambdas/adapters/isc/index.js';
import { DirectoryObjectStore } from '../../lambdas/adapters/archive/directory-object-store.js';
import { StoredReportArchive } from '../../lambdas/adapters/archive/stored-report-archive.js';
import { archiveReport } from '../../lambdas/app/archive-report.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { parsePolicy } from '../../lambdas/core/model/policy.js';
import type { ReportArchive } from '../../lambdas/core/ports.js';
import { doorOver, fullIscApi, type FullIscApi } from '../support/full-isc-api.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { NOW } from '../core/make-client.js';
import { FAST_RETRIES, startTenant } from '../e2e/cli-harness.js';
import { ENFORCE_POLICY, SELF_ID } from '../e2e/tenant-clients.js';
import { fixtureReport } from '../adapters/report/fixture-report.js';
import { recordingLogger } from '../chaos/recording-logger.js';

/** Every run outcome leaves the same three files in the archive, at the contract's keys. */
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'archive-run-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function runArchived(policy: unknown, reportId: string, wrap: (api: FullIscApi) => FullIscApi = (api) => api): Promise<RunReport> {
  const { sandbox } = await startTenant();
  const api = wrap(fullIscApi(createIscClient({ baseUrl: sandbox.url, credentials: sandbox.credentials, rateLimit: false, ...FAST_RETRIES })));
  return runJanitor({
    api,
    door: doorOver(api),
    policy: parsePolicy(policy),
    tenant: 'acme',
    selfClientId: SELF_ID,
    clock: () => NOW,
    reportId,
    archive: new StoredReportArchive(new DirectoryObjectStore(dir)),
  });
}

async function archivedFiles(): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();
}

const lines = async (key: string) => (await readFile(join(dir, key), 'utf8')).trimEnd().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);

const failingDisable = (api: FullIscApi): FullIscApi => ({
  ...api,
  list: (filter) => api.list(filter),
  get: (id) => api.get(id),
  delete: (id) => api.delete(id),
  disable: () => Promise.reject(new Error('ISC said no')),
});

describe('runJanitor with an archive', () => {
  it.each([
    ['ok (enforce)', ENFORCE_POLICY, 'ok', undefined],
    ['report mode', { ...ENFORCE_POLICY, mode: 'report' }, 'ok', undefined],
    ['blocked by the guard', { ...ENFORCE_POLICY, limits: { maxActions: 1 } }, 'blocked', undefined],
    ['failed', ENFORCE_POLICY, 'failed', failingDisable],
  ] as const)('archives a run that ends %s: the report and one line per action, at the exact keys', async (_, policy, outcome, wrap) => {
    const report = await runArchived(policy, 'run-0042', wrap);

    expect(report.outcome).toBe(outcome);
    const date = NOW.toISOString().slice(0, 10);
    expect(await archivedFiles()).toEqual([
      `actions/tenant=acme/date=${date}/run-0042.ndjson`,
      `reports/tenant=acme/date=${date}/run-0042.json`,
      `upcoming/tenant=acme/date=${date}/run-0042.ndjson`,
    ]);
    const archived = JSON.parse(await readFile(join(dir, `reports/tenant=acme/date=${date}/run-0042.json`), 'utf8')) as RunReport;
    // The archived copy is the report as the run ended; the returned one also says where it went.
    expect({ ...archived, archive: report.archive }).toEqual(report);
    expect(report.archive).toEqual({ status: 'written', location: join(dir, `reports/tenant=acme/date=${date}/run-0042.json`) });

    const actionLines = await lines(`actions/tenant=acme/date=${date}/run-0042.ndjson`);
    expect(actionLines).toEqual(report.actions.map((action) => ({ ...action, reportId: 'run-0042', tenant: 'acme' })));
    expect(actionLines.length).toBeGreaterThan(0);
    expect(await lines(`upcoming/tenant=acme/date=${date}/run-0042.ndjson`)).toEqual(
      report.upcoming.map((entry) => ({ ...entry, reportId: 'run-0042', tenant: 'acme', mode: report.mode, startedAt: report.startedAt })),
    );
  });
});

describe('archiveReport', () => {
  it('returns the report marked failed, with a warning, when the archive write fails, and never throws', async () => {
    const broken: ReportArchive = {
      write: () => Promise.reject(new Error('could not write s3://evidence/reports/x.json: AccessDenied: Access Denied')),
      recordDelivery: () => Promise.reject(new Error('not expected')),
    };
    const logger = recordingLogger();
    const report = fixtureReport();

    const result = await archiveReport(broken, report, logger);

    expect(result.archive).toEqual({ status: 'failed', error: 'could not write s3://evidence/reports/x.json: AccessDenied: Access Denied' });
    expect(result.warnings).toEqual([
      'the report could not be written to the evidence archive (could not write s3://evidence/reports/x.json: AccessDenied: Access Denied); keep this report: it is the only record of this run',
    ]);
    expect({ ...result, archive: undefined, warnings: [] }).toEqual({ ...report, archive: undefined });
    expect(logger.lines.map((line) => JSON.parse(line) as { level: string; message: string }).map((line) => `${line.level} ${line.message}`)).toEqual([
      'error report archive write failed',
    ]);
  });
});
