import { writeFile } from 'node:fs/promises';
import { SNSClient } from '@aws-sdk/client-sns';
import { SnsReportSubscriptions } from '../../lambdas/adapters/report/sns-report-subscriptions.js';
import { reconcileReportSubscriptions } from '../../lambdas/app/reconcile-report-subscriptions.js';
import { addressStates, followedTenants, type SubscriptionChange } from '../../lambdas/core/fleet/plan-report-subscriptions.js';
import { silentLogger } from '../../lambdas/core/run-logger.js';
import { didYouMean } from '../../lambdas/core/closest-match.js';
import { ConfigError, isConfigError } from '../../lambdas/core/config-error.js';
import type { TenantEntry } from '../../lambdas/core/model/tenant-entry.js';
import type { RegisteredTenant } from '../../lambdas/core/ports.js';
import { assertWritable } from './assert-writable.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { importTenants } from './import-tenants.js';
import { refuseTenantDuplicates } from './refuse-tenant-duplicates.js';
import type { CliFlags } from './parse-cli-args.js';
import { registryFor, registryTableOf, type CliRegistry } from './registry-for.js';
import { withAwsRegion } from './resolve-aws-region.js';
import { entryFieldsFromFlags, validEntry } from './tenant-entry-from-flags.js';

export const TENANTS_SUBCOMMANDS = ['list', 'add', 'set', 'remove', 'import'] as const;
const SEE_HELP = '"npm run janitor -- tenants --help" describes them.';
type Subcommand = (typeof TENANTS_SUBCOMMANDS)[number];

/** Flags each sub-command takes besides --registry (the table lists them all under `tenants`). */
const ENTRY_FLAGS = ['credentialsSecretArn', 'localTime', 'timeZone', 'tenantPolicy', 'enabled', 'reportEmails'] as const;
const ALLOWED: Record<Subcommand, readonly (keyof CliFlags)[]> = {
  list: ['json', 'topicArn'],
  add: [...ENTRY_FLAGS, 'topicArn'],
  set: [...ENTRY_FLAGS, 'topicArn'],
  remove: ['topicArn'],
  import: ['from'],
};

/** `tenants list|add|set|remove|import`: the registry, managed without a deploy. */
export async function tenantsCommand(args: readonly string[], flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const [subcommand, name] = args;
  if (subcommand === undefined) throw new UsageError(`tenants needs a sub-command: ${TENANTS_SUBCOMMANDS.join(', ')}.\n${SEE_HELP}`);
  if (!TENANTS_SUBCOMMANDS.includes(subcommand as Subcommand)) {
    throw new UsageError(`unknown sub-command "tenants ${subcommand}".${didYouMean(subcommand, TENANTS_SUBCOMMANDS, (sub) => `tenants ${sub}`)}\nSub-commands: ${TENANTS_SUBCOMMANDS.join(', ')}; ${SEE_HELP}`);
  }
  const sub = subcommand as Subcommand;
  checkFlags(sub, flags);
  const needsName = sub === 'add' || sub === 'set' || sub === 'remove';
  if (needsName && !name) throw new UsageError(`tenants ${sub} needs the tenant's name, e.g. "tenants ${sub} acme"`);
  if (!needsName && name !== undefined) throw new UsageError(`unexpected argument "${name}" for tenants ${sub}; see "tenants --help"`);
  if (sub === 'import') return importTenants(flags, io);
  const table = registryTableOf(flags, io.env);
  if (!table) throw new UsageError(`tenants ${sub} needs the registry table: --registry TABLE (stack output RegistryTableName) or TENANT_REGISTRY_TABLE`);
  const aws = withAwsRegion(io, `tenants ${sub} (the tenant registry in DynamoDB)`);
  const registry = registryFor(table, aws);
  const topicArn = flags.topicArn ?? (io.env.REPORT_TOPIC_ARN?.trim() || undefined);
  const subscriptions = topicArn ? new SnsReportSubscriptions(new SNSClient({ ...aws.aws }), topicArn) : undefined;
  let code: ExitCode;
  switch (sub) {
    case 'list':
      return list(registry, flags, io, subscriptions);
    case 'add':
      code = await add(registry, name!, flags, io);
      break;
    case 'set':
      code = await set(registry, name!, flags, io);
      break;
    case 'remove':
      code = await remove(registry, name!, io);
      break;
  }
  if (code === EXIT.ok) await reportDelivery(registry, sub, flags, io, subscriptions);
  return code;
}

