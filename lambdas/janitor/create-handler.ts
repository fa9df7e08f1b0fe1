import { failedActions } from '../core/report/failed-actions.js';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { SNSClient } from '@aws-sdk/client-sns';
import type { SESv2Client } from '@aws-sdk/client-sesv2';
import { sesOwnerNotifier } from '../adapters/notices/ses-owner-notifier.js';
import type { Context } from 'aws-lambda';
import { S3ObjectStore } from '../adapters/archive/s3-object-store.js';
import { StoredReportArchive } from '../adapters/archive/stored-report-archive.js';
import { SecretsManagerCredentials } from '../adapters/credentials/secrets-manager-credentials.js';
import { SnsChatPublisher } from '../adapters/report/sns-chat-publisher.js';
import { SnsReportPublisher } from '../adapters/report/sns-report-publisher.js';
import { SecretsManagerSecretStore } from '../adapters/secret-store/secrets-manager-secret-store.js';
import { SecretsManagerStagedStore } from '../adapters/secret-store/secrets-manager-staged-store.js';
import { enableSecretRotation } from '../adapters/secret-store/enable-secret-rotation.js';
import { janitorSecretCodec } from '../adapters/credentials/isc-secret-value.js';
import { ConfigError, isConfigError } from '../core/config-error.js';
import { fitReason, MAX_REASON_CHARS } from '../core/fleet/fleet-state-budget.js';
import { DEFERRED, type TenantRunResult } from '../core/fleet/summarize-fleet.js';
import { parsePolicy, type Policy } from '../core/model/policy.js';
import { errorMessage } from '../core/error-message.js';
import { buildFailedReport } from '../core/report/build-failed-report.js';
import type { RunReport } from '../core/report/run-report.js';
import type { PublishedReport } from '../core/ports.js';
import { renderReportSubject } from '../core/report/render-report-subject.js';
import { renderTextReport } from '../core/report/render-text-report.js';
import type { RunLogger } from '../core/run-logger.js';
import { knownSecrets } from '../core/known-secrets.js';
import { redactingLogger } from '../core/redacting-logger.js';
import { isTenantBusyError } from '../core/tenant-busy-error.js';
import { tenantFromBaseUrl } from '../core/tenant-from-base-url.js';
import { safeText } from '../core/text.js';
import { connectIsc } from '../adapters/isc/connect-isc.js';
import type { IscClientConfig } from '../adapters/isc/index.js';
import { createGovernedClient, governedRequestOf } from '../app/in-run-rotation/index.js';
import { resolveRunTenant, type RunTenant } from '../app/resolve-run-tenant.js';
import { archiveReport } from '../app/archive-report.js';
import { recordDelivery } from '../app/record-delivery.js';
import { runDeadline } from '../app/run-deadline.js';
import { runJanitor } from '../app/run-janitor.js';
import { withTenantLease } from '../app/with-tenant-lease.js';
import type { HeldLease } from '../app/keep-tenant-lease.js';
import { emitBlockedRun, emitRunMetrics } from './emit-run-metrics.js';
import { parseJanitorEvent, type CleanupEvent, type CreateClientEvent } from './janitor-event.js';
import { readJanitorEnvironment, type JanitorEnvironment } from './janitor-environment.js';
import { JanitorRunError, summarize, type RunSummary } from './janitor-run-error.js';
import { logUnsentActions } from './log-unsent-actions.js';
import { revokeSecret, type RevokeSummary } from './revoke-secret.js';
import { runPolicy } from './run-policy.js';
import { tenantSourceFromEnvironment, type TenantSourceWithLeases } from './tenant-source-from-environment.js';
import { doorKeyOf } from '../app/door/door.js';
import { iscRemovalOf } from '../adapters/isc/isc-removal.js';

/**
 * Added to the time the invocation has left to make the lease's expiry: a run cannot outlive
 * its Lambda timeout, so a crashed run frees its tenant about a minute after it died.
 */
const LEASE_SLACK_MS = 60_000;

/** Requests still in flight are stopped when this much of the invocation is left: time to publish. */
export const DEFAULT_REPORT_RESERVE_MS = 10_000;

/** What a cleanup invocation learned so far: enough to write the report of a run that stopped early. */
interface RunProgress {
  tenant: string | undefined;
  credentialsSecretId?: string;
  policy?: Policy;
  /**
   * A report was published, or the invocation is no run that needs one (a paused or busy tenant,
   * a policy that does not validate): nothing more to publish.
   */
  reported: boolean;
}

