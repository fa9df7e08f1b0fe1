import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DirectorySecretStore } from '../../../lambdas/adapters/secret-store/directory-secret-store.js';
import { ConfigError } from '../../../lambdas/core/config-error.js';
import { failure } from './failure.js';
import type { ManagedClientSecret } from '../../../lambdas/core/ports.js';

const NAME = 'isc-oauth-janitor/clients/acme/payroll-export';
const CANARY = 'CANARY-local-secret-1a2b3c';
const value: ManagedClientSecret = {
  clientId: 'successor-1',
  clientSecret: CANARY,
  baseUrl: 'http://127.0.0.1:4010',
  rotatedAt: '2026-11-23T02:00:01.000Z',
  previousClientId: 'predecessor',
};
const options = { idempotencyToken: 'successor-1', tags: { 'managed-by': 'isc-oauth-janitor' } };

describe('DirectorySecretStore', () => {
  let root: string;
  let directory: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'janitor-secrets-'));
    directory = join(root, 'secrets');
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes one 0600 file per secret in a 0700 directory and reads it back', async () => {
    const store = new DirectorySecretStore({ directory });
    const { arn } = await store.write(NAME, value, options);

    expect(arn).toBe(join(directory, 'isc-oauth-janitor%2Fclients%2Facme%2Fpayroll-export.json'));
    expect((await stat(arn)).mode & 0o777).toBe(0o600);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect(await readdir(directory)).toEqual(['isc-oauth-janitor%2Fclients%2Facme%2Fpayroll-export.json']);
    const file = JSON.parse(await readFile(arn, 'utf8')) as { value: unknown; tags: unknown; versions: string[] };
    expect(file).toMatchObject({ value, tags: options.tags });
    expect(file.versions).toHaveLength(1);
    await expect(store.read(NAME)).resolves.toEqual(value);
  });

  it('overwrites with a new version, merging tags, and leaves no temp files', async () => {
    const store = new DirectorySecretStore({ directory });
    await store.write(NAME, value, options);
    const next = { ...value, clientId: 'successor-2', clientSecret: 'second', previousClientId: 'successor-1' };
    await store.write(NAME, next, { idempotencyToken: 'successor-2', tags: { 'isc-client-name': 'Payroll export' } });

    await expect(store.read(NAME)).resolves.toEqual(next);
    const file = JSON.parse(await readFile(store.pathOf(NAME), 'utf8')) as { tags: unknown; versions: string[] };
    expect(file.tags).toEqual({ 'managed-by': 'isc-oauth-janitor', 'isc-client-name': 'Payroll export' });
    expect(file.versions).toHaveLength(2);
    expect((await stat(store.pathOf(NAME))).mode & 0o777).toBe(0o600);
    expect(await readdir(directory)).toHaveLength(1);
  });

  it('treats a retried write with the same token as done, and refuses a different value for it', async () => {
    const store = new DirectorySecretStore({ directory });
    await store.write(NAME, value, options);
    const before = await readFile(store.pathOf(NAME), 'utf8');
    await store.write(NAME, value, options);
    expect(await readFile(store.pathOf(NAME), 'utf8')).toBe(before);

    const error = await failure(store.write(NAME, { ...value, clientSecret: 'other' }, options));
    expect(error.message).toMatch(/already holds a different value/);
    expect(error.message).not.toContain(CANARY);
  });

  it('reads a missing secret as undefined', async () => {
    await expect(new DirectorySecretStore({ directory }).read(NAME)).resolves.toBeUndefined();
  });

  it('names the file, not the value, when a file is malformed', async () => {
    const store = new DirectorySecretStore({ directory });
    await store.write(NAME, value, options);
    await writeFile(store.pathOf(NAME), JSON.stringify({ value: { ...value, clientId: '' } }));
    const error = await failure(store.read(NAME));
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message).toContain(store.pathOf(NAME));
    expect(error.message).toMatch(/value\.clientId: must not be empty/);
    expect(error.message).not.toContain(CANARY);
  });

  it('hides the read secret from JSON', async () => {
    const store = new DirectorySecretStore({ directory });
    await store.write(NAME, value, options);
    expect(JSON.stringify(await store.read(NAME))).not.toContain(CANARY);
  });

  it('maps distinct names to distinct, short, safe file names', () => {
    const store = new DirectorySecretStore({ directory });
    const long = `p/${'a'.repeat(500)}`;
    const files = ['a/b', 'a_b', 'a%2Fb', long, `${long}x`].map((name) => store.pathOf(name).slice(directory.length + 1));
    expect(new Set(files).size).toBe(files.length);
    for (const file of files) {
      expect(file).toMatch(/^[A-Za-z0-9%._~-]+\.json$/);
      expect(file.length).toBeLessThanOrEqual(205);
    }
  });
});
