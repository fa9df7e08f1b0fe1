import { oneLine } from '../text.js';
import type { SecretRotationHealth } from './credential-health.js';
import type { RunReport } from './run-report.js';

/**
 * The report's "Credentials" section: the janitor's own PAT (expiry, its secret's rotation, the
 * previous PAT) and every managed secret's rotation (last, next, the last failure with its reason).
 * Nothing when the run did not look.
 */
export function renderCredentialSection(report: RunReport): string[] {
  const health = report.credentials;
  if (!health) return [];
  const lines = ['', 'Credentials'];
  const janitor = health.janitor;
  if (janitor) {
    const expiry = janitor.expiresAt
      ? `expires ${janitor.expiresAt.slice(0, 10)} (${janitor.daysToExpiry ?? '?'} days)`
      : janitor.note
        ? 'expiry unknown'
        : 'never expires';
    lines.push(`  Janitor's PAT ${oneLine(janitor.clientId)}${janitor.patName ? ` (${oneLine(janitor.patName)})` : ''}: ${expiry}`);
    if (janitor.rotation) lines.push(`    ${rotationLine(janitor.rotation)}`);
    if (janitor.previous) lines.push(`    previous PAT ${oneLine(janitor.previous.clientId)}: ${janitor.previous.outcome} (${oneLine(janitor.previous.detail)})`);
    if (janitor.note) lines.push(`    note: ${oneLine(janitor.note)}`);
  }
  lines.push(`  Managed secrets (${health.managedSecrets.length})`);
  if (health.managedSecrets.length === 0) lines.push('    none');
  for (const secret of health.managedSecrets) {
    lines.push(`    ${oneLine(secret.clientName)}${secret.clientId ? ` (${oneLine(secret.clientId)})` : ''}: ${rotationLine(secret)}`);
  }
  return lines;
}

function rotationLine(secret: SecretRotationHealth): string {
  const day = (iso: string | null) => (iso ? iso.slice(0, 10) : 'never');
  const state = secret.rotationEnabled
    ? `rotated by Secrets Manager, last ${day(secret.lastRotatedAt)}, next ${secret.nextRotationAt ? day(secret.nextRotationAt) : 'not scheduled'}`
    : 'Secrets Manager rotation is off';
  const failed = secret.failure ? `; LAST ROTATION FAILED at ${oneLine(secret.failure.step)}${secret.failure.at ? ` on ${secret.failure.at.slice(0, 10)}` : ''}: ${oneLine(secret.failure.reason)}` : '';
  return `${oneLine(secret.secretName)}: ${state}${failed}`;
}
