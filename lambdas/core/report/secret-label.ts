/**
 * Where a rotated secret is, for a person. A Secrets Manager ARN reads as it is. The local
 * directory store keeps each secret in a file named after the URL-encoded secret name
 * (`/tmp/s/isc-oauth-janitor%2Fclients%2Fdemo%2Fpayroll-export.json`): a reader looks for the
 * name, so it is shown decoded, with the directory it is in
 * (`isc-oauth-janitor/clients/demo/payroll-export (in the secret directory /tmp/s)`).
 */
export function secretLabel(secretId: string): string {
  const slash = secretId.lastIndexOf('/');
  const file = secretId.slice(slash + 1);
  if (slash < 0 || !file.endsWith('.json') || !/%[0-9A-Fa-f]{2}/.test(file)) return secretId;
  let name: string;
  try {
    name = decodeURIComponent(file.slice(0, -'.json'.length));
  } catch {
    return secretId;
  }
  return `${name} (in the secret directory ${secretId.slice(0, slash) || '/'})`;
}
