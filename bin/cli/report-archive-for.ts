import { mkdir, stat } from 'node:fs/promises';
import { HeadBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { DirectoryObjectStore } from '../../lambdas/adapters/archive/directory-object-store.js';
import { S3ObjectStore } from '../../lambdas/adapters/archive/s3-object-store.js';
import { StoredReportArchive } from '../../lambdas/adapters/archive/stored-report-archive.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { errorMessage } from '../../lambdas/core/error-message.js';
import { UsageError, type AwsClientConfig } from './cli-io.js';

/** A local evidence archive, and why it cannot prove earlier announcements when it cannot. */
export interface LocalArchive {
  readonly archive: StoredReportArchive;
  /** Set for a folder others may write to, or holding symbolic links: names the path. */
  readonly refused?: string;
}

/**
 * The evidence archive a run writes to in a local folder (`--archive-dir`), created 0700 when
 * missing (reports name every client of a tenant). Created before the run starts, so a folder
 * that cannot be made fails the command before anything is sent to ISC. A folder that exists is
 * used as it is, but when group or others may write to it, or it holds a symbolic link, nothing
 * in it proves an announcement (`refused`): anyone could have put a report there.
 */
export async function directoryArchive(directory: string): Promise<LocalArchive> {
  const store = new DirectoryObjectStore(directory);
  let refused: string | undefined;
  try {
    refused = await store.untrusted();
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(`Invalid --archive-dir ${directory}: cannot create or read it (${errorMessage(error)})`, ['--archive-dir']);
  }
  return { archive: new StoredReportArchive(store), ...(refused === undefined ? {} : { refused }) };
}

/**
 * The archive `history` reads: the stack's bucket (the SDK's default configuration: region,
 * profile, endpoint) or a local folder with the same layout. Exactly one of the two, and it must
 * exist: a reader never creates it, so a mistyped name is an error, not an empty archive.
 */
export async function archiveReaderFor(flags: { readonly archiveDir?: string; readonly archiveBucket?: string }, aws: AwsClientConfig = {}): Promise<StoredReportArchive> {
  if (flags.archiveDir !== undefined && flags.archiveBucket !== undefined) {
    throw new UsageError('give --archive-dir or --archive-bucket, not both');
  }
  if (flags.archiveBucket !== undefined) return existingBucketArchive(flags.archiveBucket, new S3Client({ ...aws }));
  if (flags.archiveDir !== undefined) return existingDirectoryArchive(flags.archiveDir);
  throw new UsageError('history reads the evidence archive: give --archive-bucket BUCKET (the stack output ReportArchiveBucket) or --archive-dir DIR');
}

/** A bucket that is not there is the user's mistake (exit 2), not an empty archive. */
async function existingBucketArchive(bucket: string, s3: S3Client): Promise<StoredReportArchive> {
  try {
    await s3.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
    if ((error as Error).name === 'NotFound' || (error as Error).name === 'NoSuchBucket' || status === 404) {
      throw new ConfigError(`Invalid --archive-bucket ${bucket}: no such bucket; name the stack output ReportArchiveBucket`, ['--archive-bucket']);
    }
    throw error;
  }
  return new StoredReportArchive(new S3ObjectStore({ s3, bucket }));
}

async function existingDirectoryArchive(directory: string): Promise<StoredReportArchive> {
  const found = await stat(directory).catch((error: NodeJS.ErrnoException) => error);
  if (found instanceof Error) {
    const why = found.code === 'ENOENT' ? 'no such folder' : errorMessage(found);
    throw new ConfigError(`Invalid --archive-dir ${directory}: ${why}; name the folder runs wrote their reports to (run --archive-dir)`, ['--archive-dir']);
  }
  if (!found.isDirectory()) throw new ConfigError(`Invalid --archive-dir ${directory}: not a folder`, ['--archive-dir']);
  return new StoredReportArchive(new DirectoryObjectStore(directory));
}
