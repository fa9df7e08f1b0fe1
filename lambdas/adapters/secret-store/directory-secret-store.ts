import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import * as z from 'zod';
import { ConfigError } from '../../core/config-error.js';
import { CURRENT, PENDING, PREVIOUS, type SecretDescription, type VersionStage } from '../../core/model/secret-versions.js';
import type { ManagedClientSecret, SecretStore, StagedSecretStore } from '../../core/ports.js';
import { clientRequestToken } from './client-request-token.js';
import { hideSecret } from '../../core/hide-secret.js';
import { managedClientSecretSchema, serializeManagedClientSecret } from './managed-client-secret.js';
import { parseSecretJson } from './parse-secret-json.js';

/** Versions (idempotency tokens) remembered per file, newest last. */
const VERSIONS_KEPT = 20;
const FILE_NAME_MAX = 200;
/** The version id of a value written before this store knew version ids. */
const FIRST_VERSION = 'initial';

const storedFileSchema = z.object({
  /** AWSCURRENT. */
  value: managedClientSecretSchema,
  tags: z.record(z.string(), z.string()).default({}),
  versions: z.array(z.string()).default([]),
  currentVersionId: z.string().optional(),
  previous: z.object({ versionId: z.string(), value: managedClientSecretSchema }).optional(),
  /** A rotation in progress: the version the steps build; no value until createSecret stored one. */
  pending: z.object({ versionId: z.string(), value: managedClientSecretSchema.optional() }).optional(),
  rotation: z
    .object({
      enabled: z.boolean(),
      lastRotatedAt: z.string().optional(),
      failure: z.object({ at: z.string(), step: z.string(), reason: z.string() }).optional(),
    })
    .optional(),
});
type StoredFile = z.output<typeof storedFileSchema>;

/**
 * The SecretStore over a local directory (CLI `--secrets-dir`): one JSON file per secret,
 * `{ value, tags, versions, ... }`, mode 0600 in a 0700 directory, written atomically (tmp +
 * rename) so a crash never leaves half a secret. Behaves like Secrets Manager where the core can
 * tell: tags merge, re-writing the same idempotency token is a no-op (a different value for the
 * same token is refused), and `staged` moves AWSCURRENT / AWSPENDING / AWSPREVIOUS as the
 * rotation protocol does, so the four steps run offline. The "ARN" is the file's absolute path.
 */
export class DirectorySecretStore implements SecretStore {
  readonly #directory: string;
  readonly #now: () => Date;
  /** The same secrets by stage, for the rotation protocol. */
  readonly staged: StagedSecretStore<ManagedClientSecret>;

  constructor(options: { directory: string; now?: () => Date }) {
    this.#directory = resolve(options.directory);
    this.#now = options.now ?? (() => new Date());
    // A secret is named by its name or by its "ARN" (the file path describe returns), as in Secrets Manager.
    const named = (id: string) => this.#nameOf(id);
    this.staged = {
      describe: async (id) => describeFile(named(id), this.pathOf(named(id)), await this.#existing(named(id))),
      readStage: async (id, stage, versionId) => valueAt(await this.#existing(named(id)), stage, versionId),
      putPending: (id, versionId, value) => this.#update(named(id), (file) => putPending(named(id), file, versionId, value)),
      promote: (id, versionId, fromVersionId) => this.#update(named(id), (file) => promote(named(id), file, versionId, fromVersionId, this.#now())),
      dropPending: (id, versionId) =>
        this.#update(named(id), (file) => (file.pending?.versionId === versionId ? { ...file, pending: undefined } : file)),
      noteRotationFailure: (id, failure) =>
        this.#update(named(id), (file) => ({ ...file, rotation: { enabled: file.rotation?.enabled ?? false, ...withoutFailure(file.rotation), ...(failure ? { failure } : {}) } })),
    };
  }

  /** The secret name behind `id`: a name, or a path this store gave out (hashed long names excepted). */
  #nameOf(id: string): string {
    const prefix = `${this.#directory}/`;
    if (!id.startsWith(prefix) || !id.endsWith('.json')) return id;
    const file = id.slice(prefix.length, -'.json'.length);
    if (file.includes('/') || file.includes('~')) return id;
    try {
      return decodeURIComponent(file);
    } catch {
      return id;
    }
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

  async readPending(name: string): Promise<ManagedClientSecret | undefined> {
    const file = await this.#readFile(name);
    return file ? valueAt(file, PENDING) : undefined;
  }

  async readPrevious(name: string): Promise<ManagedClientSecret | undefined> {
    const file = await this.#readFile(name);
    return file ? valueAt(file, PREVIOUS) : undefined;
  }

  async describe(name: string): Promise<SecretDescription | undefined> {
    const file = await this.#readFile(name);
    return file ? describeFile(name, this.pathOf(name), file) : undefined;
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
    const stored: StoredFile = {
      ...existing,
      value: JSON.parse(text) as ManagedClientSecret,
      tags: { ...existing?.tags, ...options.tags },
      versions: [...(existing?.versions ?? []), token].slice(-VERSIONS_KEPT),
      currentVersionId: token,
      ...(existing ? { previous: { versionId: currentVersionOf(existing), value: existing.value } } : {}),
    };
    await this.#writeFile(path, stored);
    return { arn: path };
  }

  /**
   * The local stand-in for RotateSecret: turns rotation on and stages `token` as a value-less
   * AWSPENDING version, as Secrets Manager does before it calls createSecret. A rotation that did
   * not finish is resumed instead (its token is returned), as Secrets Manager retries one.
   */
  async startRotation(name: string, token: string): Promise<string> {
    let used = token;
    await this.#update(name, (file) => {
      const pending = file.pending;
      const rotation = { ...file.rotation, enabled: true };
      if (pending && pending.versionId !== currentVersionOf(file)) {
        used = pending.versionId;
        return { ...file, rotation };
      }
      return { ...file, rotation, pending: { versionId: token } };
    });
    return used;
  }

