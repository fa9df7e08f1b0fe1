import { ConfigError } from './config-error.js';
import { foldAccents } from './text.js';

const SLUG_MAX = 100;
/** Secrets Manager: at most 512 characters from letters, digits and /_+=.@- */
const SECRET_NAME_MAX = 512;
const SECRET_NAME_CHARS = /^[A-Za-z0-9/_+=.@-]+$/;

/**
 * Where a managed client's secret lives: `{prefix}{tenant}/{slug}`. The slug is stable for a
 * given name, so every run (and the CLI) finds the same secret, and IAM can be scoped to the
 * prefix. Tenant and client name are both slugged: they are labels, not identifiers we control.
 */
export function managedSecretName(prefix: string, tenant: string, clientName: string): string {
  const name = `${prefix}${slug(tenant, 'tenant')}/${slug(clientName, 'client')}`;
  if (!SECRET_NAME_CHARS.test(prefix)) {
    throw new ConfigError(`Invalid rotation.secretPrefix: may contain only letters, digits and /_+=.@-`, ['rotation.secretPrefix']);
  }
  if (name.length > SECRET_NAME_MAX) {
    throw new ConfigError(`Invalid rotation.secretPrefix: secret names would exceed ${SECRET_NAME_MAX} characters`, ['rotation.secretPrefix']);
  }
  return name;
}

/** `"Payroll Export (prod) — Café"` -> `payroll-export-prod-cafe`; never empty, at most 100 chars. */
export function slug(text: string, fallback: string): string {
  // Accents folded first, so "Café" keeps its letters.
  const cleaned = foldAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SLUG_MAX)
    .replace(/-+$/, '');
  return cleaned === '' ? fallback : cleaned;
}
