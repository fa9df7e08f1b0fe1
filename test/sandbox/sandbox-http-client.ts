import type { Sandbox } from '../../sandbox/start-sandbox.js';
import { SPEC_VERSIONS, type SpecVersion } from '../../sandbox/spec/spec-types.js';

/** Tiny fetch helpers for the sandbox tests: real HTTP, no ISC client involved. */

export async function requestToken(
  sandbox: Sandbox,
  credentials: { clientId: string; clientSecret: string } = sandbox.credentials,
): Promise<Response> {
  return fetch(`${sandbox.url}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
    }),
  });
}

export async function tokenFor(sandbox: Sandbox, credentials?: { clientId: string; clientSecret: string }): Promise<string> {
  const response = await requestToken(sandbox, credentials);
  if (response.status !== 200) throw new Error(`token request failed: ${response.status}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

export interface ApiOptions {
  body?: unknown;
  contentType?: string;
  token?: string;
}

export async function api(sandbox: Sandbox, method: string, path: string, options: ApiOptions = {}): Promise<Response> {
  const token = options.token ?? (await tokenFor(sandbox));
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (options.body !== undefined) headers['content-type'] = options.contentType ?? 'application/json';
  return fetch(`${sandbox.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
}

/** ErrorResponseDto shape check used by many tests. */
export function expectErrorDto(body: unknown, detailCode: string): { text: string } {
  const dto = body as { detailCode: string; trackingId: string; messages: { locale: string; localeOrigin: string; text: string }[] };
  if (dto.detailCode !== detailCode) throw new Error(`detailCode ${dto.detailCode} !== ${detailCode}`);
  if (!/^[0-9a-f]{32}$/.test(dto.trackingId)) throw new Error(`bad trackingId ${dto.trackingId}`);
  const message = dto.messages[0];
  if (message?.locale !== 'en-US' || message.localeOrigin !== 'DEFAULT') throw new Error('bad messages');
  return { text: message.text };
}

export const FIXED_NOW = new Date('2026-03-01T12:00:00.000Z');

export const VERSIONS: readonly SpecVersion[] = SPEC_VERSIONS;

/** '/v3/oauth-clients[/id]', or on v1 the per-service '/oauth-clients/v1[/id]' (same for PATs). */
export function apiPath(version: SpecVersion, resource: 'oauth-clients' | 'personal-access-tokens', id?: string): string {
  const base = version === 'v1' ? `/${resource}/v1` : `/${version}/${resource}`;
  return id === undefined ? base : `${base}/${encodeURIComponent(id)}`;
}
