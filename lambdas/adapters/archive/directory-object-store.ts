import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { ObjectStore } from './object-store.js';

/**
 * A local directory as an ObjectStore, with the archive's keys as relative paths, so `history`
 * and Athena-style tools read a local archive exactly like the bucket. Files are 0600 and folders
 * 0700 (reports name every client of a tenant); each file is written to a temporary name and
 * renamed, so a reader never sees half a report.
 */
export class DirectoryObjectStore implements ObjectStore {
  readonly #root: string;

  constructor(directory: string) {
    this.#root = resolve(directory);
  }

  locationOf(key: string): string {
    return this.#pathOf(key);
  }

  async put(key: string, body: string): Promise<void> {
    const path = this.#pathOf(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temporary = join(dirname(path), `.${randomUUID()}.tmp`);
    try {
      await writeFile(temporary, body, { encoding: 'utf8', mode: 0o600, flag: 'wx' });
      await rename(temporary, path);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<string> {
    return readFile(this.#pathOf(key), 'utf8');
  }

  async *list(prefix: string, startAfter?: string): AsyncIterable<string> {
    // Prefixes end at a folder boundary here (`reports/`, `reports/tenant=acme/`), as the archive lists.
    const keys = await this.#filesUnder(this.#pathOf(prefix));
    for (const key of keys.sort(byUtf8)) if (startAfter === undefined || byUtf8(key, startAfter) > 0) yield key;
  }

  async #filesUnder(directory: string): Promise<string[]> {
    const entries = await readdir(directory, { withFileTypes: true, recursive: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => relative(this.#root, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }

  /** The archive encodes every key segment; this refuses anything that would still leave the root. */
  #pathOf(key: string): string {
    const path = resolve(this.#root, ...key.split('/'));
    if (path !== this.#root && !path.startsWith(this.#root + sep)) throw new Error(`archive key ${key} would leave ${this.#root}`);
    return path;
  }
}

/** S3 lists keys in UTF-8 byte order; JavaScript compares UTF-16 units. Keys here are ASCII, but be exact. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
