import type { ReportSubscription, SubscriptionChange } from './fleet/plan-report-subscriptions.js';
import type { ScheduledTenant } from './fleet/find-due-tenants.js';
import type { ClientListing, CreatedOAuthClient, OAuthClient, OAuthClientRequest } from './model/oauth-client.js';
import type { CreatedPersonalAccessToken, PatListing, PersonalAccessTokenRequest } from './model/personal-access-token.js';
import type { TenantEntry } from './model/tenant-entry.js';
import type { ClientCreationEvent, IdentityRecord } from './model/owner.js';
import type { ReportAction, RunReport, UpcomingAction } from './report/run-report.js';
import type { RotationFailure, SecretDescription, VersionStage } from './model/secret-versions.js';

/**
 * Ports: the interfaces the orchestrator needs from the outside world. The core owns them;
 * adapters (lambdas/isc, lambdas/aws) implement them; tests pass fakes.
 */

/**
 * `deleted`: ISC answered 204. `already-gone`: ISC answered 404: the client was gone before this
 * DELETE (someone else deleted it), so the run reports it as skipped, not as its own deletion.
 */
export type DeleteResult = 'deleted' | 'already-gone';

/**
 * The only server-side filters ISC supports on credential lists: `lastUsed le <instant>` and
 * `lastUsed isnull`. The core asks for one of these; the adapter spells it in ISC's syntax.
 */
export type ListFilter = { readonly lastUsedLe: Date } | { readonly lastUsedIsNull: true };

export interface OAuthClientsApi {
  /** Every client (or those the filter selects); an entry that cannot be read is returned apart, never fatal. */
  list(filter?: ListFilter): Promise<ClientListing>;
  get(id: string): Promise<OAuthClient>;
  create(request: OAuthClientRequest): Promise<CreatedOAuthClient>;
  // No disable, no delete: those are CredentialRemoval's (credential-removal.ts), which only the door holds.
}

export interface PatListOptions {
  /**
   * One identity's tokens. Omitted: every token of the tenant, which needs the right
   * `idn:all-personal-access-tokens:read` (managed tokens also `idn:managed-personal-access-tokens:read`).
   */
  readonly ownerId?: string;
  readonly filter?: ListFilter;
}

/**
 * Personal access tokens: listed and created. ISC has no get-by-id and no disable for them; their
 * deletion is CredentialRemoval's (credential-removal.ts), which only the door holds.
 */
export interface PersonalAccessTokensApi {
  /** The tokens (of one owner, or the filter's); an entry that cannot be read is returned apart, never fatal. */
  list(options?: PatListOptions): Promise<PatListing>;
  create(request: PersonalAccessTokenRequest): Promise<CreatedPersonalAccessToken>;
}

/**
 * ISC's search, for the owner lookups: who created which client (audit events) and who those
 * people are (identities). Needs the scope `sp:search:read`; without it every call fails with
 * an IscApiError of status 403. Each call is one search request.
 */
export interface AuditSearchApi {
  /** The largest number of clients (or identity keys) one call may take. */
  readonly batchSize: number;
  /** `API_CLIENT_CREATED` events naming any of these clients (by id or name), newest first. */
  clientCreations(clients: readonly { readonly id: string; readonly name: string | null }[]): Promise<ClientCreationEvent[]>;
  /** The identities with these login names or ids (unknown ones are simply not returned). */
  identities(keys: { readonly names?: readonly string[]; readonly ids?: readonly string[] }): Promise<IdentityRecord[]>;
}

/** What the janitor stores for a managed (rotated or governed-created) client. */
export interface ManagedClientSecret {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly baseUrl: string;
  /** ISO timestamp of the rotation (or creation) that wrote this value. */
  readonly rotatedAt: string;
  readonly previousClientId: string | null;
}

/**
 * The janitor's own ISC credentials (a personal access token) as stored:
 * `{"baseUrl","clientId","clientSecret"}`, optionally the API version to use.
 */
export interface JanitorSecret {
  readonly baseUrl: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly apiVersion?: string;
}

