import type { Metrics } from '@aws-lambda-powertools/metrics';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { Context } from 'aws-lambda';
import { SecretsManagerCredentials, SnsReportPublisher } from '../aws/index.js';
import { ConfigError } from '../core/config-error.js';
import { mergePolicyInput } from '../core/merge-policy-input.js';
import { parsePolicy, type Policy } from '../core/policy.js';
import { renderReportSubject } from '../core/render-report-subject.js';
import { renderTextReport } from '../core/render-text-report.js';
import type { RunLogger } from '../core/run-logger.js';
import { tenantFromBaseUrl } from '../core/tenant-from-base-url.js';
import { connectIsc } from '../connect-isc.js';
import type { IscClientConfig } from '../isc/index.js';
import { runJanitor } from '../run-janitor.js';
import { emitRunMetrics } from './emit-run-metrics.js';
import { parseJanitorEvent, type CleanupEvent } from './janitor-event.js';
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
  /** Stop starting actions when fewer ms than this remain before the Lambda timeout. @default 20_000 */
  readonly safetyMarginMs?: number;
  /** ISC client tuning (retry delays, pacing, timeouts); tests shorten the retry delays. @default the client's defaults */
  readonly iscClient?: Partial<Omit<IscClientConfig, 'baseUrl' | 'credentials'>>;
}

export type HandlerContext = Pick<Context, 'getRemainingTimeInMillis' | 'awsRequestId'>;

/**
 * The Lambda handler, composed from injected dependencies so tests can pass mocked SDK clients
 * and a fixed clock. The environment is read and validated once per container; credentials
 * are cached per secret for the container's life (re-read on a 401, see connectIsc).
 */
export function createHandler(deps: HandlerDependencies) {
  const clock = deps.clock ?? (() => new Date());
  const credentialsBySecret = new Map<string, SecretsManagerCredentials>();
  let environment: { env: JanitorEnvironment; basePolicy: Policy } | undefined;

  const publisher = (env: JanitorEnvironment) =>
    new SnsReportPublisher({
      sns: deps.sns,
      topicArn: env.reportTopicArn,
      render: { subject: renderReportSubject, text: renderTextReport },
      logger: deps.logger,
    });

  function credentialsFor(secretId: string): SecretsManagerCredentials {
    let source = credentialsBySecret.get(secretId);
    if (!source) {
      source = new SecretsManagerCredentials({ client: deps.secretsManager, secretId });
      credentialsBySecret.set(secretId, source);
    }
    return source;
  }

  async function cleanup(event: CleanupEvent, env: JanitorEnvironment, context: HandlerContext): Promise<RunSummary> {
    const secretId = event.credentialsSecretId ?? env.credentialsSecretId;
    if (!secretId) {
      throw new ConfigError('No credentials secret: set ISC_CREDENTIALS_SECRET_ID or pass "credentialsSecretId" in the event', ['credentialsSecretId']);
    }
    // Policy: configured JANITOR_POLICY, the event's partial policy over it, dryRun last.
    const merged = mergePolicyInput(mergePolicyInput(env.policy, event.policy ?? {}), event.dryRun ? { mode: 'report' } : {});
    const policy = parsePolicy(merged, 'policy (JANITOR_POLICY merged with the event policy)');

    const connection = await connectIsc(credentialsFor(secretId), {
      logger: deps.logger,
      ...(deps.iscClient ? { client: deps.iscClient } : {}),
    });
    const tenant = event.tenant ?? env.tenantName ?? tenantFromBaseUrl(connection.baseUrl);
    deps.logger.appendKeys?.({ tenant });
    const margin = deps.safetyMarginMs ?? 20_000;
    const report = await runJanitor({
      api: connection.api,
      policy,
      tenant,
      selfClientId: connection.selfClientId,
      clock,
      reportId: context.awsRequestId,
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
      safetyMarginMs: margin,
      logger: deps.logger,
      ...(event.clientIds ? { clientIds: event.clientIds } : {}),
    });
    logUnsentActions(deps.logger, report);
    const summary = summarize(report);
    deps.logger.info('run summary', { ...summary, warnings: report.warnings.length, blockedReason: report.blockedReason });
    emitRunMetrics(deps.metrics, report, Date.parse(report.finishedAt) - Date.parse(report.startedAt));
    await publisher(env).publish(report);
    if (report.outcome !== 'ok') throw new JanitorRunError(summary);
    return summary;
  }

  return async function handler(rawEvent: unknown, context: HandlerContext): Promise<RunSummary> {
    try {
      if (!environment) {
        const env = readJanitorEnvironment(deps.env);
        environment = { env, basePolicy: parsePolicy(env.policy, 'JANITOR_POLICY') };
      }
      const event = parseJanitorEvent(rawEvent);
      if (event.kind === 'create-client') {
        throw new ConfigError('The "create-client" action is not available in this version', ['action']);
      }
      return await cleanup(event, environment.env, context);
    } catch (error) {
      if (!(error instanceof JanitorRunError)) {
        deps.logger.error('invocation failed', { error: { name: (error as Error).name, message: (error as Error).message } });
      }
      throw error;
    }
  };
}