export interface HandlerDependencies {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly secretsManager: SecretsManagerClient;
  readonly sns: SNSClient;
  /** Owner notices' client; only used when OWNER_NOTICES_IDENTITY is set (the stack grants SendEmail on it). */
  readonly sesv2?: SESv2Client;
  /** The tenant registry's client; only used when TENANT_REGISTRY_TABLE is set. */
  readonly dynamodb?: DynamoDBClient;
  /** The evidence archive's client; only used when REPORT_ARCHIVE_BUCKET is set. */
  readonly s3?: S3Client;
  readonly logger: RunLogger & { appendKeys?(keys: Record<string, unknown>): void };
  readonly metrics: Metrics;
  readonly clock?: () => Date;
  /** Stop starting actions when fewer ms than this remain before the Lambda timeout. @default runJanitor's */
  readonly safetyMarginMs?: number;
  /**
   * Stop ISC requests still in flight when fewer ms than this remain: the time kept to publish
   * the report before Lambda ends the invocation. @default 10_000 (below the safety margin)
   */
  readonly reportReserveMs?: number;
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
  /** Whether Secrets Manager rotates the new secret from now on, in words. */
  readonly rotation?: string;
}

/**
 * A governed creation answers with where the secret is; a nightly run (an event with `fleet`)
 * with its outcome; every other event with the run summary.
 */
export interface JanitorHandler {
  (event: { readonly action: 'create-client' }, context: HandlerContext): Promise<CreatedClientSummary>;
  (event: { readonly fleet: object }, context: HandlerContext): Promise<TenantRunResult>;
  (event: { readonly action: 'revoke'; readonly secretId?: string }, context: HandlerContext): Promise<RevokeSummary>;
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

  /**
   * The report to its topic, then (CHAT_TOPIC_ARN) a short notice to the team's channel, even when
   * the email failed: the chat publisher never throws, so it cannot turn a run into a failure.
   */
  const publishReport = async (env: JanitorEnvironment, report: RunReport): Promise<PublishedReport> => {
    try {
      return await publisher(env).publish(report);
    } finally {
      if (env.chatTopicArn) {
        await new SnsChatPublisher({
          sns: deps.sns,
          topicArn: env.chatTopicArn,
          logger: deps.logger,
          onFailure: () => {
            deps.metrics.addMetric('ChatNotificationFailed', MetricUnit.Count, 1);
            deps.metrics.publishStoredMetrics();
          },
        }).publish(report);
      }
    }
  };

  const secretStore = (env: JanitorEnvironment) =>
    new SecretsManagerSecretStore({
      client: deps.secretsManager,
      ...(env.rotationKmsKeyId ? { kmsKeyId: env.rotationKmsKeyId } : {}),
      ...(env.rotationFunctionArn ? { rotationFunctionArn: env.rotationFunctionArn } : {}),
    });

  /** With a rotation function, every tenant's credentials secret is rotated by Secrets Manager. */
  const credentialsRotationOf = (env: JanitorEnvironment) => {
    const functionArn = env.rotationFunctionArn;
    if (!functionArn) return {};
    const enable = (secretId: string, afterDays: number) => enableSecretRotation(deps.secretsManager, functionArn, secretId, afterDays);
    return { turnOnRotation: { afterDays: env.credentialsRotationDays, enable } };
  };

  /** The janitor's own credentials secret by stage: its rotation state and the previous PAT. */
  const janitorSecrets = new SecretsManagerStagedStore({ client: deps.secretsManager, codec: janitorSecretCodec, what: 'credentials secret' });

  /** Every run's report goes to the evidence archive when the stack names its bucket. */
  const archiveOf = (env: JanitorEnvironment) => {
    const bucket = env.reportArchiveBucket;
    if (!bucket) return {};
    if (!deps.s3) throw new Error('createHandler needs an S3 client when REPORT_ARCHIVE_BUCKET is set');
    const kmsKeyId = env.reportArchiveKmsKeyId;
    return { archive: new StoredReportArchive(new S3ObjectStore({ s3: deps.s3, bucket, ...(kmsKeyId ? { kmsKeyId } : {}) })) };
  };

