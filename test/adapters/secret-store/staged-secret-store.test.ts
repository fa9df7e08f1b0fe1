import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateSecretCommand, DescribeSecretCommand, RotateSecretCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectorySecretStore } from '../../../lambdas/adapters/secret-store/directory-secret-store.js';
import { SecretsManagerSecretStore } from '../../../lambdas/adapters/secret-store/secrets-manager-secret-store.js';
import { SecretsManagerStagedStore } from '../../../lambdas/adapters/secret-store/secrets-manager-staged-store.js';
import { managedClientSecretCodec, serializeManagedClientSecret } from '../../../lambdas/adapters/secret-store/managed-client-secret.js';
import type { ManagedClientSecret, StagedSecretStore } from '../../../lambdas/core/ports.js';
import { createMotoLambdaFunction } from '../../support/moto-lambda-function.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../../support/moto-server.js';
import { failure } from './failure.js';

/*
 * The staged store contract, run against Secrets Manager (moto) and the directory store alike:
 * the four-step protocol must see the same stages from both, so the CLI's offline rotation
 * behaves as the Lambda's.
 */

const OLD: ManagedClientSecret = {
  clientId: 'old-client',
  clientSecret: 'CANARY-old-secret-11aa',
  baseUrl: 'https://acme.api.identitynow.com',
  rotatedAt: '2026-09-01T02:00:00.000Z',
  previousClientId: null,
};
const NEW: ManagedClientSecret = { ...OLD, clientId: 'new-client', clientSecret: 'CANARY-new-secret-22bb', rotatedAt: '2026-11-30T02:00:00.000Z', previousClientId: 'old-client' };

interface Backend {
  readonly label: string;
  readonly store: StagedSecretStore<ManagedClientSecret>;
  /** A secret holding OLD, then a rotation started with `token` (AWSPENDING staged without a value). */
  rotating(token: string): Promise<{ secretId: string; firstVersion: string }>;
}

let moto: MotoServer;
let sm: SecretsManagerClient;
let fn: string;
let dir: string;
let directory: DirectorySecretStore;

beforeAll(async () => {
  moto = await startMoto();
  sm = new SecretsManagerClient(motoClientConfig(moto));
  fn = await createMotoLambdaFunction(moto);
  dir = await mkdtemp(join(tmpdir(), 'staged-store-'));
  directory = new DirectorySecretStore({ directory: dir, now: () => new Date('2026-12-01T00:00:00.000Z') });
});
afterAll(async () => {
  await moto?.stop();
  await rm(dir, { recursive: true, force: true });
});

const backends: (() => Backend)[] = [
  () => ({
    label: 'Secrets Manager (moto)',
    store: new SecretsManagerStagedStore({ client: sm, codec: managedClientSecretCodec, what: 'managed client secret' }),
    async rotating(token) {
      const created = await sm.send(new CreateSecretCommand({ Name: uniqueName('managed'), SecretString: serializeManagedClientSecret(OLD) }));
      await sm.send(new RotateSecretCommand({ SecretId: created.ARN, RotationLambdaARN: fn, RotationRules: { AutomaticallyAfterDays: 30 }, ClientRequestToken: token }));
      return { secretId: created.ARN!, firstVersion: created.VersionId! };
    },
  }),
  () => ({
    label: 'directory store',
    store: directory.staged,
    async rotating(token) {
      const name = uniqueName('managed');
      await directory.write(name, OLD, { idempotencyToken: OLD.clientId, tags: {} });
      const firstVersion = Object.keys((await directory.staged.describe(name)).versions)[0]!;
      await directory.startRotation(name, token);
      return { secretId: name, firstVersion };
    },
  }),
];

