import { createHash } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { DirectoryObjectStore } from '../../lambdas/adapters/archive/directory-object-store.js';
import type { ObjectStore } from '../../lambdas/adapters/archive/object-store.js';
import { S3ObjectStore } from '../../lambdas/adapters/archive/s3-object-store.js';
import { buildEvidence } from '../../lambdas/core/evidence/build-evidence.js';
import type { EvidenceData } from '../../lambdas/core/evidence/evidence-data.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { parseIsoDate } from '../../lambdas/core/parse-iso-date.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import type { CliFlags } from './parse-cli-args.js';
import { readEvidenceArchive, type ManifestObject } from './evidence/read-evidence-archive.js';
import { renderEvidenceHtml } from './evidence/render-evidence-html.js';
import { toCsv } from './evidence/to-csv.js';

/**
 * `evidence`: the pack an auditor receives for one tenant and a range of UTC days, read from the
 * evidence archive (S3 or a local folder): report.html, actions.csv, credentials.csv,
 * manifest.json (every archive object used, with its version and SHA-256, and the SHA-256 of each
 * file written), SHA256SUMS and README.txt. Reads only; needs no ISC credentials.
 */
export async function evidenceCommand(flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const tenant = required(flags.tenant, '--tenant', 'NAME (whose runs)');
  const from = utcDay(required(flags.from, '--from', 'YYYY-MM-DD (the first UTC day of the pack)'), '--from');
  const to = utcDay(required(flags.to, '--to', 'YYYY-MM-DD (the last UTC day of the pack)'), '--to');
  const out = required(flags.out, '--out', 'DIR (a new or empty directory for the pack)');
  if (from > to) throw new ConfigError(`Invalid --from ${from}: it is after --to ${to}; give --from on or before --to`, ['--from', '--to']);
  if (flags.archiveDir !== undefined && flags.archiveBucket !== undefined) throw new UsageError('give --archive-dir or --archive-bucket, not both');
  const archive = await archiveFrom(flags);
  const pack = await writeEvidencePack({ ...archive, tenant, from, to, out, now: io.now() });
  io.stdout.write(describePack(pack));
  return EXIT.ok;
}

export interface EvidencePack {
  readonly out: string;
  readonly data: EvidenceData;
  /** The files written, with their SHA-256, in the order SHA256SUMS lists them. */
  readonly files: readonly { readonly name: string; readonly size: number; readonly sha256: string }[];
  readonly objects: readonly ManifestObject[];
}

/**
 * Read the archive and write the pack into `out` (created 0700 when missing; refused when it
 * already holds files, so a pack never mixes with an older one). Fails, naming the flag, when the
 * archive has no run of the tenant in range: an empty pack would read as "nothing happened".
 */
