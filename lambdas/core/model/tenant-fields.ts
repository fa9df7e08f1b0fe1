import * as z from 'zod';
import { policySchema } from './policy.js';

/**
 * The fields that describe one ISC tenant, checked the same way wherever a tenant is written
 * down: the tenant registry (`tenants add|set|import`) and the CDK context list it replaced.
 * One schema per field, so a message about `timeZone` reads the same in both places.
 */

export const tenantNameSchema = z
  .string({ error: 'is required: the tenant label, e.g. "acme"' })
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}[A-Za-z0-9])?$/, 'must be 1-40 letters, digits or inner hyphens, e.g. "acme-sb"');

export const credentialsSecretArnSchema = z
  .string({ error: 'is required: the ARN of the Secrets Manager secret holding the ISC credentials' })
  .regex(/^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:\d{12}:secret:[A-Za-z0-9/_+=.@-]+$/, 'must be a Secrets Manager secret ARN (arn:aws:secretsmanager:region:account:secret:name)');

/** Intl also accepts offsets like "+01:00"; schedules want a zone name, so one is required. */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z.string().superRefine((name, ctx) => {
  if (!isIanaTimeZone(name)) ctx.addIssue({ code: 'custom', message: `"${name}" is not an IANA time zone, e.g. "Europe/Berlin" or "UTC"` });
});

/** `HH:MM`, 00:00-23:59: the local time of day a tenant's nightly run starts. */
export const localTimeSchema = z.string().superRefine((text, ctx) => {
  if (parseLocalTime(text) === undefined) ctx.addIssue({ code: 'custom', message: `"${text}" is not a time of day; use HH:MM between 00:00 and 23:59` });
});

/** Minutes after local midnight for `HH:MM`, or undefined when the text is not a time of day. */
export function parseLocalTime(text: string): number | undefined {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text.trim());
  if (!match) return undefined;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  return hours > 23 || minutes > 59 ? undefined : hours * 60 + minutes;
}

/**
 * A tenant's partial policy: validated as the function will validate it after merging, but kept
 * raw, because the function merges it over its base policy and defaults must not be baked in.
 */
export const partialPolicySchema = z
  .record(z.string(), z.unknown(), { error: 'must be a JSON object (a partial policy)' })
  .superRefine((raw, ctx) => {
    const result = policySchema.safeParse(raw);
    for (const issue of result.error?.issues ?? []) {
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [undefined];
      for (const key of keys) {
        const path = key === undefined ? issue.path : [...issue.path, key];
        ctx.addIssue({ code: 'custom', path, message: key === undefined ? issue.message : 'unknown field; remove it or check its spelling' });
      }
    }
  });

export const emailSchema = z.email({ error: (issue) => `"${String(issue.input)}" is not a valid email address` });

/** Report recipients of one tenant; SNS filter policies route its reports to them. */
export const reportEmailsSchema = z.array(emailSchema).max(50, 'may list at most 50 addresses');
