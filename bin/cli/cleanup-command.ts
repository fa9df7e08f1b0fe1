import { randomUUID } from 'node:crypto';
import { hostname, userInfo } from 'node:os';
import { errorMessage } from '../../lambdas/core/error-message.js';
import { ConfigError } from '../../lambdas/core/config-error.js';
import { assertPolicyTightens } from '../../lambdas/core/model/assert-policy-tightens.js';
import { mergePolicyInput } from '../../lambdas/core/model/merge-policy-input.js';
import { parsePolicy, type Policy } from '../../lambdas/core/model/policy.js';
import type { TenantLeases } from '../../lambdas/core/ports.js';
import { buildFailedReport } from '../../lambdas/core/report/build-failed-report.js';
import type { RunReport } from '../../lambdas/core/report/run-report.js';
import { tenantFromBaseUrl } from '../../lambdas/core/tenant-from-base-url.js';
import { runDeadline } from '../../lambdas/app/run-deadline.js';
import { archiveReport } from '../../lambdas/app/archive-report.js';
import { recordDelivery } from '../../lambdas/app/record-delivery.js';
import { knownSecrets } from '../../lambdas/core/known-secrets.js';
import { resolveRunTenant, type RunTenant } from '../../lambdas/app/resolve-run-tenant.js';
import { runJanitor } from '../../lambdas/app/run-janitor.js';
import { withTenantLease } from '../../lambdas/app/with-tenant-lease.js';
import type { HeldLease } from '../../lambdas/app/keep-tenant-lease.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { cliLogger } from './cli-logger.js';
import { connectFromFlags, connectionSettings, type ConnectionSettings } from './connect-from-flags.js';
import { deliverReport } from './deliver-report.js';
import { errorLine, exitCodeFor, exitCodeForError } from './exit-code-for.js';
import type { CliFlags } from './parse-cli-args.js';
import { assertWritable } from './assert-writable.js';
import { previewClock, type PreviewClock } from './preview-clock.js';
import { readPolicyInput } from './read-policy-file.js';
import { resolveRunLimits, type RunLimits } from './resolve-run-limits.js';
import { registryFor, registryTableOf } from './registry-for.js';
import { withAwsRegion } from './resolve-aws-region.js';
import { secretStoreFor } from './secret-store-for.js';
import { directoryArchive, type LocalArchive } from './report-archive-for.js';
import { INTERRUPT_GRACE_MS, watchInterrupts } from './watch-interrupts.js';
import { doorKeyOf } from '../../lambdas/app/door/door.js';
import { iscRemovalOf } from '../../lambdas/adapters/isc/isc-removal.js';

/**
 * `plan` and `run`: the same orchestrator the Lambda calls. `plan` and `--dry-run` force report
 * mode here, before the orchestrator, whatever the policy file says. Flags, policy and --json are
 * checked first (a mistake there is exit 2 with no report); from connecting on, every run ends in
 * a report, one that failed before evaluation included (exit 2 for refused credentials, else 1).
 * SIGINT/SIGTERM stop new actions, wait for those in flight (10 s at most), print the report with
 * outcome `interrupted` and exit 130/143.
 */