/**
 * After a change: the report subscriptions made now (with the topic), or when they will be, and
 * plainly when no report will reach anyone.
 */
async function reportDelivery({ registry }: CliRegistry, sub: Subcommand, flags: CliFlags, io: CliIo, subscriptions: SnsReportSubscriptions | undefined): Promise<void> {
  if (subscriptions) {
    const result = await reconcileReportSubscriptions({ registry, subscriptions, logger: silentLogger });
    for (const change of result.applied) io.stdout.write(`Report subscription: ${describeChange(change)}\n`);
    for (const { change, error } of result.failed) io.stderr.write(`warning: report subscription for ${change.address} not changed: ${error}\n`);
    if (result.nobodyReads) io.stderr.write(`${NOBODY_READS}\n`);
    return;
  }
  const entries = (await registry.list()).tenants.map((tenant) => tenant.entry);
  if (flags.reportEmails !== undefined) {
    io.stdout.write('Report subscriptions follow within 15 minutes (the next tick of the night); pass --topic-arn (stack output ReportTopicArn) to make them now.\n');
  }
  if (sub === 'add' && !entries.some((entry) => entry.reportEmails.length > 0)) {
    io.stderr.write(`${NOBODY_READS} (Without --topic-arn the topic's own subscriptions were not looked at: the stack's reportEmails, if set, get every report.)\n`);
  }
}

const NOBODY_READS =
  'warning: no report will reach anyone: no tenant lists --report-emails and nobody is subscribed to every report. ' +
  'Add addresses with "tenants set NAME --report-emails a@example.com", or deploy with -c reportEmails=...';

function describeChange(change: SubscriptionChange): string {
  switch (change.kind) {
    case 'subscribe':
      return `${change.address} subscribed to the reports of ${change.tenants.join(', ')}; SNS emails it a link to confirm`;
    case 'set-filter':
      return `${change.address} now receives the reports of ${change.tenants.join(', ')}`;
    case 'unsubscribe':
      return `${change.address} unsubscribed (no tenant lists it any more)`;
  }
}

function checkFlags(sub: Subcommand, flags: CliFlags): void {
  for (const key of Object.keys(flags) as (keyof CliFlags)[]) {
    const given = flags[key] !== undefined && flags[key] !== false;
    if (!given || key === 'registry' || key === 'help' || ALLOWED[sub].includes(key)) continue;
    const flag = `--${key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    throw new UsageError(`${flag} is not a flag of "tenants ${sub}"; see "tenants --help"`);
  }
}

async function list({ registry, tableName }: CliRegistry, flags: CliFlags, io: CliIo, subscriptions: SnsReportSubscriptions | undefined): Promise<ExitCode> {
  if (flags.json) await assertWritable(flags.json, '--json');
  const listing = await registry.list();
  const now = io.now();
  const paused = listing.tenants.filter((t) => !t.entry.enabled).length;
  const rows = listing.tenants.map((tenant) => [
    tenant.entry.name,
    `${tenant.entry.localTime} ${tenant.entry.timeZone}`,
    tenant.entry.enabled ? 'active' : 'paused',
    tenant.lastRunDay ?? '-',
    leaseText(tenant, now),
    tenant.entry.credentialsSecretArn,
  ]);
  const lines = [
    `Tenant registry ${tableName}: ${listing.tenants.length} tenant${listing.tenants.length === 1 ? '' : 's'}${paused ? ` (${paused} paused)` : ''}`,
    ...(rows.length === 0 ? [] : table([['NAME', 'RUNS DAILY AT', 'STATUS', 'LAST NIGHT', 'LEASE', 'CREDENTIALS SECRET'], ...rows])),
    ...(listing.invalid.length === 0
      ? []
      : ['', 'Entries that do not validate (never run; fix them with "tenants set"):', ...listing.invalid.map((bad) => `  ${bad.name}: ${bad.message}`)]),
    ...(await reportAddressLines(listing.tenants.map((tenant) => tenant.entry), subscriptions)),
  ];
  io.stdout.write(`${lines.join('\n')}\n`);
  if (flags.json) await writeFile(flags.json, `${JSON.stringify(listing, null, 2)}\n`, 'utf8');
  return EXIT.ok;
}

async function add({ registry }: CliRegistry, name: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const fields = await entryFieldsFromFlags(flags);
  if (fields.credentialsSecretArn === undefined) {
    throw new UsageError(`tenants add needs --credentials-secret-arn: the secret holding tenant ${name}'s ISC credentials`);
  }
  const entry = validEntry({ ...fields, name }, name);
  await refuseTenantDuplicates([{ ...entry, fieldPrefix: '' }], registry, io);
  if ((await registry.add(entry)) === 'exists') {
    throw new ConfigError(`Tenant ${name} is already registered; change it with "npm run janitor -- tenants set ${name} ..."`, ['name']);
  }
  io.stdout.write(`Added tenant ${describeEntry(entry)}.\n`);
  return EXIT.ok;
}