describe.each(backends.map((make) => [make]))('StagedSecretStore', (make) => {
  let backend: Backend;
  beforeAll(() => {
    backend = make();
  });

  it('shows the token staged as a value-less AWSPENDING version beside AWSCURRENT', async () => {
    const token = randomUUID();
    const { secretId, firstVersion } = await backend.rotating(token);

    const described = await backend.store.describe(secretId);
    expect(described.rotationEnabled).toBe(true);
    expect(described.versions).toEqual({ [firstVersion]: ['AWSCURRENT'], [token]: ['AWSPENDING'] });
    await expect(backend.store.readStage(secretId, 'AWSPENDING', token)).resolves.toBeUndefined();
    await expect(backend.store.readStage(secretId, 'AWSCURRENT')).resolves.toEqual(OLD);
  });

  it('stores the pending value under the token, takes the same value again, and promotes it to AWSCURRENT', async () => {
    const token = randomUUID();
    const { secretId, firstVersion } = await backend.rotating(token);

    await backend.store.putPending(secretId, token, NEW);
    await backend.store.putPending(secretId, token, NEW);
    await expect(backend.store.readStage(secretId, 'AWSPENDING', token)).resolves.toEqual(NEW);
    await expect(backend.store.readStage(secretId, 'AWSCURRENT')).resolves.toEqual(OLD);

    await backend.store.promote(secretId, token, firstVersion);

    const described = await backend.store.describe(secretId);
    expect(described.versions).toEqual({ [firstVersion]: ['AWSPREVIOUS'], [token]: expect.arrayContaining(['AWSCURRENT', 'AWSPENDING']) });
    await expect(backend.store.readStage(secretId, 'AWSCURRENT')).resolves.toEqual(NEW);
    await expect(backend.store.readStage(secretId, 'AWSPREVIOUS')).resolves.toEqual(OLD);
    expect(JSON.stringify(await backend.store.readStage(secretId, 'AWSCURRENT'))).not.toContain(NEW.clientSecret);
  });

  it('refuses to move AWSCURRENT from a version that does not carry it, and changes nothing', async () => {
    const token = randomUUID();
    const { secretId } = await backend.rotating(token);
    await backend.store.putPending(secretId, token, NEW);

    await failure(backend.store.promote(secretId, token, randomUUID()));

    await expect(backend.store.readStage(secretId, 'AWSCURRENT')).resolves.toEqual(OLD);
  });

  it('drops AWSPENDING from a rolled-back version, leaving AWSCURRENT alone', async () => {
    const token = randomUUID();
    const { secretId, firstVersion } = await backend.rotating(token);
    await backend.store.putPending(secretId, token, NEW);

    await backend.store.dropPending(secretId, token);

    const described = await backend.store.describe(secretId);
    expect(described.versions[firstVersion]).toEqual(['AWSCURRENT']);
    expect(described.versions[token] ?? []).not.toContain('AWSPENDING');
    await expect(backend.store.readStage(secretId, 'AWSPENDING', token)).resolves.toBeUndefined();
    await expect(backend.store.readStage(secretId, 'AWSCURRENT')).resolves.toEqual(OLD);
  });

  it('notes a failed step where describe shows it, and clears it again', async () => {
    const { secretId } = await backend.rotating(randomUUID());
    const noted = { at: '2026-12-01T02:00:00.000Z', step: 'testSecret', reason: "ISC refused the successor's token (401)" };

    await backend.store.noteRotationFailure(secretId, noted);
    const failed = (await backend.store.describe(secretId)).rotationFailure;
    expect(failed).toMatchObject({ at: noted.at, step: 'testSecret' });
    // Secrets Manager tags allow few characters: the quote and parentheses may become `_`.
    expect(failed?.reason).toMatch(/^ISC refused the successor.s token .401.$/);

    await backend.store.noteRotationFailure(secretId, null);
    expect((await backend.store.describe(secretId)).rotationFailure).toBeNull();
  });

  it('names the secret when it does not exist', async () => {
    const error = await failure(backend.store.describe(`absent-${randomUUID()}`));
    expect(error.message).toMatch(/absent-[0-9a-f-]+/);
  });
});

describe('SecretsManagerSecretStore rotation state (moto)', () => {
  it('enables rotation with the configured function and schedule, without rotating now', async () => {
    const store = new SecretsManagerSecretStore({ client: sm, rotationFunctionArn: fn });
    const name = uniqueName('adopted');
    await store.write(name, OLD, { idempotencyToken: OLD.clientId, tags: {} });
    expect((await store.describe(name))?.rotationEnabled).toBe(false);

    await store.enableRotation!(name, 90);

    const described = await store.describe(name);
    expect(described).toMatchObject({ rotationEnabled: true, rotationAfterDays: 90 });
    expect(described?.nextRotationAt).not.toBeNull();
    await expect(store.read(name)).resolves.toEqual(OLD);
    expect((await sm.send(new DescribeSecretCommand({ SecretId: name }))).RotationLambdaARN).toBe(fn);
  });

  it('offers no enableRotation without a rotation function, and describes an absent secret as undefined', async () => {
    const store = new SecretsManagerSecretStore({ client: sm });
    expect(store.enableRotation).toBeUndefined();
    await expect(store.describe(uniqueName('absent'))).resolves.toBeUndefined();
    await expect(store.readPending(uniqueName('absent'))).resolves.toBeUndefined();
  });
});

describe('DirectorySecretStore rotation', () => {
  it('resumes a rotation that did not finish instead of starting a second one', async () => {
    const name = uniqueName('resume');
    await directory.write(name, OLD, { idempotencyToken: OLD.clientId, tags: {} });
    const first = await directory.startRotation(name, randomUUID());
    await expect(directory.startRotation(name, randomUUID())).resolves.toBe(first);
  });

  it('keeps the stages in its 0600 file, never a value outside the versions', async () => {
    const name = uniqueName('file');
    await directory.write(name, OLD, { idempotencyToken: OLD.clientId, tags: {} });
    const token = await directory.startRotation(name, randomUUID());
    await directory.staged.putPending(name, token, NEW);
    const file = JSON.parse(await readFile(directory.pathOf(name), 'utf8')) as { value: unknown; pending: { versionId: string; value: unknown } };
    expect(file.value).toEqual(OLD);
    expect(file.pending).toEqual({ versionId: token, value: NEW });
    await expect(directory.readPending(name)).resolves.toEqual(NEW);
  });
});