  async #existing(name: string): Promise<StoredFile> {
    const file = await this.#readFile(name);
    if (!file) throw new ConfigError(`Secret "${name}" was not found in ${this.#directory}: check the name and --secrets-dir`);
    return file;
  }

  async #update(name: string, change: (file: StoredFile) => StoredFile): Promise<void> {
    const before = await this.#existing(name);
    const after = change(before);
    if (after !== before) await this.#writeFile(this.pathOf(name), after);
  }

  async #writeFile(path: string, stored: StoredFile): Promise<void> {
    // Plain copies: values read from disk carry hideSecret's redacting toJSON.
    const plain = (value: ManagedClientSecret) => JSON.parse(serializeManagedClientSecret(value)) as unknown;
    const out = {
      ...stored,
      value: plain(stored.value),
      ...(stored.previous ? { previous: { ...stored.previous, value: plain(stored.previous.value) } } : {}),
      ...(stored.pending ? { pending: { versionId: stored.pending.versionId, ...(stored.pending.value ? { value: plain(stored.pending.value) } : {}) } } : {}),
    };
    await mkdir(this.#directory, { recursive: true, mode: 0o700 });
    await writeAtomically(path, `${JSON.stringify(out, null, 2)}\n`);
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
    const hide = (value: ManagedClientSecret) => hideSecret(value, 'clientSecret');
    return {
      ...stored,
      value: hide(stored.value),
      ...(stored.previous ? { previous: { ...stored.previous, value: hide(stored.previous.value) } } : {}),
      ...(stored.pending?.value ? { pending: { ...stored.pending, value: hide(stored.pending.value) } } : {}),
    };
  }
}

function currentVersionOf(file: StoredFile): string {
  return file.currentVersionId ?? file.versions.at(-1) ?? FIRST_VERSION;
}

function describeFile(name: string, path: string, file: StoredFile): SecretDescription {
  const versions: Record<string, string[]> = {};
  const add = (id: string, stage: VersionStage) => (versions[id] = [...(versions[id] ?? []), stage]);
  add(currentVersionOf(file), CURRENT);
  if (file.previous) add(file.previous.versionId, PREVIOUS);
  if (file.pending) add(file.pending.versionId, PENDING);
  return {
    arn: path,
    name,
    rotationEnabled: file.rotation?.enabled ?? false,
    rotationAfterDays: null,
    versions,
    lastRotatedAt: file.rotation?.lastRotatedAt ?? null,
    nextRotationAt: null,
    rotationFailure: file.rotation?.failure ?? null,
  };
}

function valueAt(file: StoredFile, stage: VersionStage, versionId?: string): ManagedClientSecret | undefined {
  const matches = (id: string) => versionId === undefined || versionId === id;
  const current = currentVersionOf(file);
  if (stage === CURRENT) return matches(current) ? file.value : undefined;
  if (stage === PREVIOUS) return file.previous && matches(file.previous.versionId) ? file.previous.value : undefined;
  const pending = file.pending;
  if (!pending || !matches(pending.versionId)) return undefined;
  return pending.value ?? (pending.versionId === current ? file.value : undefined);
}

/** PutSecretValue with VersionStages [AWSPENDING]: a version's value can never change once stored. */
function putPending(name: string, file: StoredFile, versionId: string, value: ManagedClientSecret): StoredFile {
  const text = serializeManagedClientSecret(value);
  const held = [
    ...(currentVersionOf(file) === versionId ? [file.value] : []),
    ...(file.previous?.versionId === versionId ? [file.previous.value] : []),
    ...(file.pending?.versionId === versionId && file.pending.value ? [file.pending.value] : []),
  ];
  if (held.length > 0) {
    if (held.every((stored) => serializeManagedClientSecret(stored) === text)) return file;
    throw new Error(`Secret "${name}" already holds a different value in version ${versionId}; a version never changes`);
  }
  return {
    ...file,
    pending: { versionId, value: JSON.parse(text) as ManagedClientSecret },
    versions: file.versions.includes(versionId) ? file.versions : [...file.versions, versionId].slice(-VERSIONS_KEPT),
  };
}

/** UpdateSecretVersionStage AWSCURRENT: the old current becomes AWSPREVIOUS; AWSPENDING stays, as on AWS. */
function promote(name: string, file: StoredFile, versionId: string, fromVersionId: string | undefined, now: Date): StoredFile {
  const current = currentVersionOf(file);
  if (current === versionId) return file;
  if (fromVersionId !== current) {
    throw new Error(`Secret "${name}": AWSCURRENT is on version ${current}, not ${fromVersionId ?? '(none)'}; nothing was moved`);
  }
  const value = file.pending?.versionId === versionId ? file.pending.value : undefined;
  if (!value) throw new Error(`Secret "${name}" has no value in version ${versionId}; nothing was moved`);
  return {
    ...file,
    value,
    currentVersionId: versionId,
    previous: { versionId: current, value: file.value },
    rotation: { ...file.rotation, enabled: file.rotation?.enabled ?? false, lastRotatedAt: now.toISOString() },
  };
}

function withoutFailure(rotation: StoredFile['rotation']): { enabled?: boolean; lastRotatedAt?: string } {
  if (!rotation) return {};
  const { failure: _failure, ...rest } = rotation;
  return rest;
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
