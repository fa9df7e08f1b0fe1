import {
  createOAuthClientRequestSchema,
  type OAuthClient,
} from '../lambdas/adapters/isc/oauth-client-schemas.js';
import { applyClientPatch } from './apply-client-patch.js';
import { errorResponse } from './error-response.js';
import { parseClientFilter } from './parse-client-filter.js';
import { randomHex } from './random-hex.js';
import { emptyReply, jsonReply, mediaType, type Reply, type SandboxRequest } from './sandbox-http.js';
import type { SandboxState } from './sandbox-state.js';

export interface ClientsDeps {
  state: SandboxState;
  now: () => Date;
  filtersIgnored: () => boolean;
}

export type ClientsRoute = 'list' | 'get' | 'create' | 'patch' | 'delete';

/** The five /{version}/oauth-clients operations, once auth and rate limiting have passed. */
export function handleOAuthClients(route: ClientsRoute, id: string | undefined, request: SandboxRequest, deps: ClientsDeps): Reply {
  switch (route) {
    case 'list':
      return list(request, deps);
    case 'create':
      return create(request, deps);
    case 'get':
    case 'patch':
    case 'delete': {
      const client = id === undefined ? undefined : deps.state.get(id);
      if (client === undefined) return errorResponse(404, `The OAuth client '${id ?? ''}' was not found.`);
      if (route === 'get') return jsonReply(200, client);
      if (route === 'delete') {
        deps.state.remove(client.id);
        return emptyReply(204);
      }
      return patch(client, request, deps);
    }
  }
}

function list(request: SandboxRequest, deps: ClientsDeps): Reply {
  const filter = parseClientFilter(request.query.get('filters'));
  if (deps.filtersIgnored()) return jsonReply(200, deps.state.all());
  if (!filter.ok) return errorResponse(400, filter.message);
  return jsonReply(200, deps.state.all().filter(filter.matches));
}

function create(request: SandboxRequest, deps: ClientsDeps): Reply {
  if (mediaType(request.headers) !== 'application/json') {
    return errorResponse(415, `Content-Type '${request.headers['content-type'] ?? ''}' is not supported: use application/json.`);
  }
  const parsed = createOAuthClientRequestSchema.safeParse(parseJson(request.body));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.message}`);
    return errorResponse(400, `Invalid CreateOAuthClientRequest: ${problems.join('; ')}`);
  }
  const body = parsed.data;
  const stamp = deps.now().toISOString();
  const client: OAuthClient = {
    id: randomHex(16),
    businessName: body.businessName ?? null,
    homepageUrl: body.homepageUrl ?? null,
    name: body.name,
    description: body.description,
    accessTokenValiditySeconds: body.accessTokenValiditySeconds,
    refreshTokenValiditySeconds: body.refreshTokenValiditySeconds ?? 86400,
    redirectUris: body.redirectUris ?? [],
    grantTypes: body.grantTypes,
    accessType: body.accessType,
    type: body.type ?? 'CONFIDENTIAL',
    internal: body.internal ?? false,
    enabled: body.enabled,
    strongAuthSupported: body.strongAuthSupported ?? false,
    claimsSupported: body.claimsSupported ?? false,
    created: stamp,
    modified: stamp,
    lastUsed: null,
    scope: body.scope ?? ['sp:scopes:all'],
    metadata: null,
    secret: null,
  };
  // The secret leaves the server exactly once, in this response; the state keeps it apart.
  const secret = randomHex(32);
  deps.state.put(client, secret);
  return jsonReply(200, { ...client, secret });
}

function patch(client: OAuthClient, request: SandboxRequest, deps: ClientsDeps): Reply {
  // ISC answers a wrong content type on PATCH with 400, not 415.
  if (mediaType(request.headers) !== 'application/json-patch+json') {
    return errorResponse(400, `Content-Type '${request.headers['content-type'] ?? ''}' is not supported: use application/json-patch+json.`);
  }
  const result = applyClientPatch(client, parseJson(request.body));
  if (!result.ok) return errorResponse(400, result.message);
  const updated = { ...result.client, modified: deps.now().toISOString() };
  deps.state.put(updated);
  return jsonReply(200, deps.state.get(client.id));
}

/** `undefined` for a body that is not JSON: the schemas then report it as invalid. */
function parseJson(body: string): unknown {
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return undefined;
  }
}