  function credentialsFor(secretId: string): SecretsManagerCredentials {
    let source = credentialsBySecret.get(secretId);
    if (!source) {
      source = new SecretsManagerCredentials({ client: deps.secretsManager, secretId });
      credentialsBySecret.set(secretId, source);
    }
    return source;
  }

  let tenants: TenantSourceWithLeases | undefined;
  function tenantsOf(env: JanitorEnvironment): TenantSourceWithLeases {
    tenants ??= tenantSourceFromEnvironment(env, () => {
      if (!deps.dynamodb) throw new Error('createHandler needs a DynamoDB client when TENANT_REGISTRY_TABLE is set');
      return deps.dynamodb;
    });
    return tenants;
  }

  /** The run's tenant, refused by name when its secret lies outside what the function may read. */
  async function tenantFor(event: { tenant?: string | undefined; credentialsSecretId?: string | undefined }, env: JanitorEnvironment): Promise<RunTenant> {
    const tenant = await resolveRunTenant(event, tenantsOf(env).source);
    const prefix = env.credentialsSecretPrefix;
    if (tenant.registered && prefix && !tenant.credentialsSecretId.includes(`:secret:${prefix}`)) {
      throw new ConfigError(
        `Tenant ${tenant.name}: credentialsSecretArn: must name a secret under "${prefix}", the prefix the function may read; move the secret or fix the entry with "npm run janitor -- tenants set ${tenant.name} --credentials-secret-arn ARN"`,
        ['credentialsSecretArn'],
      );
    }
    return tenant;
  }

  const connect = (secretId: string, env: JanitorEnvironment, signal?: AbortSignal) =>
    connectIsc(credentialsFor(secretId), {
      logger: deps.logger,
      client: {
        ...deps.iscClient,
        ...(env.requestTimeoutMs === undefined ? {} : { timeoutMs: env.requestTimeoutMs }),
        ...(env.maxResponseBytes === undefined ? {} : { maxResponseBytes: env.maxResponseBytes }),
        ...(signal ? { signal } : {}),
      },
    });

  /**
   * Governed creation: the new client's secret goes straight into Secrets Manager; the result never
   * holds it. The creation rules are JANITOR_POLICY's (with the registry, the tenant entry's over
   * them): the event cannot carry a policy, so whoever may invoke the function cannot loosen them.
   * The request is checked before any secret is read or ISC is called.
   */
  async function createClient(event: CreateClientEvent, env: JanitorEnvironment): Promise<CreatedClientSummary> {
    const target = await tenantFor(event, env);
    const policy = runPolicy({ tenantPolicy: target.policy }, env);
    const request = governedRequestOf(event.client, policy.creation);
    const connection = await connect(target.credentialsSecretId, env);
    const tenant = target.name ?? tenantFromBaseUrl(connection.baseUrl);
    const created = await createGovernedClient({
      api: connection.api,
      door: doorKeyOf(iscRemovalOf(connection.api)),
      store: secretStore(env),
      tenant,
      baseUrl: connection.baseUrl,
      secretPrefix: policy.rotation.secretPrefix,
      request,
      clock,
      logger: deps.logger,
      rotationAfterDays: policy.rotation.maxAgeDays,
    });
    const summary = {
      action: 'create-client' as const,
      tenant,
      clientId: created.clientId,
      name: created.name,
      secretArn: created.secretArn,
      ...(created.rotation ? { rotation: created.rotation } : {}),
    };
    deps.logger.info('client created', summary);
    return summary;
  }

  /**
   * A cleanup run always ends in one published report: when it stops before the tenant was
   * evaluated (no credentials, a refused token, the network, the deadline), a report with outcome
   * `failed` and the reason goes out, then the error is thrown. A paused or busy tenant, a tenant
   * the registry does not know and a policy that does not validate refuse the request itself: they
   * publish nothing. The Lambda's own deadline stops requests still in flight `reportReserveMs`
   * before the end, so there is time left to publish.
   */
  async function cleanup(event: CleanupEvent, env: JanitorEnvironment, context: HandlerContext): Promise<RunSummary | TenantRunResult> {
    const startedAt = clock();
    const reserve = deps.reportReserveMs ?? DEFAULT_REPORT_RESERVE_MS;
    const deadline = runDeadline(
      context.getRemainingTimeInMillis() - reserve,
      'the Lambda function was about to time out; requests still in flight were stopped so that the report could be published',
    );
    const progress: RunProgress = { tenant: event.tenant ?? env.tenantName, reported: false };
    try {
      return await cleanupTenant(event, env, context, deadline.signal, progress);
    } catch (error) {
      if (!progress.reported) await publishFailedReport(error, progress, env, context, startedAt);
      throw error;
    } finally {
      deadline.dispose();
    }
  }

