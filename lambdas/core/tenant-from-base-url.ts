/**
 * The label reports use for a tenant when none is given: the first label of the API host
 * (`acme` for https://acme.api.identitynow.com), or the whole host for anything else (a sandbox).
 */
export function tenantFromBaseUrl(baseUrl: string): string {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return 'unknown';
  }
  const match = /^([^.]+)\.api\.identitynow(?:-demo)?\.com$/i.exec(host);
  return match?.[1] ?? host;
}
