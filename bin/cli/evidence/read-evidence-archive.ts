import { createHash } from 'node:crypto';
import { archiveKey, kindPrefix, parseArchiveKey, parseNdjson } from '../../../lambdas/adapters/archive/archive-layout.js';
import type { ObjectStore } from '../../../lambdas/adapters/archive/object-store.js';
import { isReport } from '../../../lambdas/adapters/archive/stored-report-archive.js';
import { errorMessage } from '../../../lambdas/core/error-message.js';
import type { ArchivedRun } from '../../../lambdas/core/ports.js';
import type { ArchivedRunEvidence } from '../../../lambdas/core/evidence/build-evidence.js';
import type { ReportAction, RunReport } from '../../../lambdas/core/report/run-report.js';

/** One archive object the pack was built from, as the manifest names it. */
export interface ManifestObject {
  readonly key: string;
  /** S3: the version read. Absent for a local archive (then `path`) or an unversioned bucket. */
  readonly versionId?: string;
  /** A local archive: the file's path. */
  readonly path?: string;
  readonly size: number;
  readonly sha256: string;
}

/**
 * The runs of `tenant` dated `from`..`to` in the archive: each run's full report and its action
 * lines, with every object read named, sized and hashed from the very bytes parsed. An evidence
 * pack is all or nothing: an object that cannot be read or parsed fails the pack, naming it.
 */
export async function readEvidenceArchive(
  store: ObjectStore,
  query: { readonly tenant: string; readonly from: string; readonly to: string; readonly local: boolean },
): Promise<{ runs: ArchivedRunEvidence[]; objects: ManifestObject[] }> {
  const prefix = kindPrefix('reports', query.tenant);
  const wanted: ArchivedRun[] = [];
  for await (const key of store.list(prefix, `${prefix}date=${query.from}`)) {
    const run = parseArchiveKey(key);
    if (run?.kind !== 'reports') continue;
    if (run.date > query.to) break;
    if (run.date >= query.from) wanted.push({ tenant: run.tenant, date: run.date, reportId: run.reportId });
  }
  const objects: ManifestObject[] = [];
  const runs: ArchivedRunEvidence[] = [];
  // One run at a time: a pack is read once, by a person waiting; the order keeps the manifest stable.
  for (const run of wanted) {
    const reportKey = archiveKey('reports', run);
    const report = parse(reportKey, await fetch(store, reportKey, query.local, objects), (text) => JSON.parse(text) as unknown);
    if (!isPackableReport(report)) throw new Error(`${store.locationOf(reportKey)} is not a run report`);
    const actionsKey = archiveKey('actions', run);
    const lines = parse(actionsKey, await fetch(store, actionsKey, query.local, objects), parseNdjson);
    const actions = lines.map((line, index) => {
      if (!isAction(line)) throw new Error(`${store.locationOf(actionsKey)} line ${index + 1} is not a report action`);
      return line;
    });
    runs.push({ report, actions });
  }
  return { runs, objects };
}

async function fetch(store: ObjectStore, key: string, local: boolean, objects: ManifestObject[]): Promise<string> {
  let read;
  try {
    read = await store.read(key);
  } catch (error) {
    throw new Error(`could not read ${store.locationOf(key)}: ${errorMessage(error)}`, { cause: error });
  }
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  objects.push({
    key,
    ...(read.versionId === undefined ? {} : { versionId: read.versionId }),
    ...(local ? { path: store.locationOf(key) } : {}),
    size: read.bytes.byteLength,
    sha256,
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(read.bytes);
  } catch {
    throw new Error(`${store.locationOf(key)} is not UTF-8 text`);
  }
}

function parse<T>(key: string, text: string, how: (text: string) => T): T {
  try {
    return how(text);
  } catch (error) {
    throw new Error(`archive object ${key} is not valid JSON: ${errorMessage(error)}`, { cause: error });
  }
}

/** A report the pack can total: what every reader needs, plus the lists and numbers the pack reads. */
function isPackableReport(value: unknown): value is RunReport {
  if (!isReport(value)) return false;
  const report = value as unknown as Partial<Record<keyof RunReport, unknown>>;
  return Array.isArray(report.exempt) && typeof report.counts === 'object' && typeof report.inventory === 'object';
}

const KINDS = new Set(['disable', 'delete', 'rotate']);
const OUTCOMES = new Set(['done', 'planned', 'failed', 'not-attempted', 'skipped']);

function isAction(value: unknown): value is ReportAction {
  if (typeof value !== 'object' || value === null) return false;
  const line = value as Record<string, unknown>;
  return typeof line['clientId'] === 'string' && typeof line['name'] === 'string' && typeof line['reason'] === 'string' && KINDS.has(line['action'] as string) && OUTCOMES.has(line['outcome'] as string);
}
