import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { errorMessage } from '../../core/error-message.js';
import { ObjectExistsError } from './object-exists-error.js';
import type { ObjectStore, StoredObject } from './object-store.js';

export interface S3ObjectStoreOptions {
  /** Constructed by the composition root, so region, endpoint and retries follow the SDK's config. */
  readonly s3: S3Client;
  readonly bucket: string;
  /**
   * The customer-managed KMS key each object is encrypted with, named on every PutObject, so the
   * objects stay on that key even if someone changes the bucket's default encryption.
   * @default - the bucket's default encryption
   */
  readonly kmsKeyId?: string;
}

/**
 * An S3 bucket as an ObjectStore. Every PutObject carries a SHA-256 checksum: S3 refuses a body
 * that does not match it, and keeps it with the object so an auditor can verify the evidence
 * later (`x-amz-checksum-sha256`). Retention is not set per object: the bucket's default Object
 * Lock retention applies to every version (one place to configure it, no extra permission).
 *
 * Every PutObject is conditional, `If-None-Match: *` (S3 conditional writes): S3 refuses it with
 * 412 when the key exists, so no write, ours or anyone's with the janitor's role, puts a new
 * current version over evidence. The stack's bucket policy denies the janitor's role any PutObject
 * without that condition (lib/report-archive.ts), so this is not only a habit of this code.
 */
export class S3ObjectStore implements ObjectStore {
  readonly #options: S3ObjectStoreOptions;

  constructor(options: S3ObjectStoreOptions) {
    if (!options.bucket) throw new Error('S3ObjectStore needs a bucket (set REPORT_ARCHIVE_BUCKET)');
    this.#options = options;
  }

  locationOf(key: string): string {
    return `s3://${this.#options.bucket}/${key}`;
  }

  async put(key: string, body: string, contentType: string): Promise<void> {
    const { s3, bucket, kmsKeyId } = this.#options;
    await this.#wrap('write', key, () =>
      s3.send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: body,
          ContentType: contentType,
          ChecksumAlgorithm: 'SHA256',
          IfNoneMatch: '*',
          ...(kmsKeyId ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: kmsKeyId, BucketKeyEnabled: true } : {}),
        }),
      ),
    );
  }

  async get(key: string): Promise<string> {
    const { s3, bucket } = this.#options;
    const response = await this.#wrap('read', key, () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    if (!response.Body) throw new Error(`could not read ${this.locationOf(key)}: S3 returned no body`);
    return response.Body.transformToString('utf-8');
  }

  async read(key: string): Promise<StoredObject> {
    const { s3, bucket } = this.#options;
    const response = await this.#wrap('read', key, () => s3.send(new GetObjectCommand({ Bucket: bucket, Key: key })));
    if (!response.Body) throw new Error(`could not read ${this.locationOf(key)}: S3 returned no body`);
    const bytes = await response.Body.transformToByteArray();
    return response.VersionId ? { bytes, versionId: response.VersionId } : { bytes };
  }

  async *list(prefix: string, startAfter?: string): AsyncIterable<string> {
    const { s3, bucket } = this.#options;
    let token: string | undefined;
    do {
      const page = await this.#wrap('list', prefix, () =>
        s3.send(
          new ListObjectsV2Command({
            Bucket: bucket,
            Prefix: prefix,
            ...(token ? { ContinuationToken: token } : startAfter ? { StartAfter: startAfter } : {}),
          }),
        ),
      );
      for (const object of page.Contents ?? []) if (object.Key) yield object.Key;
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** S3 errors name the operation and the key, never only "Access Denied". */
  async #wrap<T>(verb: string, key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (verb === 'write' && isExisting(error)) throw new ObjectExistsError(this.locationOf(key), { cause: error });
      const name = error instanceof Error && error.name !== 'Error' ? `${error.name}: ` : '';
      throw new Error(`could not ${verb} ${this.locationOf(key)}: ${name}${errorMessage(error)}`, { cause: error });
    }
  }
}

/** 412: the key exists; 409 ConditionalRequestConflict: another conditional write to it is under way. */
function isExisting(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  return error.name === 'PreconditionFailed' || error.name === 'ConditionalRequestConflict' || status === 412 || status === 409;
}
