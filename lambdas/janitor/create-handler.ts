import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { SecretsManagerCredentials } from '../adapters/credentials/secrets-manager-credentials.js';
import { SnsReportPublisher } from '../adapters/report/sns-report-publisher.js';
import { SecretsManagerSecretStore } from '../adapters/secret-store/secrets-manager-secret-store.js';
import { ConfigError } from '../core/config-error.js';
import { mergePolicyInput } from '../core/model/merge-policy-input.js';
import { parsePolicy, type Policy } from '../core/model/policy.js';
import { renderReportSubject } from '../core/report/render-report-subject.js';
import { renderTextReport } from '../core/report/render-text-report.js';
import type { RunLogger } from '../core/run-logger.js';
import { knownSecrets } from '../core/known-secrets.js';
import { redactingLogger } from '../core/redacting-logger.js';
import { tenantFromBaseUrl } from '../core/tenant-from-base-url.js';
import { connectIsc } from '../adapters/isc/connect-isc.js';
import type { IscClientConfig } from '../adapters/isc/index.js';
import { createGovernedClient, governedRequestOf } from '../app/rotation/index.js';
import { runJanitor } from '../app/run-janitor.js';
import { emitRunMetrics } from './emit-run-metrics.js';
import { parseJanitorEvent, type CleanupEvent, type CreateClientEvent } from './janitor-event.js';
import { readJanitorEnvironment, type JanitorEnvironment } from './janitor-environment.js';
import { JanitorRunError, summarize, type RunSummary } from './janitor-run-error.js';
import { logUnsentActions } from './log-unsent-actions.js';

export interface HandlerDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secretsManager: SecretsManagerClient;
  readonly sns: SNSClient;
  readonly logger: RunLogger & { appendKeys?(keys: Record<string, unknown>): void };
  readonly metrics: Metrics;
  readonly clock?: () => Date;
  /** Stop starting actions when fewer ms than this remain before the Lambda timeout. @default runJanitor's */
  readonly safetyMarginMs?: number;
  /** ISC client tuning (retry delays, pacing, timeouts); tests shorten the retry delays. @default the client's defaults */
  readonly iscClient?: Partial<Omit<IscClientConfig, 'baseUrl' | 'credentials'>>;
}

/** What a governed creation returns: where the secret is, never the secret. */
export interface CreatedClientSummary {
  readonly action: 'create-client';
  readonly tenant: string;
  readonly clientId: string;
  readonly name: string;
  readonly secretArn: string;
}

/** A governed creation answers with where the secret is; every other event with the run summary. */
export interface JanitorHandler {
  (event: { readonly action: 'create-client' }, context: HandlerContext): Promise<CreatedClientSummary>;
  (event: unknown, context: HandlerContext): Promise<RunSummary>;
}

export type HandlerContext = Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>;

/**
 * The Lambda handler, composed from injected dependencies so tests can pass mocked SDK clients
 * and a fixed clock. The environment is read and validated once per container; credentials
 * are cached per secret for the container's life (re-read on a 401, see connectIsc).
 */
