/**
 * The little the report archive needs from a storage: put, get and an ordered listing. S3 and a
 * local directory both provide it, so the archive's layout and reading logic exist once
 * (StoredReportArchive) and both places hold the very same keys.
 */
export interface ObjectStore {
  /** Where a key is, for people: `s3://bucket/key` or a file path. */
  locationOf(key: string): string;
  /**
   * Writes a new object. Evidence is written once: a key that already exists is never replaced,
   * the write fails with an ObjectExistsError instead.
   */
  put(key: string, body: string, contentType: string): Promise<void>;
  get(key: string): Promise<string>;
  /**
   * The object's exact bytes and, in a versioned bucket, the version read: what an evidence pack
   * hashes and names, so an auditor can fetch the very same version and compare.
   */
  read(key: string): Promise<StoredObject>;
  /**
   * Keys under `prefix` in ascending (UTF-8 byte) order, only those after `startAfter` when given,
   * as S3 lists them. Lazy: a caller that stops early stops the listing.
   */
  list(prefix: string, startAfter?: string): AsyncIterable<string>;
}

/** One object as stored: its bytes and the S3 version id (absent for a file or an unversioned bucket). */
export interface StoredObject {
  readonly bytes: Uint8Array;
  readonly versionId?: string;
}
