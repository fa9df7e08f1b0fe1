import { Metrics } from '@aws-lambda-powertools/metrics';
import { GetSecretValueCommand, SecretsManagerClient, type GetSecretValueCommandInput } from '@aws-sdk/client-secrets-manager';
import { PublishCommand, SNSClient, type PublishCommandInput } from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, vi } from 'vitest';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { createHandler, type HandlerContext, type HandlerDependencies } from '../../lambdas/janitor/create-handler.js';
import { createJanitorLogger, powertoolsRunLogger } from '../../lambdas/janitor/powertools-run-logger.js';
import { startSandbox, type Sandbox, type SandboxOptions } from '../../sandbox/start-sandbox.js';
import { captureOutput } from './capture-output.js';

/**
 * The handler as Lambda runs it, against the sandbox over real HTTP: Secrets Manager and SNS
 * mocked with aws-sdk-client-mock, a real Powertools Logger and Metrics writing to a captured
 * stdout/stderr, a fixed clock shared with the sandbox, tiny ISC retry delays.
 */
export const NOW = new Date('2026-03-01T12:00:00.000Z');
export const TOPIC_ARN = 'arn:aws:sns:eu-west-1:123456789012:isc-oauth-janitor-reports';
export const SECRET_ID = 'isc-oauth-janitor/credentials';
/** Enforce, with a guard wide enough for the 20-client seed tenant's plan. */
export const ENFORCE_POLICY = { mode: 'enforce', limits: { maxActions: 50, maxFraction: 0.6 } } as const;

export const snsMock = mockClient(SNSClient);
export const secretsMock = mockClient(SecretsManagerClient);

const open: Sandbox[] = [];
beforeEach(() => {
  snsMock.reset();
  secretsMock.reset();
  snsMock.on(PublishCommand).resolves({ MessageId: 'message-1' });
});
afterEach(async () => {
  vi.restoreAllMocks();
  await Promise.all(open.splice(0).map((sb) => sb.close()));
});

export interface HarnessOptions {
  readonly sandbox?: SandboxOptions;
  /** Merged over the default environment; `undefined` removes a variable. */
  readonly env?: Record<string, string | undefined>;
  readonly deps?: Partial<HandlerDependencies>;
}

export async function startHandlerHarness(options: HarnessOptions = {}) {
  const output = captureOutput();
  const sb = await startSandbox({ now: () => NOW, seed: { count: 20, seed: 7, now: NOW }, rateLimit: false, ...options.sandbox });
  open.push(sb);
  const secretValue = (credentials = sb.credentials) =>
    JSON.stringify({ baseUrl: sb.url, clientId: credentials.clientId, clientSecret: credentials.clientSecret });
  secretsMock.on(GetSecretValueCommand).resolves({ SecretString: secretValue() });
  const env: Record<string, string | undefined> = {
    ISC_CREDENTIALS_SECRET_ID: SECRET_ID,
    REPORT_TOPIC_ARN: TOPIC_ARN,
    JANITOR_POLICY: JSON.stringify(ENFORCE_POLICY),
    TENANT_NAME: 'acme',
    ...options.env,
  };
  const handler = createHandler({
    env,
    secretsManager: new SecretsManagerClient({ region: 'eu-west-1' }),
    sns: new SNSClient({ region: 'eu-west-1' }),
    logger: powertoolsRunLogger(createJanitorLogger({ logLevel: 'INFO' })),
    metrics: new Metrics({ namespace: 'IscOAuthJanitor', serviceName: 'isc-oauth-janitor' }),
    clock: () => NOW,
    iscClient: { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, rateLimit: false, timeoutMs: 5_000 },
    ...options.deps,
  });
  return {
    sb,
    handler,
    /** The environment object the handler reads (once, on its first invocation). */
    env,
    output,
    secretValue,
    /** The ISC API and token calls the sandbox saw (0 = the handler never reached ISC). */
    requestCount: () => sb.requests.length,
    publishes: (): PublishCommandInput[] => snsMock.commandCalls(PublishCommand).map((call) => call.args[0].input),
    secretReads: (): GetSecretValueCommandInput[] => secretsMock.commandCalls(GetSecretValueCommand).map((call) => call.args[0].input),
  };
}

export type HandlerHarness = Awaited<ReturnType<typeof startHandlerHarness>>;

/** A Lambda context with plenty of time left, unless told otherwise. */
export function lambdaContext(overrides: Partial<HandlerContext> = {}): HandlerContext {
  return { awsRequestId: 'req-0001', getRemainingTimeInMillis: () => 600_000, ...overrides };
}

/** The rejection of a promise that must fail (the test fails if it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  const result = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(result instanceof Error)) throw new Error(`expected a rejection with an Error, got ${String(result)}`);
  return result;
}

/** A Publish input's envelope: the six protocol keys, the RunReport (from `sqs`) and the text. */
export function envelopeOf(input: PublishCommandInput | undefined) {
  const envelope = JSON.parse(input?.Message ?? '') as Record<string, string>;
  const report = JSON.parse(envelope.sqs ?? '') as RunReport & { truncated?: boolean; actionsOmitted?: number };
  return { envelope, report, text: envelope.default ?? '' };
}

/**
 * The report a publisher logged under `message`, put back together: whole (one `report` line) or
 * from its parts (reportLogLines: the head, list runs in order, policy slices). Also checks that
 * every line stayed under CloudWatch's 256 KB per event.
 */
export function loggedReport(lines: readonly Record<string, unknown>[], message: string): RunReport | undefined {
  const mine = lines.filter((line) => line.message === message);
  for (const line of mine) {
    if (Buffer.byteLength(JSON.stringify(line)) >= 256 * 1024) throw new Error(`a log line of ${message} is over 256 KB`);
  }
  const head = mine.find((line) => line.report !== undefined)?.report as Record<string, unknown> | undefined;
  if (!head || mine.length === 1) return head as RunReport | undefined;
  const lists: Record<string, unknown[]> = { actions: [], upcoming: [], exempt: [], warnings: [] };
  let policy = '';
  for (const line of mine) {
    if (line.list === 'policy') policy += String(line.text);
    else if (typeof line.list === 'string') lists[line.list]?.push(...(line.items as unknown[]));
  }
  return { ...head, ...lists, policy: JSON.parse(policy) } as unknown as RunReport;
}
