import { readFile } from 'node:fs/promises';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ConfigError } from '../../lambdas/core/config-error.js';
import type { TenantEntry } from '../../lambdas/core/model/tenant-entry.js';
import { localTimeOfSchedule, parseLegacyTenants, type LegacyTenant } from '../../lib/legacy-tenants.js';
import { EXIT, UsageError, type CliIo, type ExitCode } from './cli-io.js';
import { keepLegacySecret } from './keep-legacy-secret.js';
import type { CliFlags } from './parse-cli-args.js';
import { refuseTenantDuplicates } from './refuse-tenant-duplicates.js';
import { registryFor, registryTableOf } from './registry-for.js';
import { validEntry } from './tenant-entry-from-flags.js';
import { withAwsRegion } from './resolve-aws-region.js';

/**
 * `tenants import --from cdk.json`: the tenants earlier versions deployed, moved into the
 * registry. Every tenant is checked (as the stack context checked it) before anything is
 * written. Without a registry table it only checks and keeps the credentials secrets the old
 * stack created (the step before the deploy that drops them); with one it also registers every
 * tenant not registered yet. Running it again is harmless.
 */
export async function importTenants(flags: CliFlags, rawIo: CliIo): Promise<ExitCode> {
  if (!flags.from) throw new UsageError('tenants import needs --from FILE: the old cdk.json, or a JSON list of tenants');
  const legacy = parseLegacyTenants(await readJson(flags.from), flags.from);
  const planned = plan(legacy, flags.from);
  const io = withAwsRegion(rawIo, 'tenants import (the old stack\'s secrets in Secrets Manager, the registry in DynamoDB)');
  const secrets = new SecretsManagerClient({ ...io.aws });
  const notes: string[] = [];
  const entries: TenantEntry[] = [];
  for (const [index, tenant] of planned.entries()) {
    let arn = tenant.credentialsSecretArn;
    if (arn === undefined) {
      const kept = await keepLegacySecret(secrets, tenant.name, `tenants[${index}].credentialsSecretArn`);
      arn = kept.arn;
      if (kept.how === 'copied') notes.push(`  ${tenant.name}: credentials copied from the secret the old stack created into ${arn}${kept.placeholder ? ' (it still holds the placeholder: put the PAT in)' : ''}`);
    }
    entries.push(validEntry({ name: tenant.name, credentialsSecretArn: arn, localTime: tenant.localTime, timeZone: tenant.timeZone, policy: tenant.policy ?? {} }, tenant.name));
  }
  const table = registryTableOf(flags, io.env);
  const out: string[] = [`Checked ${entries.length} tenant${entries.length === 1 ? '' : 's'} from ${flags.from}.`, ...notes];
  if (!table) {
    out.push(
      'No registry given, so nothing was registered. Next: delete "tenants" from cdk.json, deploy, then run this',
      `command again with --registry <RegistryTableName> (the stack output).`,
    );
    io.stdout.write(`${out.join('\n')}\n`);
    return EXIT.ok;
  }
  const { registry } = registryFor(table, io);
  const registered = new Set((await registry.list()).tenants.map(({ entry }) => entry.name));
  const candidates = entries.flatMap((entry, index) => (registered.has(entry.name) ? [] : [{ ...entry, fieldPrefix: `tenants[${index}].` }]));
  await refuseTenantDuplicates(candidates, registry, io);
  for (const entry of entries) {
    const result = await registry.add(entry);
    out.push(result === 'added' ? `  added ${entry.name}: daily at ${entry.localTime} ${entry.timeZone}` : `  ${entry.name}: already registered, left as it is`);
  }
  out.push(`The tenants run at their local times from the next tick; see them with "npm run janitor -- tenants list --registry ${table}".`);
  io.stdout.write(`${out.join('\n')}\n`);
  return EXIT.ok;
}

interface PlannedTenant extends Omit<LegacyTenant, 'schedule'> {
  readonly localTime: string;
}

/** Each daily schedule as a local time; a schedule that skips days cannot move as it is: named, with what to do. */
function plan(legacy: readonly LegacyTenant[], source: string): PlannedTenant[] {
  const problems: string[] = [];
  const planned = legacy.map(({ schedule, ...tenant }, index) => {
    const localTime = localTimeOfSchedule(schedule);
    if (localTime === undefined) {
      problems.push(
        `tenants[${index}].schedule: "${schedule}" does not run every day at one time; the registry runs each tenant once a day at a local time: make it daily ("HH:MM") to import it`,
      );
    }
    return { ...tenant, localTime: localTime ?? '' };
  });
  if (problems.length > 0) throw new ConfigError(`Invalid ${source}: ${problems.join('; ')}`, problems.map((p) => p.slice(0, p.indexOf(':'))));
  return planned;
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read --from ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; check the path`, ['--from']);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`Invalid --from ${path}: not valid JSON; fix the JSON syntax`, ['--from']);
  }
}