export async function cleanupCommand(command: 'plan' | 'run', rawFlags: CliFlags, rawIo: CliIo): Promise<ExitCode> {
  const fileInput = rawFlags.policy === undefined ? {} : await readPolicyInput(rawFlags.policy);
  // Checked before anything runs: an enforced run must not end in "could not write the report".
  if (rawFlags.json) await assertWritable(rawFlags.json, '--json');
  const local = rawFlags.archiveDir === undefined ? undefined : await directoryArchive(rawFlags.archiveDir);
  if (local?.refused) {
    rawIo.stderr.write(
      `[warning] --archive-dir ${rawFlags.archiveDir}: ${local.refused}, so no announcement in it counts and no token is deleted (this run's report is still written there, without following links); fix: chmod -R go-w the folder and remove the links\n`,
    );
  }
  const limits = resolveRunLimits(rawFlags, rawIo.env);
  const awsUse = awsUseOf(rawFlags, rawIo.env);
  let io = awsUse ? withAwsRegion(rawIo, awsUse) : rawIo;
  const registered = await registeredTenant(rawFlags, io);
  // With the registry, the tenant's entry names its credentials and its policy.
  const flags = registered ? { ...rawFlags, secretId: registered.tenant.credentialsSecretId } : rawFlags;
  const tenantPolicy = registered ? registeredPolicy(command, registered.tenant, fileInput, rawFlags.policy) : parsePolicy(fileInput, `policy file ${rawFlags.policy}`);
  const preview = command === 'plan' && flags.asOf !== undefined ? previewClock(flags.asOf, io.now) : undefined;
  const reportOnly = command === 'plan' || flags.dryRun;
  const policy = reportOnly ? parsePolicy({ ...tenantPolicy, mode: 'report' }) : tenantPolicy;
  // Managed secrets are read to plan rotations, so plan needs their store too.
  if (policy.rotation.enabled && !flags.secretsDir) io = withAwsRegion(io, "the policy's rotation (managed client secrets in Secrets Manager; --secrets-dir keeps them in a folder)");
  // Credentials and API version are configuration: wrong, they are exit 2 with no report (a report is for runs).
  const settings = connectionSettings(flags, io);
  if (preview) return execute(command, flags, io, policy, limits, local, settings, preview);
  if (command !== 'run' || !registered) return execute(command, flags, io, policy, limits, local, settings);
  // A run takes the tenant's lease before it lists anything; one held by another run refuses this
  // one (exit 3). The run's deadline fits inside the lease: without --max-run-time it gets
  // CLI_MAX_RUN_TIME_MS, so it has stopped before its lease could run out, even unrenewed.
  const maxRunTimeMs = limits.maxRunTimeMs ?? CLI_MAX_RUN_TIME_MS;
  const runLimits: RunLimits = { ...limits, maxRunTimeMs };
  const lease = { holder: `cli ${userInfo().username}@${hostname()}`, now: io.now(), ttlMs: maxRunTimeMs + LEASE_SLACK_MS };
  return withTenantLease(registered.leases, registered.tenant.name!, lease, (held) => execute(command, flags, io, policy, runLimits, local, settings, undefined, held), cliLogger(io.stderr), io.now);
}

/** What of plan/run needs AWS (and so a region), named as the user gave it; undefined: nothing. */
function awsUseOf(flags: CliFlags, env: CliIo['env']): string | undefined {
  if (flags.registry) return '--registry (the tenant registry in DynamoDB)';
  if (registryTableOf(flags, env)) return 'TENANT_REGISTRY_TABLE (the tenant registry in DynamoDB)';
  if (flags.secretId) return '--secret-id (Secrets Manager)';
  if (flags.topicArn) return '--topic-arn (SNS)';
  return undefined;
}

/**
 * The deadline of a registry run that sets no --max-run-time: longer than a big tenant's run,
 * short enough that a killed run (Ctrl-C, a closed laptop) blocks the tenant's nightly run for
 * about an hour at most (its lease lasts the deadline plus LEASE_SLACK_MS, plus the clock-skew
 * allowance others grant it).
 */
export const CLI_MAX_RUN_TIME_MS = 60 * 60_000;
/** The lease outlives the deadline by this much: in-flight requests end, the report is archived and printed. */
const LEASE_SLACK_MS = 60_000;

/** `--registry` (or TENANT_REGISTRY_TABLE): the registered tenant --tenant names, and the table's leases. */
async function registeredTenant(flags: CliFlags, io: CliIo): Promise<{ tenant: RunTenant; leases: TenantLeases } | undefined> {
  const table = registryTableOf(flags, io.env);
  if (!table) return undefined;
  if (!flags.tenant) throw new UsageError(`with the tenant registry (${table}), name a registered tenant: --tenant NAME`);
  if (flags.secretId) throw new UsageError("--secret-id: with the tenant registry, the tenant's entry names its credentials secret; leave --secret-id out");
  const { registry, leases } = registryFor(table, io);
  const tenant = await resolveRunTenant({ tenant: flags.tenant }, { kind: 'registry', registry, tableName: table });
  if (!tenant.enabled) {
    throw new ConfigError(`Tenant ${tenant.name} is paused (enabled: false in the tenant registry); resume it with "npm run janitor -- tenants set ${tenant.name} --enabled true"`, ['enabled']);
  }
  return { tenant, leases };
}

/**
 * A registered tenant's own policy is the ceiling of its runs: `--policy` is merged over it and
 * may only tighten it on `run` (whoever may run the CLI against the registry must not loosen what
 * the tenant's entry says); `plan` changes nothing, so it may preview a looser policy.
 */
function registeredPolicy(command: 'plan' | 'run', tenant: RunTenant, fileInput: unknown, path: string | undefined): Policy {
  const own = parsePolicy(tenant.policy, `policy of tenant ${tenant.name} (its registry entry)`);
  if (path === undefined) return own;
  const policy = parsePolicy(mergePolicyInput(tenant.policy, fileInput), `policy (--policy ${path} merged over tenant ${tenant.name}'s registry policy)`);
  if (command === 'run') {
    assertPolicyTightens(own, policy, {
      source: `--policy ${path}`,
      fieldPrefix: '',
      ceiling: `tenant ${tenant.name}'s own policy in the registry`,
      fix: `to do more, change the tenant's policy: "npm run janitor -- tenants set ${tenant.name} --tenant-policy FILE"`,
    });
  }
  return policy;
}