  /** A policy that does not validate refuses the request itself (the caller sees why): no run, no report. */
  function policyOrRefusal(read: () => Policy, progress: RunProgress): Policy {
    try {
      return read();
    } catch (error) {
      progress.reported = true;
      throw error;
    }
  }

  /** The report of a run that failed before evaluation: archived (when there is an archive) and published. */
  async function publishFailedReport(error: unknown, progress: RunProgress, env: JanitorEnvironment, context: HandlerContext, startedAt: Date): Promise<void> {
    const built = knownSecrets.redactDeep(
      buildFailedReport({
        reportId: context.awsRequestId,
        tenant: progress.tenant ?? progress.credentialsSecretId ?? 'unknown',
        mode: progress.policy?.mode ?? 'report',
        startedAt,
        finishedAt: clock(),
        reason: errorMessage(error),
        policy: progress.policy,
      }),
    );
    deps.logger.error('run failed before evaluation', { reportId: built.reportId, tenant: built.tenant, reason: built.failedReason });
    let report = built;
    try {
      const { archive } = archiveOf(env);
      if (archive) report = await archiveReport(archive, built, deps.logger);
    } catch (archiveError) {
      // No archive to write to (a missing client): the report still goes out.
      deps.logger.error('report archive unavailable', { reportId: built.reportId, error: errorMessage(archiveError) });
    }
    try {
      await publishReport(env, report);
    } catch {
      // The publisher logged the report with its failure; the run's own error is the one to throw.
    }
  }

  async function cleanupTenant(
    event: CleanupEvent,
    env: JanitorEnvironment,
    context: HandlerContext,
    signal: AbortSignal,
    progress: RunProgress,
  ): Promise<RunSummary | TenantRunResult> {
    const target = await tenantFor(event, env).catch((error: unknown) => {
      // A tenant the registry does not know or may not be read: the request is refused, not run.
      if (isConfigError(error) && tenantsOf(env).source.kind === 'registry') progress.reported = true;
      throw error;
    });
    progress.tenant = target.name ?? progress.tenant;
    progress.credentialsSecretId = target.credentialsSecretId;
    if (!target.enabled) {
      progress.reported = true; // a paused tenant is not a run: nothing to report
      const reason = `Tenant ${target.name} is paused (enabled: false in the tenant registry); resume it with "npm run janitor -- tenants set ${target.name} --enabled true"`;
      if (event.fleet) return { tenant: target.name ?? '', outcome: 'blocked', reason: 'paused' };
      throw new ConfigError(reason, ['enabled']);
    }
    const policy = policyOrRefusal(() => runPolicy({ tenantPolicy: target.policy, eventPolicy: event.policy, dryRun: event.dryRun }, env), progress);
    progress.policy = policy;
    const run = (lease?: HeldLease) => runTenant(target, policy, event, env, context, signal, progress, lease);
    const { leases } = tenantsOf(env);
    let report: RunReport;
    if (!leases || target.name === undefined) {
      report = await run();
    } else {
      const holder = event.fleet ? `nightly run ${event.fleet.execution}` : `on-demand invoke ${context.awsRequestId}`;
      try {
        report = await withTenantLease(leases, target.name, { holder, now: clock(), ttlMs: context.getRemainingTimeInMillis() + LEASE_SLACK_MS }, run, deps.logger, clock);
      } catch (error) {
        if (!isTenantBusyError(error)) throw error;
        progress.reported = true; // another run holds the tenant: this one never started
        emitBlockedRun(deps.metrics, target.name);
        // Another run holds the tenant: this tick gives the day back (the summary does), so a later one runs it.
        if (event.fleet) return { tenant: target.name, outcome: DEFERRED, reason: fitReason(error.message, event.fleet.reasonChars ?? MAX_REASON_CHARS), runDay: event.fleet.runDay };
        throw error;
      }
    }
    const summary = summarize(report);
    if (event.fleet) {
      const reason = report.blockedReason ?? report.leaseLostReason ?? (report.outcome === 'ok' ? undefined : `${failedActions(report)} action(s) failed`);
      // Only what the summary needs, the reason cut to the tick's share: the execution's state holds a
      // thousand of these on a bad night. The report (published, archived) holds the rest.
      return { tenant: report.tenant, outcome: report.outcome, ...(reason ? { reason: fitReason(reason, event.fleet.reasonChars ?? MAX_REASON_CHARS) } : {}) };
    }
    if (report.outcome !== 'ok') throw new JanitorRunError(summary);
    return summary;
  }

