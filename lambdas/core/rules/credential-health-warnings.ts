import type { CredentialHealth, SecretRotationHealth } from '../report/credential-health.js';
import { parseIsoDate } from '../parse-iso-date.js';
import { DAY_MS, formatUtcDate, pluralDays } from '../dates.js';

/** The report warns this many days before the janitor's PAT expires. */
export const EXPIRY_WARN_DAYS = 30;

/** Whole days from `now` until `expiresAt` (0 on the last day, negative once passed); null when unreadable. */
export function daysUntil(expiresAt: string, now: Date): number | null {
  const date = parseIsoDate(expiresAt);
  return date ? Math.floor((date.getTime() - now.getTime()) / DAY_MS) : null;
}

/**
 * What in the credential health an operator must act on, as report warnings: the janitor's PAT
 * expiring within EXPIRY_WARN_DAYS (or expired), a rotation that failed (with its step and
 * reason), a rotation overdue by more than a day (Secrets Manager did not manage to rotate), and
 * a previous PAT whose deletion failed.
 */
export function credentialHealthWarnings(health: CredentialHealth, now: Date): string[] {
  const warnings: string[] = [];
  const janitor = health.janitor;
  if (janitor) {
    const days = janitor.daysToExpiry;
    if (days !== null && janitor.expiresAt) {
      const on = janitor.expiresAt.slice(0, 10);
      if (days < 0) warnings.push(`credentials: the janitor's PAT ${janitor.clientId} expired on ${on}; put a new PAT into its credentials secret`);
      else if (days <= EXPIRY_WARN_DAYS) {
        warnings.push(
          `credentials: the janitor's PAT ${janitor.clientId} expires in ${pluralDays(days)} (${on})${janitor.rotation?.rotationEnabled ? '; its rotation has not replaced it yet, check the rotation below' : '; turn on rotation of its credentials secret or replace the PAT'}`,
        );
      }
    }
    if (janitor.note) warnings.push(`credentials: ${janitor.note}`);
    if (janitor.rotation) warnings.push(...rotationWarnings(janitor.rotation, "janitor's credentials", now));
    if (janitor.previous?.outcome === 'failed') warnings.push(`credentials: the janitor's previous PAT ${janitor.previous.clientId} could not be deleted: ${janitor.previous.detail}`);
  }
  for (const secret of health.managedSecrets) warnings.push(...rotationWarnings(secret, `secret of ${secret.clientName}`, now));
  return warnings;
}

function rotationWarnings(secret: SecretRotationHealth, what: string, now: Date): string[] {
  const warnings: string[] = [];
  const { failure } = secret;
  if (failure) {
    const when = failure.at ? ` on ${failure.at.slice(0, 16).replace('T', ' ')} UTC` : '';
    warnings.push(`credentials: rotation of the ${what} (${secret.secretName}) failed at ${failure.step}${when}: ${failure.reason}`);
  }
  const next = secret.nextRotationAt ? parseIsoDate(secret.nextRotationAt) : undefined;
  if (secret.rotationEnabled && next && now.getTime() - next.getTime() > DAY_MS) {
    warnings.push(`credentials: rotation of the ${what} (${secret.secretName}) is overdue: it was due on ${formatUtcDate(next)}`);
  }
  return warnings;
}