/** Where managed client secrets live: Secrets Manager in AWS, a 0600 directory locally. */
export interface SecretStore {
  /** The stored value, or undefined when no secret of that name exists. */
  read(name: string): Promise<ManagedClientSecret | undefined>;
  /**
   * Create the secret if absent, else put a new version. `idempotencyToken` (derived from the
   * successor's client id) makes a retried write a no-op. Returns the secret's ARN or path.
   */
  write(
    name: string,
    value: ManagedClientSecret,
    options: { idempotencyToken: string; tags: Readonly<Record<string, string>> },
  ): Promise<{ arn: string }>;
  /** The secret's rotation state (undefined: no such secret), for planning and the report. */
  describe?(name: string): Promise<SecretDescription | undefined>;
  /** The value a rotation in progress staged as AWSPENDING (undefined: none). */
  readPending?(name: string): Promise<ManagedClientSecret | undefined>;
  /** The value labelled AWSPREVIOUS (undefined: none); after AWSCURRENT was moved back it is the newer one. */
  readPrevious?(name: string): Promise<ManagedClientSecret | undefined>;
  /**
   * Hand the secret to Secrets Manager rotation (RotateSecret with the rotation function, every
   * `afterDays` days, not immediately). Absent where no rotation function exists (the directory store).
   */
  enableRotation?(name: string, afterDays: number): Promise<void>;
}

/**
 * A secret's versions as the rotation protocol moves them: Secrets Manager in AWS, the directory
 * store locally. `secretId` is a name, ARN or path; values are decoded (and validated) by the adapter.
 */
export interface StagedSecretStore<V> {
  /** DescribeSecret; throws when the secret does not exist. */
  describe(secretId: string): Promise<SecretDescription>;
  /**
   * The value of the version carrying `stage` (and, when given, being `versionId`); undefined
   * when there is none or that version has no value yet (a version Secrets Manager only staged).
   */
  readStage(secretId: string, stage: VersionStage, versionId?: string): Promise<V | undefined>;
  /** Store `value` as version `versionId`, labelled AWSPENDING. The same value again is a no-op. */
  putPending(secretId: string, versionId: string, value: V): Promise<void>;
  /** Move AWSCURRENT to `versionId`; the version it leaves (`fromVersionId`) becomes AWSPREVIOUS. */
  promote(secretId: string, versionId: string, fromVersionId: string | undefined): Promise<void>;
  /** Take AWSPENDING off `versionId`: the rotation was rolled back. */
  dropPending(secretId: string, versionId: string): Promise<void>;
  /** Note the last failed step where DescribeSecret shows it (a tag), or clear it with null. */
  noteRotationFailure(secretId: string, failure: RotationFailure | null): Promise<void>;
}

/** Where one tenant's janitor credentials live. */
export interface TenantCredentialsRef {
  readonly tenant: string;
  /** Name or ARN of the secret holding `{"baseUrl","clientId","clientSecret"}`. */
  readonly credentialsSecretId: string;
}

/**
 * The tenants the janitor serves and their credentials secrets: from the function's environment
 * today, from the tenant registry (DynamoDB) once there is one.
 */
export interface TenantCredentialsRegistry {
  list(): Promise<readonly TenantCredentialsRef[]>;
}

/** One ISC connection acting as the holder of some credentials. */
export interface IscSession {
  readonly baseUrl: string;
  readonly apiVersion: string;
  readonly clients: OAuthClientsApi;
  readonly personalAccessTokens: PersonalAccessTokensApi;
}

/**
 * Opens ISC connections with credentials given at run time: the rotation steps act as the
 * janitor and test credentials nobody uses yet.
 */
export interface IscConnector {
  connect(credentials: JanitorSecret): Promise<IscSession>;
  /** Ask ISC for an access token with these client credentials; throws (IscAuthError) when refused. */
  requestToken(credentials: { readonly baseUrl: string; readonly clientId: string; readonly clientSecret: string }): Promise<void>;
}

/** Sends an owner notice (Amazon SES in AWS). Resolves to the message id the service gave. */
export interface OwnerNotifier {
  send(notice: { readonly from: string; readonly replyTo?: string; readonly to: string; readonly subject: string; readonly text: string }): Promise<{ readonly messageId: string }>;
}