async function execute(
  command: 'plan' | 'run',
  flags: CliFlags,
  io: CliIo,
  policy: Policy,
  limits: RunLimits,
  local: LocalArchive | undefined,
  settings: ConnectionSettings,
  preview?: PreviewClock,
  lease?: HeldLease,
): Promise<ExitCode> {
  const archive = local?.archive;
  // The time limit runs from here: connecting and listing count too.
  const deadline =
    limits.maxRunTimeMs === undefined
      ? undefined
      : runDeadline(
          limits.maxRunTimeMs,
          flags.maxRunTime === undefined
            ? `the run reached the time limit of its tenant lease (${limits.maxRunTimeMs / 1000} s; --max-run-time sets another)`
            : `the run reached its time limit (--max-run-time ${flags.maxRunTime} s)`,
        );
  const reportId = randomUUID();
  const startedAt = io.now();
  const interrupts = watchInterrupts(io.signals, {
    ...(io.interruptGraceMs === undefined ? {} : { graceMs: io.interruptGraceMs }),
    onSignal: (signal, first) =>
      io.stderr.write(
        first
          ? `[warning] ${signal}: starting no more actions; waiting up to ${(io.interruptGraceMs ?? INTERRUPT_GRACE_MS) / 1000} s for those in flight, then the report\n`
          : `[warning] ${signal} again: already stopping; the report follows\n`,
      ),
  });
  // The ISC client stops at the deadline, or when an interrupt's grace period is over.
  const stop = deadline ? AbortSignal.any([deadline.signal, interrupts.abandon]) : interrupts.abandon;
  try {
    let report: RunReport;
    let failure: unknown;
    try {
      const { connection, logger } = await connectFromFlags(flags, io, { limits, signal: stop, settings });
      report = await runJanitor({
        api: connection.api,
        door: doorKeyOf(iscRemovalOf(connection.api)),
        policy,
        tenant: flags.tenant ?? tenantFromBaseUrl(connection.baseUrl),
        selfClientId: connection.selfClientId,
        // A preview judges on its own clock and leaves no evidence: a day that has not come is not a record.
        clock: preview?.now ?? io.now,
        reportId,
        logger,
        // At the deadline itself: no action starts after it, and the signal ends those in flight.
        ...(deadline ? { remainingTimeMs: deadline.remainingMs, safetyMarginMs: 0 } : {}),
        interruption: interrupts.stop,
        ...(lease ? { lease } : {}),
        rotation: { store: secretStoreFor(flags.secretsDir, io.aws), baseUrl: connection.baseUrl },
        ...(preview || !archive ? {} : { archive }),
        // The archive is also the record of the token deletions earlier runs announced.
        search: connection.api.search,
        pats: { api: connection.api.personalAccessTokens, ...(archive ? { archive } : {}), ...(local?.refused ? { archiveRefused: local.refused } : {}) },
      });
    } catch (error) {
      // Stopped before the tenant was evaluated: the error on stderr, and still a report (and
      // --json) that says so, so a scheduled run never ends without one.
      failure = error;
      io.stderr.write(errorLine(error));
      const tenant = flags.tenant ?? (io.env.SAIL_BASE_URL ? tenantFromBaseUrl(io.env.SAIL_BASE_URL) : (flags.secretId ?? 'unknown'));
      report = buildFailedReport({
        reportId,
        tenant,
        mode: policy.mode,
        startedAt,
        finishedAt: io.now(),
        reason: errorMessage(error),
        policy,
        ...(interrupts.received() ? { outcome: 'interrupted' as const } : {}),
      });
      // A run that failed early is evidence too; scrubbed first, as everything that leaves the process.
      if (archive && !preview) report = await archiveReport(archive, knownSecrets.redactDeep(report), cliLogger(io.stderr));
    }
    if (preview) io.stdout.write(preview.header);
    const published = await deliverReport(report, flags, io);
    // A run whose report SNS accepted reached people: recorded, so its announcements count. The
    // terminal alone is no delivery, and `plan` never announces, whatever it printed or sent.
    if (published && command === 'run' && archive) {
      await recordDelivery(archive, report, { via: 'sns', deliveredAt: io.now().toISOString(), ...published }, cliLogger(io.stderr));
    }
    const signal = interrupts.received();
    if (signal) return signal === 'SIGINT' ? EXIT.interrupted : EXIT.terminated;
    return failure === undefined ? exitCodeFor(report) : exitCodeForError(failure);
  } finally {
    interrupts.dispose();
    deadline?.dispose();
  }
}