export async function writeEvidencePack(options: {
  readonly store: ObjectStore;
  /** `s3://bucket` or the directory, for people. */
  readonly label: string;
  readonly local: boolean;
  readonly tenant: string;
  readonly from: string;
  readonly to: string;
  readonly out: string;
  readonly now: Date;
}): Promise<EvidencePack> {
  const { store, tenant, from, to } = options;
  const out = resolve(options.out);
  await prepareOut(out);
  const { runs, objects } = await readEvidenceArchive(store, { tenant, from, to, local: options.local });
  if (runs.length === 0) {
    throw new ConfigError(`no run of tenant ${tenant} is archived in ${options.label} between ${from} and ${to}; check --tenant, --from and --to`, ['--tenant', '--from', '--to']);
  }
  const data = buildEvidence({ tenant, from, to, runs });
  const generatedAt = options.now.toISOString();
  const contents: [string, string][] = [
    ['report.html', renderEvidenceHtml(data, { archive: options.label, generatedAt, objects: objects.length })],
    ['actions.csv', actionsCsv(data)],
    ['credentials.csv', credentialsCsv(data)],
    ['README.txt', readme(data, options.label)],
  ];
  const files = contents.map(([name, text]) => ({ name, text, ...digest(text) }));
  const manifest = `${JSON.stringify(
    {
      tenant,
      from,
      to,
      generatedAt,
      archive: options.label,
      objects,
      files: files.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
    },
    null,
    2,
  )}\n`;
  const all = [...files, { name: 'manifest.json', text: manifest, ...digest(manifest) }];
  const sums = all.map(({ name, sha256 }) => `${sha256}  ${name}\n`).join('');
  for (const file of [...all, { name: 'SHA256SUMS', text: sums }]) await writeFile(join(out, file.name), file.text, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
  return { out, data, files: all.map(({ name, size, sha256 }) => ({ name, size, sha256 })), objects };
}

/** What the command prints: where the pack is, what it holds, how to check it. */
export function describePack(pack: EvidencePack): string {
  const { data } = pack;
  return [
    `Evidence pack for tenant ${data.tenant}, ${data.from} to ${data.to}: ${data.runs.length} runs, ${data.actions.length} actions, ${pack.objects.length} archive objects`,
    `Written to ${pack.out}:`,
    ...pack.files.map((file) => `  ${file.name.padEnd(16)} ${String(file.size).padStart(9)} bytes  sha256 ${file.sha256}`),
    '  SHA256SUMS       (check the files: cd into the folder, then sha256sum -c SHA256SUMS)',
    '',
  ].join('\n');
}

function required(value: string | undefined, flag: string, what: string): string {
  if (value === undefined) throw new UsageError(`evidence needs ${flag} ${what}`);
  return value;
}

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
function utcDay(text: string, flag: string): string {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? parseIsoDate(`${text}T00:00:00Z`) : undefined;
  if (date === undefined || date.toISOString().slice(0, 10) !== text) {
    throw new ConfigError(`Invalid ${flag} ${text}: must be a UTC date written YYYY-MM-DD, e.g. 2026-01-31`, [flag]);
  }
  return text;
}

/** The archive to read: a folder that must exist (never created by a reader) or a bucket that must. */
async function archiveFrom(flags: CliFlags): Promise<{ store: ObjectStore; label: string; local: boolean }> {
  if (flags.archiveDir !== undefined) {
    const directory = resolve(flags.archiveDir);
    const isDirectory = await stat(directory).then((found) => found.isDirectory(), () => false);
    if (!isDirectory) throw new ConfigError(`Invalid --archive-dir ${flags.archiveDir}: no such directory; give the folder a run archived into`, ['--archive-dir']);
    return { store: new DirectoryObjectStore(directory), label: directory, local: true };
  }
  if (flags.archiveBucket !== undefined) {
    const store = new S3ObjectStore({ s3: new S3Client({}), bucket: flags.archiveBucket });
    return { store: missingBucketIsBadInput(store, flags.archiveBucket), label: `s3://${flags.archiveBucket}`, local: false };
  }
  throw new UsageError('evidence reads the evidence archive: give --archive-bucket BUCKET (the stack output ReportArchiveBucket) or --archive-dir DIR');
}

/** A bucket that does not exist is a mistyped flag (exit 2), not a failed read. */
function missingBucketIsBadInput(store: S3ObjectStore, bucket: string): ObjectStore {
  return {
    locationOf: (key) => store.locationOf(key),
    put: (key, body, type) => store.put(key, body, type),
    get: (key) => store.get(key),
    read: (key) => store.read(key),
    async *list(prefix, startAfter) {
      try {
        yield* store.list(prefix, startAfter);
      } catch (error) {
        if ((error as { cause?: { name?: string } }).cause?.name === 'NoSuchBucket') {
          throw new ConfigError(`Invalid --archive-bucket ${bucket}: no such bucket; give the stack output ReportArchiveBucket`, ['--archive-bucket']);
        }
        throw error;
      }
    },
  };
}

async function prepareOut(out: string): Promise<void> {
  const existing = await readdir(out).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new ConfigError(`Invalid --out ${out}: ${error.code === 'ENOTDIR' ? 'is a file' : 'cannot be read'}; give a new or empty directory`, ['--out']);
  });
  if (existing !== undefined && existing.length > 0) throw new ConfigError(`Invalid --out ${out}: it is not empty; give a new or empty directory, so the pack holds only its own files`, ['--out']);
  try {
    await mkdir(out, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(`Invalid --out ${out}: cannot create it (${(error as Error).message})`, ['--out']);
  }
}

function digest(text: string): { size: number; sha256: string } {
  const bytes = Buffer.from(text, 'utf8');
  return { size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export const ACTIONS_HEADER = ['date', 'started_at', 'report_id', 'mode', 'credential', 'id', 'name', 'owner_id', 'owner_name', 'action', 'outcome', 'reason', 'detail'] as const;
export const CREDENTIALS_HEADER = ['credential', 'id', 'name', 'owner_id', 'owner_name', 'state', 'since', 'reason', 'report_id'] as const;

function actionsCsv(data: EvidenceData): string {
  return toCsv(
    ACTIONS_HEADER,
    data.actions.map((a) => [a.date, a.startedAt, a.reportId, a.mode, a.credential, a.id, a.name, a.ownerId, a.ownerName, a.action, a.outcome, a.reason, a.detail]),
  );
}

function credentialsCsv(data: EvidenceData): string {
  return toCsv(
    CREDENTIALS_HEADER,
    data.credentials.map((c) => [c.credential, c.id, c.name, c.ownerId, c.ownerName, c.state, c.since, c.reason, c.reportId]),
  );
}

function readme(data: EvidenceData, archive: string): string {
  return `Evidence pack: tenant ${data.tenant}, UTC days ${data.from} to ${data.to} (both included)
Made by isc-oauth-janitor from the evidence archive ${archive}.

report.html      the summary per month, charts and every action with its reason and run id
                 (one file, no script, nothing fetched; prints on A4)
actions.csv      every archived action of the runs in range (RFC 4180, UTF-8, header row)
credentials.csv  every credential the archived reports name (acted on, announced or exempt),
                 with the last thing the archive says about it by ${data.to}; the archive keeps
                 counts, not a list, of the credentials nobody needed to act on
manifest.json    every archive object read (key, S3 version id or file path, size, SHA-256)
                 and the SHA-256 of each file of the pack
SHA256SUMS       the SHA-256 of each file of the pack, for sha256sum

Verify the pack:     cd into this folder, then run: sha256sum -c SHA256SUMS
Verify the evidence: for each object in manifest.json, fetch that version from the archive
                     (aws s3api get-object --bucket B --key KEY --version-id V FILE) and compare
                     sha256sum FILE with its "sha256". The archive bucket is Object Lock
                     protected: a version cannot be changed or deleted before its retention ends.
Text from the tenant (names, reasons) is shown flattened to one line; hidden characters such as
bidi controls appear as <U+XXXX>. A CSV cell starting with = + - @ is prefixed with ' so a
spreadsheet shows it as text.
`;
}