/** Sends the finished report to people (SNS email) and machines. */
export interface ReportPublisher {
  /** Resolves once the report was accepted for delivery; a publisher that can, says where (SNS: the topic and message id). */
  publish(report: RunReport): Promise<PublishedReport | void>;
}

/** Where a published report went: enough for the archive's delivery record. */
export interface PublishedReport {
  readonly topicArn: string;
  readonly messageId?: string;
}

/**
 * How a report reached people, recorded in the archive once it did. `sns`: SNS accepted the
 * message (the Lambda's report, a CLI run with --topic-arn). `demo`: the demo printed it to the
 * person watching its simulated nights.
 */
export interface ReportDelivery {
  readonly via: 'sns' | 'demo';
  /** ISO timestamp: when delivery succeeded. */
  readonly deliveredAt: string;
  readonly topicArn?: string;
  readonly messageId?: string;
}

/** A registered tenant with the state runs keep beside its entry. */
export interface RegisteredTenant extends ScheduledTenant {
  /** Present while a run holds (or last held, until it expired) the tenant's lease. */
  readonly lease?: { readonly holder: string; readonly expiresAt: Date } | undefined;
}

/** The whole registry; an entry that no longer validates is named, never silently dropped. */
export interface TenantListing {
  readonly tenants: readonly RegisteredTenant[];
  readonly invalid: readonly { readonly name: string; readonly message: string }[];
}

/**
 * Reading the tenant registry: what every entry point needs to find a tenant's credentials
 * secret and policy (the janitor, the rotation function, the CLI).
 */
export interface TenantRegistryReader {
  /** The entry, or undefined when no tenant of that name is registered. A corrupt entry throws a ConfigError. */
  get(name: string): Promise<TenantEntry | undefined>;
  list(): Promise<TenantListing>;
}

/** Managing the registry (the CLI). Each change is one conditional write; run state is never touched. */
export interface TenantRegistry extends TenantRegistryReader {
  add(entry: TenantEntry): Promise<'added' | 'exists'>;
  /** Replace the entry's fields, keeping its run state (last run day, lease). */
  replace(entry: TenantEntry): Promise<'updated' | 'missing'>;
  /** Refused while a run holds the tenant's lease: removing it would orphan that run. */
  remove(name: string, now: Date): Promise<'removed' | 'missing' | { readonly leasedBy: string; readonly until: Date }>;
}

export interface LeaseRequest {
  /** Who asks, in words for the refusal message: `nightly run <execution>`, `cli jane@host`. */
  readonly holder: string;
  readonly now: Date;
  /** How long the lease lasts if never released (a crashed run frees the tenant after this). */
  readonly ttlMs: number;
}

export interface TenantLease {
  readonly tenant: string;
  readonly holder: string;
  /** Unique per acquisition: only the run that took the lease can release it. */
  readonly token: string;
  /**
   * The fencing token: how many times this tenant's lease was ever taken, bumped by every take.
   * A run may act only while the registry still holds its fence; a takeover changes it.
   */
  readonly fence: number;
  /** In the holder's clock, which wrote it. */
  readonly expiresAt: Date;
}

export type LeaseAttempt =
  | { readonly acquired: true; readonly lease: TenantLease }
  | { readonly acquired: false; readonly reason: 'held'; readonly heldBy: string; readonly until: Date }
  | { readonly acquired: false; readonly reason: 'not-registered' };

/**
 * How far two clocks may disagree: another run's lease counts as expired only this long after the
 * expiry it wrote, so a taker whose clock runs ahead does not take a lease early. Five minutes is
 * what AWS itself tolerates (a request signed by a clock further off is refused), so a host whose
 * clock is worse cannot reach the registry at all.
 */
export const LEASE_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * One run per tenant at a time: a conditional write with an expiry and a fencing token. The
 * registry, not a local clock, says whether a run still holds its lease: every renewal and every
 * check is a conditional write on the run's token and fence.
 */
