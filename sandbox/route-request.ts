import { errorResponse, jwtErrorResponse, rateLimitResponse } from './error-response.js';
import { handleOAuthClients, type ClientsDeps } from './handle-oauth-clients.js';
import { handleToken, type TokenDeps } from './handle-token.js';
import { formatRetryAfter, type RateLimiter } from './rate-limiter.js';
import type { ResolvedRoute } from './resolve-route.js';
import type { Reply, SandboxRequest } from './sandbox-http.js';
import type { FaultController } from './sandbox-faults.js';
import { TokenIssuer } from './token-issuer.js';

export interface RouteDeps extends Omit<TokenDeps, 'issuer'>, Omit<ClientsDeps, 'filtersIgnored'> {
  issuer: TokenIssuer;
  faults: FaultController;
  limiter: RateLimiter | undefined;
  retryAfter: 'integer' | 'fractional';
}

/**
 * The gate in front of the API, in ISC's order: the JWT filter (401), then the per-token rate
 * limit (429, rejected calls do not count), then the user-context check (403: a plain API
 * client's token may only read one client), then the operation itself.
 */
export function routeRequest(resolved: ResolvedRoute, request: SandboxRequest, deps: RouteDeps): Reply {
  if (resolved.route === 'unknown') {
    return resolved.status === 405
      ? errorResponse(405, `Method ${request.method} is not supported on ${request.path}.`)
      : errorResponse(404, `No resource at ${request.path}.`);
  }
  if (resolved.route === 'token') return handleToken(request, deps);
  const check = deps.issuer.check(request.headers.authorization);
  if (!check.ok) return jwtErrorResponse(check.reason);
  if (deps.limiter !== undefined) {
    const decision = deps.limiter.take(TokenIssuer.tokenOf(request.headers.authorization));
    if (!decision.allowed) return rateLimitResponse(formatRetryAfter(decision.retryAfterMs, deps.retryAfter));
  }
  if (check.subject.kind === 'client' && resolved.route !== 'get') {
    return errorResponse(403, 'The server understood the request but refuses to authorize it: this operation needs a user-context token (a personal access token).');
  }
  return handleOAuthClients(resolved.route, resolved.id, request, { ...deps, filtersIgnored: () => deps.faults.filtersIgnored });
}
