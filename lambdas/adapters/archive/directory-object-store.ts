import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { link, lstat, mkdir, open, readdir, stat, unlink } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { ObjectExistsError } from './object-exists-error.js';
import type { ObjectStore, StoredObject } from './object-store.js';

/**
 * A local directory as an ObjectStore, with the archive's keys as relative paths, so `history`
 * and Athena-style tools read a local archive exactly like the bucket. Files are 0600 and folders
 * 0700 (reports name every client of a tenant).
 *
 * Written once, like the bucket: each file is written under a temporary name (O_EXCL|O_NOFOLLOW)
 * and hard-linked to its key, which fails on any existing name, a symbolic link included; a reader
 * never sees half a file and nothing is replaced. No path below the root is followed through a
 * symbolic link, for writes and reads alike: every folder on the way is checked with lstat, and
 * files are opened with O_NOFOLLOW. (The check looks at the file system, not at the path's text.)
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
    await this.#folders(dirname(path), { create: true });
    const temporary = join(dirname(path), `.${randomUUID()}.tmp`);
    const file = await open(temporary, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await file.writeFile(body, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    try {
      await link(temporary, path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new ObjectExistsError(path, { cause: error });
      throw error;
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  async get(key: string): Promise<string> {
    return Buffer.from((await this.read(key)).bytes).toString('utf8');
  }

  async read(key: string): Promise<StoredObject> {
    const path = this.#pathOf(key);
    await this.#folders(dirname(path), { create: false });
    const file = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW).catch((error: NodeJS.ErrnoException) => {
      // Linux says ELOOP for a symbolic link opened with O_NOFOLLOW: name the real reason.
      if (error.code === 'ELOOP') throw new Error(`${path} is a symbolic link; the archive follows none`, { cause: error });
      throw error;
    });
    try {
      return { bytes: await file.readFile() };
    } finally {
      await file.close();
    }
  }

  /**
   * Why this folder cannot serve as proof, naming the path: the root or anything in it is
   * writable by group or others, or a symbolic link lies inside. Undefined when it can (or does
   * not exist yet). Reports are still written to such a folder; only what it says cannot be trusted.
   */
  async untrusted(): Promise<string | undefined> {
    const root = await stat(this.#root).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!root) return undefined;
    if (root.mode & 0o022) return `${this.#root} is writable by group or others (mode ${modeOf(root.mode)})`;
    for (const entry of await readdir(this.#root, { withFileTypes: true, recursive: true })) {
      const path = join(entry.parentPath, entry.name);
      if (entry.isSymbolicLink()) return `${path} is a symbolic link`;
      const { mode } = await lstat(path);
      if (mode & 0o022) return `${path} is writable by group or others (mode ${modeOf(mode)})`;
    }
    return undefined;
  }

  async *list(prefix: string, startAfter?: string): AsyncIterable<string> {
    // Prefixes end at a folder boundary here (`reports/`, `reports/tenant=acme/`), as the archive lists.
    const keys = await this.#filesUnder(this.#pathOf(prefix));
    for (const key of keys.sort(byUtf8)) if (startAfter === undefined || byUtf8(key, startAfter) > 0) yield key;
  }

  async #filesUnder(directory: string): Promise<string[]> {
    const exists = await this.#folders(directory, { create: false }).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    if (!exists) return [];
    // Recursive readdir does not descend into symbolic links, and isFile() is false for them.
    const entries = await readdir(directory, { withFileTypes: true, recursive: true });
    return entries
      .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
      .map((entry) => relative(this.#root, join(entry.parentPath, entry.name)).split(sep).join('/'));
  }

  /**
   * Each folder below the root down to `directory` is a real folder (created 0700 when asked),
   * never a link. The root itself is the one path taken as given (the person named it; on macOS
   * even /tmp is a link).
   */
  async #folders(directory: string, options: { readonly create: boolean }): Promise<void> {
    if (options.create) await mkdir(this.#root, { recursive: true, mode: 0o700 });
    if (!(await stat(this.#root)).isDirectory()) throw new Error(`${this.#root} is not a folder`);
    let path = this.#root;
    for (const part of relative(this.#root, directory).split(sep).filter(Boolean)) {
      path = join(path, part);
      if (options.create) {
        await mkdir(path, { mode: 0o700 }).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'EEXIST') throw error;
        });
      }
      const stats = await lstat(path);
      if (stats.isSymbolicLink()) throw new Error(`${path} is a symbolic link; the archive follows none`);
      if (!stats.isDirectory()) throw new Error(`${path} is not a folder`);
    }
  }

  /** The archive encodes every key segment; this refuses anything that would still leave the root. */
  #pathOf(key: string): string {
    const path = resolve(this.#root, ...key.split('/'));
    if (path !== this.#root && !path.startsWith(this.#root + sep)) throw new Error(`archive key ${key} would leave ${this.#root}`);
    return path;
  }
}

function modeOf(mode: number): string {
  return (mode & 0o777).toString(8).padStart(3, '0');
}

/** S3 lists keys in UTF-8 byte order; JavaScript compares UTF-16 units. Keys here are ASCII, but be exact. */
function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
