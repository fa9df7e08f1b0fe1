import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import type { ManagedClientSecret, SecretStore } from '../../core/ports.js';
import { clientRequestToken } from './client-request-token.js';
import { hideSecret } from '../../core/hide-secret.js';
import { managedClientSecretSchema, serializeManagedClientSecret } from './managed-client-secret.js';
import { parseSecretJson } from './parse-secret-json.js';

/** Versions (idempotency tokens) remembered per file, newest last. */
const VERSIONS_KEPT = 20;
const FILE_NAME_MAX = 200;

const storedFileSchema = z.object({
  value: managedClientSecretSchema,
  tags: z.record(z.string(), z.string()).default({}),
  versions: z.array(z.string()).default([]),
});
type StoredFile = z.output<typeof storedFileSchema>;

/**
 * The SecretStore over a local directory (CLI `--secrets-dir`): one JSON file per secret,
 * `{ value, tags, versions }`, mode 0600 in a 0700 directory, written atomically (tmp + rename)
 * so a crash never leaves half a secret. Behaves like Secrets Manager where the core can tell:
 * tags merge, and re-writing the same idempotency token is a no-op (a different value for the
 * same token is refused). The "ARN" is the file's absolute path.
 */
export class DirectorySecretStore implements SecretStore {
  readonly #directory: string;

  constructor(options: { directory: string }) {
    this.#directory = resolve(options.directory);
  }

  /** The file that holds `name`: reversible percent-encoding, hashed when too long. */
  pathOf(name: string): string {
    if (!name) throw new Error('a secret name is required');
    const encoded = encodeURIComponent(name).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
    const file =
      encoded.length <= FILE_NAME_MAX
        ? encoded
        : `${encoded.slice(0, FILE_NAME_MAX - 17)}~${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
    return join(this.#directory, `${file}.json`);
  }

  async read(name: string): Promise<ManagedClientSecret | undefined> {
    return (await this.#readFile(name))?.value;
  }

  async write(
    name: string,
    value: ManagedClientSecret,
    options: { idempotencyToken: string; tags: Readonly<Record<string, string>> },
  ): Promise<{ arn: string }> {
    const path = this.pathOf(name);
    const token = clientRequestToken(options.idempotencyToken);
    const existing = await this.#readFile(name);
    const text = serializeManagedClientSecret(value);
    if (existing?.versions.includes(token)) {
      if (serializeManagedClientSecret(existing.value) === text) return { arn: path };
      throw new Error(`Secret "${name}" already holds a different value for this idempotency token; refusing to overwrite it`);
    }
    const stored = {
      value: JSON.parse(text) as unknown,
      tags: { ...existing?.tags, ...options.tags },
      versions: [...(existing?.versions ?? []), token].slice(-VERSIONS_KEPT),
    };
    await mkdir(this.#directory, { recursive: true, mode: 0o700 });
    await writeAtomically(path, `${JSON.stringify(stored, null, 2)}\n`);
    return { arn: path };
  }

  async #readFile(name: string): Promise<StoredFile | undefined> {
    const path = this.pathOf(name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const stored = parseSecretJson(text, storedFileSchema, `secret file ${path}`, '{"value": {...}, "tags": {...}}');
    return { ...stored, value: hideSecret(stored.value, 'clientSecret') };
  }
}

/** Write a sibling temp file (0600 from birth), flush it, then rename over the target. */
async function writeAtomically(path: string, content: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(tmp, 'wx', 0o600);
    try {
      await handle.chmod(0o600); // the umask may have narrowed it; never widened, but be exact
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}