  /** One run: connect, evaluate and act, log, count, publish. The report says how it went. */
  async function runTenant(
    target: RunTenant,
    policy: Policy,
    event: CleanupEvent,
    env: JanitorEnvironment,
    context: HandlerContext,
    signal: AbortSignal,
    progress: RunProgress,
    lease?: HeldLease,
  ): Promise<RunReport> {
    const connection = await connect(target.credentialsSecretId, env, signal);
    const tenant = target.name ?? tenantFromBaseUrl(connection.baseUrl);
    progress.tenant = tenant;
    deps.logger.appendKeys?.({ tenant });
    const archive = archiveOf(env);
    const report = await runJanitor({
      api: connection.api,
      door: doorKeyOf(iscRemovalOf(connection.api)),
      policy,
      tenant,
      selfClientId: connection.selfClientId,
      clock,
      reportId: context.awsRequestId,
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
      ...(deps.safetyMarginMs === undefined ? {} : { safetyMarginMs: deps.safetyMarginMs }),
      logger: deps.logger,
      ...(event.clientIds ? { clientIds: event.clientIds } : {}),
      ...(lease ? { lease } : {}),
      rotation: { store: secretStore(env), baseUrl: connection.baseUrl },
      ...archive,
      // The archive is also the record of the token deletions earlier runs announced.
      search: connection.api.search,
      ...(deps.sesv2 && env.ownerNoticesIdentity ? { notifier: sesOwnerNotifier(deps.sesv2) } : {}),
      pats: { api: connection.api.personalAccessTokens, ...archive },
      credentials: {
        pats: connection.api.personalAccessTokens,
        selfClientId: connection.selfClientId,
        secret: { store: janitorSecrets, secretId: target.credentialsSecretId },
        retirePrevious: true,
        ...credentialsRotationOf(env),
      },
    });
    logUnsentActions(deps.logger, report);
    deps.logger.info('run summary', { ...summarize(report), warnings: report.warnings.length, blockedReason: report.blockedReason });
    emitRunMetrics(deps.metrics, report, Date.parse(report.finishedAt) - Date.parse(report.startedAt));
    progress.reported = true; // published now, or logged whole by the publisher if that fails
    const published = await publishReport(env, report);
    // Last, and only now that SNS took it: the record that makes this report's announcements count.
    if (archive.archive) await recordDelivery(archive.archive, report, { via: 'sns', deliveredAt: clock().toISOString(), ...published }, deps.logger);
    return report;
  }

  const handler = async function handler(rawEvent: unknown, context: HandlerContext): Promise<RunSummary | TenantRunResult | CreatedClientSummary | RevokeSummary> {
    try {
      if (!environment) {
        const env = readJanitorEnvironment(deps.env);
        // Validated alone once, so a bad JANITOR_POLICY is named as such (not as a merge result).
        parsePolicy(env.policy, 'JANITOR_POLICY');
        environment = env;
      }
      const event = parseJanitorEvent(rawEvent);
      if (event.kind === 'create-client') return await createClient(event, environment);
      if (event.kind === 'revoke') return await revokeSecret(event, environment, deps);
      return await cleanup(event, environment, context);
    } catch (error) {
      // The error-rendering boundary: the Lambda runtime logs what is thrown, so it leaves scrubbed
      // of secrets and of escape sequences and invisible characters from outside text.
      knownSecrets.redactDeep(error);
      if (error instanceof Error) {
        error.message = safeText(error.message);
        if (error.stack) error.stack = safeText(error.stack);
      }
      if (!(error instanceof JanitorRunError)) {
        deps.logger.error('invocation failed', { error: { name: (error as Error).name, message: (error as Error).message } });
      }
      throw error;
    }
  };
  return handler as JanitorHandler;
}
