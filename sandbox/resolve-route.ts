import { loadSpec } from './spec/load-spec.js';
import type { OperationName, SearchOperation, SpecOperation, SpecVersion } from './spec/spec-types.js';
import type { SandboxRoute } from './sandbox-types.js';

/** The route names of the log, the faults and the latency table, by spec operation. */
export const ROUTES: Readonly<Record<OperationName, Exclude<SandboxRoute, 'search'>>> = {
  listOauthClients: 'list',
  getOauthClient: 'get',
  createOauthClient: 'create',
  patchOauthClient: 'patch',
  deleteOauthClient: 'delete',
  listPersonalAccessTokens: 'pat-list',
  createPersonalAccessToken: 'pat-create',
  patchPersonalAccessToken: 'pat-patch',
  deletePersonalAccessToken: 'pat-delete',
};

export type ResolvedRoute =
  | { route: 'token' }
  | { route: Exclude<SandboxRoute, 'search'>; operation: SpecOperation; version: SpecVersion; id?: string }
  | { route: 'search'; operation: SearchOperation; version: SearchOperation['version'] }
  /** A known path with a method it does not serve (GET of one PAT, say): 405. */
  | { route: 'unknown'; status: 405 }
  | { route: 'unknown'; status: 404 };

/** Routes come from the vendored spec: every path and method it documents, in every version. */
export function resolveRoute(method: string, path: string): ResolvedRoute {
  if (path === '/oauth/token') return method === 'POST' ? { route: 'token' } : { route: 'unknown', status: 405 };
  const spec = loadSpec();
  const search = spec.matchSearch(method, path);
  if (search !== undefined) return { route: 'search', operation: search, version: search.version };
  const found = spec.match(method, path);
  if (found === undefined) {
    const otherMethod = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].some((m) => spec.match(m, path) !== undefined || spec.matchSearch(m, path) !== undefined);
    return { route: 'unknown', status: otherMethod ? 405 : 404 };
  }
  const { operation, params } = found;
  return { route: ROUTES[operation.operation], operation, version: operation.version, ...(params.id === undefined ? {} : { id: params.id }) };
}

/** POST/PATCH/DELETE on the OAuth clients paths of any version (`/v3/oauth-clients*`, `/oauth-clients/v1*`). */
export function isMutatingClientsRequest(method: string, path: string): boolean {
  return isMutating(method) && /^\/(?:[^/]+\/oauth-clients|oauth-clients\/v1)(?:\/|$)/.test(path);
}

/** POST/PATCH/DELETE on the personal access token paths of any version. */
export function isMutatingPatRequest(method: string, path: string): boolean {
  return isMutating(method) && /^\/(?:[^/]+\/personal-access-tokens|personal-access-tokens\/v1)(?:\/|$)/.test(path);
}

function isMutating(method: string): boolean {
  return ['POST', 'PATCH', 'DELETE'].includes(method);
}