export interface TenantLeases {
  /** Takes the lease when it is free or expired (judged with LEASE_CLOCK_SKEW_MS), bumping the fence. */
  acquire(tenant: string, request: LeaseRequest): Promise<LeaseAttempt>;
  /** Pushes the expiry to `now + ttlMs`; 'lost' when another run took the lease over or the tenant was removed. */
  renew(lease: TenantLease, request: Omit<LeaseRequest, 'holder'>): Promise<TenantLease | 'lost'>;
  /**
   * The "may still act" question, asked as a conditional write: true while the registry holds this
   * lease's token and fence and its expiry (written by the holder's clock) is still after `now`
   * (the holder's clock too). False once the lease was taken over, released, or ran out.
   */
  checkLease(lease: TenantLease, now: Date): Promise<boolean>;
  /** Releases only the caller's own lease; one that expired and was taken over is left alone. */
  release(lease: TenantLease): Promise<void>;
}

/** At most one nightly run per tenant per local day. */
export interface RunDayClaims {
  /**
   * True for the first claim of that tenant and day, false for every later one (or a removed
   * tenant; a paused one is passed by before it is claimed, and refused by its run if paused since). The same claimant asking again gets true again: a retried tick finds the
   * tenants it already claimed instead of losing them for the day.
   */
  claim(tenant: string, runDay: string, claimant: string): Promise<boolean>;
  /**
   * Give back a day this claimant claimed but could not run (the tenant was busy, or its run was
   * throttled), so a later tick of the same night runs it. A day claimed by anyone else is left alone.
   */
  unclaim(tenant: string, runDay: string, claimant: string): Promise<void>;
}

/**
 * The evidence archive: every run's full report, and one line per action and per announced
 * (upcoming) action, kept immutable (S3 with Object Lock in AWS, a directory locally).
 */
export interface ReportArchive {
  /**
   * Store the report and its lines, each object once (an existing one is never replaced: the
   * write fails); resolves to where the full report is (`s3://...` or a path).
   */
  write(report: RunReport): Promise<{ readonly location: string }>;
  /** Record that the report written before reached people: only after the delivery succeeded. */
  recordDelivery(report: RunReport, delivery: ReportDelivery): Promise<{ readonly location: string }>;
}

/** Archived runs, selected by the UTC date of their `startedAt` (`YYYY-MM-DD`, both ends included). */
export interface ArchiveQuery {
  /** One tenant's runs. @default every tenant in the archive */
  readonly tenant?: string;
  readonly since?: string;
  readonly until?: string;
  /** Only runs whose report reached people (a delivery is recorded). @default every run */
  readonly delivered?: boolean;
}

/** One archived run: enough to fetch its report or its lines. */
export interface ArchivedRun {
  readonly tenant: string;
  /** UTC date of the run's `startedAt`, `YYYY-MM-DD`. */
  readonly date: string;
  readonly reportId: string;
}

/** An archived report entry (an action, an upcoming action) with the run that wrote it. */
export type Archived<T> = T & ArchivedRun;

/** An archived announcement: also says whether the announcing run enforced, and when it started. */
export type ArchivedUpcoming = Archived<UpcomingAction> & Pick<RunReport, 'mode' | 'startedAt'>;

/**
 * Reads the evidence archive. Small primitives on purpose: the app decides how many reads run at
 * once (lambdas/app/read-archive.ts), and a question such as "which earlier runs announced
 * credential X" reads only the small upcoming lines, never the full reports.
 */
export interface ReportArchiveReader {
  /** Runs whose full report is archived (it is written last), by date, then report id. */
  runs(query?: ArchiveQuery): Promise<ArchivedRun[]>;
  /**
   * The run's full report. Throws, naming the object, for one that does not parse as a report or
   * does not belong where it is stored (another tenant, report id or date than its key says).
   */
  report(run: ArchivedRun): Promise<RunReport>;
  /** The run's action lines, in report order. */
  actions(run: ArchivedRun): Promise<Archived<ReportAction>[]>;
  /** The run's upcoming lines (what it announced), in report order. */
  upcoming(run: ArchivedRun): Promise<ArchivedUpcoming[]>;
}

/** The per-tenant email subscriptions on the reports topic (SNS in AWS). */
export interface ReportSubscriptions {
  list(): Promise<ReportSubscription[]>;
  apply(change: SubscriptionChange): Promise<void>;
}
