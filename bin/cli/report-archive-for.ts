import { mkdir } from 'node:fs/promises';
import { S3Client } from '@aws-sdk/client-s3';
import { DirectoryObjectStore } from '../../lambdas/adapters/archive/directory-object-store.js';
import { S3ObjectStore } from '../../lambdas/adapters/archive/s3-object-store.js';
import { StoredReportArchive } from '../../lambdas/adapters/archive/stored-report-archive.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { errorMessage } from '../../lambdas/core/error-message.js';
import { UsageError, type AwsClientConfig } from './cli-io.js';

/**
 * The evidence archive in a local folder (`--archive-dir`), created when missing (0700: reports
 * name every client of a tenant). Created before the run starts, so a folder that cannot be made
 * fails the command before anything is sent to ISC.
 */
export async function directoryArchive(directory: string): Promise<StoredReportArchive> {
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw new ConfigError(`Invalid --archive-dir ${directory}: cannot create it (${errorMessage(error)})`, ['--archive-dir']);
  }
  return new StoredReportArchive(new DirectoryObjectStore(directory));
}

/**
 * The archive `history` reads: the stack's bucket (the SDK's default configuration: region,
 * profile, endpoint) or a local folder with the same layout. Exactly one of the two.
 */
export async function archiveReaderFor(flags: { readonly archiveDir?: string; readonly archiveBucket?: string }, aws: AwsClientConfig = {}): Promise<StoredReportArchive> {
  if (flags.archiveDir !== undefined && flags.archiveBucket !== undefined) {
    throw new UsageError('give --archive-dir or --archive-bucket, not both');
  }
  if (flags.archiveBucket !== undefined) return new StoredReportArchive(new S3ObjectStore({ s3: new S3Client({ ...aws }), bucket: flags.archiveBucket }));
  if (flags.archiveDir !== undefined) return directoryArchive(flags.archiveDir);
  throw new UsageError('history reads the evidence archive: give --archive-bucket BUCKET (the stack output ReportArchiveBucket) or --archive-dir DIR');
}
