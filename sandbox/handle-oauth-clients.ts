import { applyJsonPatch } from './apply-json-patch.js';
import type { ApiClientAction } from './audit-event.js';
import { checkRequestBody } from './check-request-body.js';
import { clientPatchFields } from './client-patch-fields.js';
import { errorResponse } from './error-response.js';
import { parseLastUsedFilter } from './parse-last-used-filter.js';
import { randomHex } from './random-hex.js';
import { emptyReply, type Reply, type SandboxRequest } from './sandbox-http.js';
import type { SandboxState } from './sandbox-state.js';
import type { SandboxOAuthClient } from './sandbox-wire-types.js';
import type { SpecOperation } from './spec/spec-types.js';

export interface ClientsDeps {
  state: SandboxState;
  now: () => Date;
  filtersIgnored: () => boolean;
  /** Records the audit event of a create or delete in the search `events` index. */
  audit: (action: ApiClientAction, client: { id: string; name: string }) => void;
}

/** A JSON answer fitted to the operation's response schema for that status (see shapeResponse). */
export type Respond = (status: number, body: unknown) => Reply;

/** The OAuth clients operations, once auth, rate limit and authorization have passed. */
export function handleOAuthClients(operation: SpecOperation, id: string | undefined, request: SandboxRequest, deps: ClientsDeps, respond: Respond): Reply {
  switch (operation.operation) {
    case 'listOauthClients':
      return list(request, deps, respond);
    case 'createOauthClient':
      return create(operation, request, deps, respond);
    default: {
      const client = id === undefined ? undefined : deps.state.get(id);
      if (client === undefined) return errorResponse(404, `The OAuth client '${id ?? ''}' was not found.`);
      if (operation.operation === 'deleteOauthClient') {
        deps.state.remove(client.id);
        deps.audit('API_CLIENT_DELETED', client);
        return emptyReply(204);
      }
      if (operation.operation === 'patchOauthClient') return patch(operation, client, request, deps, respond);
      return respond(200, client);
    }
  }
}

function list(request: SandboxRequest, deps: ClientsDeps, respond: Respond): Reply {
  const filter = parseLastUsedFilter(request.query.get('filters'));
  if (deps.filtersIgnored()) return respond(200, deps.state.all());
  if (!filter.ok) return errorResponse(400, filter.message);
  return respond(200, deps.state.all().filter(filter.matches));
}

interface CreateRequest {
  businessName?: string | null;
  homepageUrl?: string | null;
  name: string | null;
  description: string | null;
  accessTokenValiditySeconds: number;
  refreshTokenValiditySeconds?: number;
  redirectUris?: string[] | null;
  grantTypes: string[] | null;
  accessType: string;
  type?: string;
  internal?: boolean;
  enabled: boolean;
  strongAuthSupported?: boolean;
  claimsSupported?: boolean;
  scope?: string[] | null;
}

function create(operation: SpecOperation, request: SandboxRequest, deps: ClientsDeps, respond: Respond): Reply {
  const checked = checkRequestBody(operation, request);
  if (!checked.ok) return checked.reply;
  const body = checked.body as CreateRequest;
  // The request may say null where a client cannot be without a value.
  if (body.name === null || body.name === '') return errorResponse(400, 'Invalid CreateOAuthClientRequest: name: a client needs a name.');
  if (body.grantTypes === null || body.grantTypes.length === 0) return errorResponse(400, 'Invalid CreateOAuthClientRequest: grantTypes: at least one grant type.');
  if (body.accessTokenValiditySeconds <= 0 || (body.refreshTokenValiditySeconds ?? 1) <= 0) {
    return errorResponse(400, 'Invalid CreateOAuthClientRequest: token validities must be positive.');
  }
  const stamp = deps.now().toISOString();
  const client: SandboxOAuthClient = {
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
  deps.audit('API_CLIENT_CREATED', client);
  // CreateOAuthClientResponse requires these and does not let them be null, while the request may
  // leave them out and GetOAuthClientResponse shows null: the create answer says "" and [].
  const created = {
    ...client,
    businessName: client.businessName ?? '',
    homepageUrl: client.homepageUrl ?? '',
    description: client.description ?? '',
    redirectUris: client.redirectUris ?? [],
    secret,
  };
  return respond(200, created);
}

function patch(operation: SpecOperation, client: SandboxOAuthClient, request: SandboxRequest, deps: ClientsDeps, respond: Respond): Reply {
  const checked = checkRequestBody(operation, request);
  if (!checked.ok) return checked.reply;
  const result = applyJsonPatch(client, checked.body, clientPatchFields(operation.version));
  if (!result.ok) return errorResponse(400, result.message);
  deps.state.put({ ...result.record, modified: deps.now().toISOString() });
  return respond(200, deps.state.get(client.id));
}
