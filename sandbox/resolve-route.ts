import type { SandboxRoute } from './sandbox-types.js';

/** The API versions that serve /oauth-clients (same paths and schemas in all of them). */
export const API_VERSIONS = ['v3', 'beta', 'v2024', 'v2025'] as const;

export type ResolvedRoute =
  | { route: SandboxRoute; id?: string }
  /** A known path with a method it does not serve: 405. */
  | { route: 'unknown'; status: 405 }
  | { route: 'unknown'; status: 404 };

const CLIENTS_PATH = /^\/([^/]+)\/oauth-clients(?:\/([^/]+))?\/?$/;

export function resolveRoute(method: string, path: string): ResolvedRoute {
  if (path === '/oauth/token') return method === 'POST' ? { route: 'token' } : { route: 'unknown', status: 405 };
  const match = CLIENTS_PATH.exec(path);
  const version = match?.[1];
  if (match === null || !(API_VERSIONS as readonly (string | undefined)[]).includes(version)) {
    return { route: 'unknown', status: 404 };
  }
  const id = match[2] === undefined ? undefined : safeDecode(match[2]);
  if (id === undefined) {
    if (method === 'GET') return { route: 'list' };
    if (method === 'POST') return { route: 'create' };
    return { route: 'unknown', status: 405 };
  }
  if (method === 'GET') return { route: 'get', id };
  if (method === 'PATCH') return { route: 'patch', id };
  if (method === 'DELETE') return { route: 'delete', id };
  return { route: 'unknown', status: 405 };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is just an id that does not exist
  }
}

/** POST/PATCH/DELETE on /{version}/oauth-clients*: what `mutatingRequests()` returns. */
export function isMutatingClientsRequest(method: string, path: string): boolean {
  return ['POST', 'PATCH', 'DELETE'].includes(method) && /^\/[^/]+\/oauth-clients(\/|$)/.test(path);
}
