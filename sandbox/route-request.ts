import { apiClientEvent } from './audit-event.js';
import { authorizeOperation } from './authorize-operation.js';
import { errorResponse, jwtErrorResponse, rateLimitResponse } from './error-response.js';
import { handleOAuthClients, type ClientsDeps, type Respond } from './handle-oauth-clients.js';
import { handlePersonalAccessTokens, type PatsDeps } from './handle-personal-access-tokens.js';
import { handleSearch, type SearchDeps } from './handle-search.js';
import { handleToken, type TokenDeps } from './handle-token.js';
import { formatRetryAfter, type RateLimiter } from './rate-limiter.js';
import type { ResolvedRoute } from './resolve-route.js';
import { jsonReply, type Reply, type SandboxRequest } from './sandbox-http.js';
import type { FaultController } from './sandbox-faults.js';
import { shapeResponse } from './shape-response.js';

export interface RouteDeps extends TokenDeps, Omit<ClientsDeps, 'filtersIgnored' | 'audit'>, Omit<PatsDeps, 'filtersIgnored'>, SearchDeps {
  faults: FaultController;
  limiter: RateLimiter | undefined;
  retryAfter: 'integer' | 'fractional';
  sparse: () => boolean;
}

/**
 * The gate in front of the API, in ISC's order: the JWT filter (401), then the rate limit per
 * client_id and API version (429, rejected calls do not count), then the operation's security
 * (403), then the operation itself, whose JSON answer is fitted to the spec's response schema.
 */
export async function routeRequest(resolved: ResolvedRoute, request: SandboxRequest, deps: RouteDeps): Promise<Reply> {
  if (resolved.route === 'unknown') {
    return resolved.status === 405
      ? errorResponse(405, `Method ${request.method} is not supported on ${request.path}.`)
      : errorResponse(404, `No resource at ${request.path}.`);
  }
  if (resolved.route === 'token') return handleToken(request, deps);
  const check = deps.issuer.check(request.headers.authorization);
  if (!check.ok) return jwtErrorResponse(check.reason);
  const { version } = resolved;
  if (deps.limiter !== undefined) {
    const decision = deps.limiter.take(`${check.subject.clientId} ${version}`);
    if (!decision.allowed) return rateLimitResponse(formatRetryAfter(decision.retryAfterMs, deps.retryAfter));
  }
  const refusal = authorizeOperation(resolved.operation, check.subject);
  if (refusal !== undefined) return errorResponse(403, refusal);
  if (resolved.route === 'search') return handleSearch(resolved.operation, request, deps);
  const { operation, id } = resolved;
  const subject = check.subject;
  const respond: Respond = (status, body) => jsonReply(status, shapeResponse(operation.responses[String(status)]?.schema ?? null, body, deps.sparse()));
  const filtersIgnored = (): boolean => deps.faults.filtersIgnored;
  if (operation.operation.endsWith('PersonalAccessToken') || operation.operation === 'listPersonalAccessTokens') {
    return handlePersonalAccessTokens(operation, id, request, check.subject, { ...deps, filtersIgnored }, respond);
  }
  // ISC records who created or deleted a client: the PAT's identity, or the client itself.
  const actor = subject.kind === 'pat' ? (deps.search.identities().find((identity) => identity.id === subject.identityId)?.name ?? subject.identityId) : subject.clientId;
  const audit: ClientsDeps['audit'] = (action, client) => deps.search.addEvent(apiClientEvent(action, client, actor, deps.now().toISOString()));
  return handleOAuthClients(operation, id, request, { ...deps, filtersIgnored, audit }, respond);
}