async function set({ registry }: CliRegistry, name: string, flags: CliFlags, io: CliIo): Promise<ExitCode> {
  const fields = await entryFieldsFromFlags(flags);
  if (Object.keys(fields).length === 0) throw new UsageError(`tenants set ${name} needs at least one field to change; see "tenants --help"`);
  let current: TenantEntry | undefined;
  try {
    current = await registry.get(name);
    if (current === undefined) {
      throw new ConfigError(`Tenant ${name} is not registered; add it with "npm run janitor -- tenants add ${name} --credentials-secret-arn ARN"`, ['name']);
    }
  } catch (error) {
    // An entry that no longer validates is repaired from the given fields alone; table errors stand.
    if (!isConfigError(error) || error.fields.includes('TENANT_REGISTRY_TABLE') || error.fields.includes('name')) throw error;
  }
  const entry = validEntry({ ...(current ?? {}), ...fields, name }, name);
  // A new secret may point at a tenant already registered; other changes (pausing a twin) stay possible.
  if (fields.credentialsSecretArn !== undefined) await refuseTenantDuplicates([{ ...entry, fieldPrefix: '' }], registry, io);
  if ((await registry.replace(entry)) === 'missing') throw new ConfigError(`Tenant ${name} was removed meanwhile; nothing was changed`, ['name']);
  io.stdout.write(`Changed tenant ${describeEntry(entry)}. It applies from the next tick (every 15 minutes).\n`);
  return EXIT.ok;
}

async function remove({ registry }: CliRegistry, name: string, io: CliIo): Promise<ExitCode> {
  const result = await registry.remove(name, io.now());
  if (result === 'missing') throw new ConfigError(`Tenant ${name} is not registered; nothing was removed`, ['name']);
  if (result !== 'removed') {
    io.stderr.write(`error: tenant ${name} is being run by ${result.leasedBy} (lease until ${result.until.toISOString()}); nothing was removed. Remove it once that run has ended.\n`);
    return EXIT.blocked;
  }
  io.stdout.write(`Removed tenant ${name}. Its credentials secret was left as it is.\n`);
  return EXIT.ok;
}

/** Each address the tenants list, the tenants it follows, and what SNS says of its subscription. */
async function reportAddressLines(entries: readonly TenantEntry[], subscriptions: SnsReportSubscriptions | undefined): Promise<string[]> {
  const follows = followedTenants(entries);
  if (follows.size === 0) return [];
  const states = subscriptions ? addressStates(entries, await subscriptions.list()) : undefined;
  return [
    '',
    `Report emails${states ? '' : ' (their subscription state needs --topic-arn, stack output ReportTopicArn)'}:`,
    ...[...follows].map(([address, tenants]) => `  ${address} (${tenants.join(', ')})${states ? `: ${states.get(address)}` : ''}`),
  ];
}

/** `acme: daily at 02:00 Europe/Berlin, active, credentials arn:...` */
export function describeEntry(entry: TenantEntry): string {
  const policy = Object.keys(entry.policy).length === 0 ? '' : `, policy ${JSON.stringify(entry.policy)}`;
  const emails = entry.reportEmails.length === 0 ? '' : `, reports to ${entry.reportEmails.join(', ')}`;
  return `${entry.name}: daily at ${entry.localTime} ${entry.timeZone}, ${entry.enabled ? 'active' : 'paused'}${policy}${emails}, credentials ${entry.credentialsSecretArn}`;
}

function leaseText(tenant: RegisteredTenant, now: Date): string {
  const lease = tenant.lease;
  return lease && lease.expiresAt > now ? `${lease.holder} until ${lease.expiresAt.toISOString().slice(11, 16)}Z` : '-';
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!))).join('  '));
}
