import { randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  DescribeSecretCommand,
  GetSecretValueCommand,
  RotateSecretCommand,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { CreateTopicCommand, PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { afterAll, afterEach, beforeAll, vi } from 'vitest';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { createHandler } from '../../lambdas/janitor/create-handler.js';
import type { SandboxOptions } from '../../sandbox/start-sandbox.js';
import { captureOutput } from './capture-output.js';
import type { RotationStep, SecretDescription } from '../../lambdas/core/model/secret-versions.js';
import { managedClientSecretCodec } from '../../lambdas/adapters/secret-store/managed-client-secret.js';
import { SecretsManagerStagedStore } from '../../lambdas/adapters/secret-store/secrets-manager-staged-store.js';
import type { RotationStepResult } from '../../lambdas/app/secrets-manager-rotation/secret-rotation-deps.js';
import { createRotationHandler } from '../../lambdas/janitor/create-rotation-handler.js';
import type { OAuthClient } from '../core/make-client.js';
import { startSandbox, type Sandbox } from '../../sandbox/start-sandbox.js';
import { recordingLogger } from '../chaos/recording-logger.js';
import { createMotoLambdaFunction } from '../support/moto-lambda-function.js';
import { motoClientConfig, startMoto, uniqueName, type MotoServer } from '../support/moto-server.js';
import { daysAgo, makeClient, NOW } from '../core/make-client.js';

/**
 * The rotation function against an independent Secrets Manager (moto, one per test file) and a
 * sandbox tenant over real HTTP (one per test). Secrets Manager's side of a rotation is real
 * moto: RotateSecret stages the token as AWSPENDING; moto's stub Lambda runs no code, so the
 * test invokes the handler for each step, as Secrets Manager would, in any order it likes.
 */
export const SELF_ID = 'rot0000000000000000000000005e1f00';
export const SELF_SECRET = 'janitor-pat-secret-0b1c2d3e4f5a6b';
export const MANAGED = 'ci-deploy';
export const CURRENT_ID = 'rot000000000000000000000000c00001';
export const CURRENT_SECRET = 'current-client-secret-9f8e7d6c5b4a';
export const FAST = { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 }, rateLimit: false } as const;

let moto: MotoServer;
let sm: SecretsManagerClient;
let sns: SNSClient;
/** Every report the nightly runs published (moto keeps no message without a subscriber). */
const published: PublishCommandInput[] = [];
let rotationFunctionArn: string;
const opened: Sandbox[] = [];

/** Call once at the top of a test file. */
export function useMoto(): void {
  beforeAll(async () => {
    moto = await startMoto();
    sm = new SecretsManagerClient(motoClientConfig(moto));
    sns = new SNSClient(motoClientConfig(moto));
    const send = sns.send.bind(sns) as (command: unknown) => Promise<unknown>;
    sns.send = ((command: unknown) => {
      if (command instanceof PublishCommand) published.push(command.input);
      return send(command);
    }) as typeof sns.send;
    rotationFunctionArn = await createMotoLambdaFunction(moto);
  });
  afterAll(async () => {
    await moto?.stop();
  });
  afterEach(async () => {
    for (const sandbox of opened.splice(0)) await sandbox.close();
  });
}

/** moto's Secrets Manager and the stub rotation function it knows (after useMoto's beforeAll). */
export function motoSecrets(): { readonly sm: SecretsManagerClient; readonly rotationFunctionArn: string } {
  return { sm, rotationFunctionArn };
}

export interface RotationWorld {
  readonly sandbox: Sandbox;
  readonly sm: SecretsManagerClient;
  /** The janitor's credentials secret (ARN) and the name the environment uses for it. */
  readonly janitorSecretArn: string;
  readonly janitorSecretName: string;
  /** The managed client secret (ARN), named `{managedPrefix}acme/ci-deploy`. */
  readonly managedSecretArn: string;
  /** The policy's rotation.secretPrefix that names it. */
  readonly managedPrefix: string;
  readonly logger: ReturnType<typeof recordingLogger>;
  /** The clock shared by the sandbox, the rotation function and the nightly run. */
  now(): Date;
  setNow(date: Date): void;
  /** The nightly function run once against this world (moto Secrets Manager and SNS): its report and EMF records. */
  nightly(env?: Record<string, string>, event?: Record<string, unknown>): Promise<{ report: RunReport; text: string; metrics: Record<string, unknown>[] }>;
  /** A fresh handler: a new Lambda container (a crash between steps loses nothing else), optionally on another client. */
  handler(secretsManager?: SecretsManagerClient): (event: unknown) => Promise<RotationStepResult>;
  /** RotateSecret as Secrets Manager's schedule (or `aws secretsmanager rotate-secret`) starts it: returns the token. */
  startRotation(secretArn: string): Promise<string>;
  /** One step, as Secrets Manager invokes it (a fresh container unless a handler is given). */
  step(step: RotationStep, secretArn: string, token: string, handler?: (event: unknown) => Promise<RotationStepResult>): Promise<RotationStepResult>;
  stages(secretArn: string): Promise<Record<string, string[]>>;
  /** The secret as the nightly run sees it (rotation failure note included). */
  describe(secretArn: string): Promise<SecretDescription>;
  value(secretArn: string, stage?: string): Promise<Record<string, unknown>>;
  /** Clients in the sandbox carrying `name`. */
  clientsNamed(name: string): OAuthClient[];
}

export function managedClient(overrides: Partial<OAuthClient> = {}): OAuthClient {
  return makeClient({
    id: CURRENT_ID,
    name: MANAGED,
    secret: null,
    created: daysAgo(100),
    modified: daysAgo(100),
    lastUsed: daysAgo(1),
    scope: ['idn:sources:read'],
    description: 'deploys from CI',
    accessTokenValiditySeconds: 900,
    ...overrides,
  });
}

export interface RotationWorldOptions {
  readonly clients?: OAuthClient[];
  readonly secrets?: Record<string, string>;
  readonly previousClientId?: string | null;
  readonly propagationAttempts?: number;
  /** The rest of the janitor's PAT in the sandbox (scope, expiry, ...). */
  readonly credentialsPat?: SandboxOptions['credentialsPat'];
  /** The API version the janitor's credentials secret names. @default none (v3) */
  readonly apiVersion?: string;
}

export async function startRotationWorld(options: RotationWorldOptions = {}): Promise<RotationWorld> {
  let now = NOW;
  const clock = () => now;
  const sandbox = await startSandbox({
    now: clock,
    clients: options.clients ?? [managedClient()],
    secrets: options.secrets ?? { [CURRENT_ID]: CURRENT_SECRET },
    credentials: { clientId: SELF_ID, clientSecret: SELF_SECRET },
    ...(options.credentialsPat ? { credentialsPat: options.credentialsPat } : {}),
    rateLimit: false,
  });
  opened.push(sandbox);
  const janitorSecretName = uniqueName('isc-oauth-janitor/credentials/acme');
  const managedPrefix = `${uniqueName('isc-oauth-janitor/clients')}/`;
  const janitor = await sm.send(
    new CreateSecretCommand({
      Name: janitorSecretName,
      SecretString: JSON.stringify({ baseUrl: sandbox.url, clientId: SELF_ID, clientSecret: SELF_SECRET, ...(options.apiVersion ? { apiVersion: options.apiVersion } : {}) }),
    }),
  );
  const managed = await sm.send(
    new CreateSecretCommand({
      Name: `${managedPrefix}acme/${MANAGED}`,
      SecretString: JSON.stringify({
        clientId: CURRENT_ID,
        clientSecret: CURRENT_SECRET,
        baseUrl: sandbox.url,
        rotatedAt: daysAgo(100),
        previousClientId: options.previousClientId ?? null,
      }),
    }),
  );
  const logger = recordingLogger();
  const handler = (client: SecretsManagerClient = sm) =>
    createRotationHandler({
      // By name, as a person configures it: the function must still recognise the ARN it is sent.
      env: { ISC_CREDENTIALS_SECRET_ID: janitorSecretName, TENANT_NAME: 'acme' },
      secretsManager: client,
      logger,
      clock,
      iscClient: FAST,
      retry: { retryDelayMs: 1 },
      propagation: { attempts: options.propagationAttempts ?? 2, retryDelayMs: 1 },
    });
  return {
    sandbox,
    sm,
    janitorSecretArn: janitor.ARN!,
    janitorSecretName,
    managedSecretArn: managed.ARN!,
    managedPrefix,
    logger,
    handler,
    now: clock,
    setNow(next) {
      now = next;
    },
    async nightly(extraEnv = {}, event = {}) {
      const topic = await sns.send(new CreateTopicCommand({ Name: uniqueName('reports') }));
      const output = captureOutput();
      try {
        const run = createHandler({
          env: { ISC_CREDENTIALS_SECRET_ID: janitorSecretName, TENANT_NAME: 'acme', REPORT_TOPIC_ARN: topic.TopicArn!, JANITOR_POLICY: '{}', ...extraEnv },
          secretsManager: sm,
          sns,
          logger: recordingLogger(),
          metrics: new Metrics({ namespace: 'IscOAuthJanitor', serviceName: 'isc-oauth-janitor' }),
          clock,
          iscClient: FAST,
        });
        await run(event, { awsRequestId: `nightly-${clock().toISOString()}`, getRemainingTimeInMillis: () => 600_000 });
        const emf = output.records().filter((record) => '_aws' in record);
        const message = published.filter((input) => input.TopicArn === topic.TopicArn).at(-1)?.Message ?? '{}';
        const envelope = JSON.parse(message) as Record<string, string>;
        return { report: JSON.parse(envelope.sqs ?? 'null') as RunReport, text: envelope.default ?? '', metrics: emf };
      } finally {
        vi.restoreAllMocks();
      }
    },
    async startRotation(secretArn) {
      const token = randomUUID();
      await sm.send(new RotateSecretCommand({ SecretId: secretArn, RotationLambdaARN: rotationFunctionArn, RotationRules: { AutomaticallyAfterDays: 60 }, ClientRequestToken: token }));
      return token;
    },
    step: (step, secretArn, token, given) => (given ?? handler())({ Step: step, SecretId: secretArn, ClientRequestToken: token }),
    async stages(secretArn) {
      return (await sm.send(new DescribeSecretCommand({ SecretId: secretArn }))).VersionIdsToStages ?? {};
    },
    describe: (secretArn) => new SecretsManagerStagedStore({ client: sm, codec: managedClientSecretCodec, what: 'secret' }).describe(secretArn),
    async value(secretArn, stage = 'AWSCURRENT') {
      return JSON.parse((await sm.send(new GetSecretValueCommand({ SecretId: secretArn, VersionStage: stage }))).SecretString!) as Record<string, unknown>;
    },
    clientsNamed: (name) => sandbox.state.all().filter((client) => client.name === name) as OAuthClient[],
  };
}

/** A client-credentials token at the sandbox's /oauth/token, as a consumer of the secret gets one. */
export async function tokenStatus(sandbox: Sandbox, clientId: string, clientSecret: string): Promise<number> {
  const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
  const res = await fetch(`${sandbox.url}/oauth/token`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  await res.text();
  return res.status;
}