export function createHandler(rawDeps: HandlerDependencies) {
  // The logging boundary: every log line of the function, the publisher's included, is redacted.
  const deps = { ...rawDeps, logger: redactingLogger(rawDeps.logger) };
  const clock = deps.clock ?? (() => new Date());
  const credentialsBySecret = new Map<string, SecretsManagerCredentials>();
  let environment: JanitorEnvironment | undefined;

  const publisher = (env: JanitorEnvironment) =>
    new SnsReportPublisher({
      sns: deps.sns,
      topicArn: env.reportTopicArn,
      render: { subject: renderReportSubject, text: renderTextReport },
      logger: deps.logger,
    });

  const secretStore = (env: JanitorEnvironment) =>
    new SecretsManagerSecretStore({ client: deps.secretsManager, ...(env.rotationKmsKeyId ? { kmsKeyId: env.rotationKmsKeyId } : {}) });

  function credentialsFor(secretId: string): SecretsManagerCredentials {
    let source = credentialsBySecret.get(secretId);
    if (!source) {
      source = new SecretsManagerCredentials({ client: deps.secretsManager, secretId });
      credentialsBySecret.set(secretId, source);
    }
    return source;
  }

  function credentialsSecretOf(event: { credentialsSecretId?: string | undefined }, env: JanitorEnvironment): string {
    const secretId = event.credentialsSecretId ?? env.credentialsSecretId;
    if (!secretId) {
      throw new ConfigError('No credentials secret: set ISC_CREDENTIALS_SECRET_ID or pass "credentialsSecretId" in the event', ['credentialsSecretId']);
    }
    return secretId;
  }

  /**
   * Policy: the stack's rotation prefix as a default, JANITOR_POLICY over it, the event's partial
   * policy over that, dryRun last; validated once as a whole.
   */
  function policyFor(event: { policy?: Record<string, unknown> | undefined; dryRun?: boolean | undefined }, env: JanitorEnvironment): Policy {
    const defaults = env.rotationSecretPrefix ? { rotation: { secretPrefix: env.rotationSecretPrefix } } : {};
    const configured = mergePolicyInput(defaults, env.policy);
    const merged = mergePolicyInput(mergePolicyInput(configured, event.policy ?? {}), event.dryRun ? { mode: 'report' } : {});
    return parsePolicy(merged, 'policy (JANITOR_POLICY merged with the event policy)');
  }

  const connect = (secretId: string) =>
    connectIsc(credentialsFor(secretId), { logger: deps.logger, ...(deps.iscClient ? { client: deps.iscClient } : {}) });

  /**
   * Governed creation: the new client's secret goes straight into Secrets Manager; the result never
   * holds it. The creation rules are JANITOR_POLICY's: the event cannot carry a policy, so whoever
   * may invoke the function cannot loosen them. The request is checked before anything is read.
   */
  async function createClient(event: CreateClientEvent, env: JanitorEnvironment): Promise<CreatedClientSummary> {
    const policy = policyFor({}, env);
    const request = governedRequestOf(event.client, policy.creation);
    const connection = await connect(credentialsSecretOf(event, env));
    const tenant = event.tenant ?? env.tenantName ?? tenantFromBaseUrl(connection.baseUrl);
    const created = await createGovernedClient({
      api: connection.api,
      store: secretStore(env),
      tenant,
      baseUrl: connection.baseUrl,
      secretPrefix: policy.rotation.secretPrefix,
      request,
      clock,
      logger: deps.logger,
    });
    const summary = { action: 'create-client' as const, tenant, clientId: created.clientId, name: created.name, secretArn: created.secretArn };
    deps.logger.info('client created', summary);
    return summary;
  }

  async function cleanup(event: CleanupEvent, env: JanitorEnvironment, context: HandlerContext): Promise<RunSummary> {
    const secretId = credentialsSecretOf(event, env);
    const policy = policyFor(event, env);
    const connection = await connect(secretId);
    const tenant = event.tenant ?? env.tenantName ?? tenantFromBaseUrl(connection.baseUrl);
    deps.logger.appendKeys?.({ tenant });
    const report = await runJanitor({
      api: connection.api,
      policy,
      tenant,
      selfClientId: connection.selfClientId,
      clock,
      reportId: context.awsRequestId,
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
      ...(deps.safetyMarginMs === undefined ? {} : { safetyMarginMs: deps.safetyMarginMs }),
      logger: deps.logger,
      ...(event.clientIds ? { clientIds: event.clientIds } : {}),
      rotation: { store: secretStore(env), baseUrl: connection.baseUrl },
    });
    logUnsentActions(deps.logger, report);
    const summary = summarize(report);
    deps.logger.info('run summary', { ...summary, warnings: report.warnings.length, blockedReason: report.blockedReason });
    emitRunMetrics(deps.metrics, report, Date.parse(report.finishedAt) - Date.parse(report.startedAt));
    await publisher(env).publish(report);
    if (report.outcome !== 'ok') throw new JanitorRunError(summary);
    return summary;
  }

  const handler = async function handler(rawEvent: unknown, context: HandlerContext): Promise<RunSummary | CreatedClientSummary> {
    try {
      if (!environment) {
        const env = readJanitorEnvironment(deps.env);
        // Validated alone once, so a bad JANITOR_POLICY is named as such (not as a merge result).
        parsePolicy(env.policy, 'JANITOR_POLICY');
        environment = env;
      }
      const event = parseJanitorEvent(rawEvent);
      if (event.kind === 'create-client') return await createClient(event, environment);
      return await cleanup(event, environment, context);
    } catch (error) {
      // The error-rendering boundary: the Lambda runtime logs what is thrown, so it leaves scrubbed.
      knownSecrets.redactDeep(error);
      if (!(error instanceof JanitorRunError)) {
        deps.logger.error('invocation failed', { error: { name: (error as Error).name, message: (error as Error).message } });
      }
      throw error;
    }
  };
  return handler as JanitorHandler;
}
