import { readFile } from 'node:fs/promises';
import { ConfigError, isConfigError } from '../../lambdas/core/config-error.js';
import { parseTenantEntry, type TenantEntry } from '../../lambdas/core/model/tenant-entry.js';
import type { CliFlags } from './parse-cli-args.js';

/** The flag that sets each entry field, so an error can say what to type. */
const FLAG_OF: Readonly<Record<string, string>> = {
  credentialsSecretArn: '--credentials-secret-arn',
  localTime: '--local-time',
  timeZone: '--time-zone',
  policy: '--tenant-policy',
  enabled: '--enabled',
  reportEmails: '--report-emails',
};

/** The entry fields the flags of `tenants add` / `set` give (absent flags leave fields out). */
export async function entryFieldsFromFlags(flags: CliFlags): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  if (flags.credentialsSecretArn !== undefined) fields.credentialsSecretArn = flags.credentialsSecretArn.trim();
  if (flags.localTime !== undefined) fields.localTime = flags.localTime.trim();
  if (flags.timeZone !== undefined) fields.timeZone = flags.timeZone.trim();
  if (flags.tenantPolicy !== undefined) fields.policy = await readPartialPolicy(flags.tenantPolicy);
  if (flags.enabled !== undefined) fields.enabled = flags.enabled === 'true' ? true : flags.enabled === 'false' ? false : flags.enabled;
  if (flags.reportEmails !== undefined) fields.reportEmails = flags.reportEmails.split(',').map((email) => email.trim()).filter(Boolean);
  return fields;
}

/**
 * Validate an entry with the registry's schema (the checks the stack context made), naming each
 * field and the flag that sets it: `Invalid tenant acme: timeZone: "Mars/Base" is not an IANA
 * time zone, e.g. "Europe/Berlin" or "UTC" (set with --time-zone)`.
 */
export function validEntry(raw: Record<string, unknown>, name: string): TenantEntry {
  try {
    return parseTenantEntry(raw, `tenant ${name}`);
  } catch (error) {
    if (!isConfigError(error)) throw error;
    const flags = [...new Set(error.fields.map((field) => FLAG_OF[field.split(/[.[]/)[0] ?? '']).filter(Boolean))];
    throw new ConfigError(flags.length === 0 ? error.message : `${error.message} (set with ${flags.join(', ')})`, error.fields);
  }
}

async function readPartialPolicy(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read --tenant-policy ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}; check the path`, ['--tenant-policy']);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ConfigError(`Invalid --tenant-policy ${path}: not valid JSON; fix the JSON syntax`, ['--tenant-policy']);
  }
}
