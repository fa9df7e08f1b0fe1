import { applyJsonPatch } from './apply-json-patch.js';
import { hasScope } from './authorize-operation.js';
import { checkRequestBody } from './check-request-body.js';
import { errorResponse } from './error-response.js';
import type { Respond } from './handle-oauth-clients.js';
import { parseLastUsedFilter } from './parse-last-used-filter.js';
import { allowsNeverExpiring, chooseExpiration } from './pat-expiration.js';
import { patPatchFields } from './pat-patch-fields.js';
import type { PatState } from './pat-state.js';
import { randomHex } from './random-hex.js';
import { emptyReply, type Reply, type SandboxRequest } from './sandbox-http.js';
import type { SandboxIdentity, SandboxPersonalAccessToken } from './sandbox-wire-types.js';
import type { SpecOperation } from './spec/spec-types.js';
import type { TokenSubject } from './token-issuer.js';

export interface PatsDeps {
  pats: PatState;
  identities: () => readonly SandboxIdentity[];
  now: () => Date;
  filtersIgnored: () => boolean;
}

type Caller = Extract<TokenSubject, { kind: 'pat' }>;

const READ_ALL = ['sp:all-personal-access-tokens:read', 'sp:all-personal-access-tokens:manage'];
const MANAGE_ALL = ['sp:all-personal-access-tokens:manage'];
const DEFAULT_VALIDITY_SECONDS = 43200;

/**
 * The personal access token operations, once auth, rate limit and the operation's scopes have
 * passed. A PAT token acts as its owner: its own tokens need the `my-` scopes the operation
 * lists, other owners' tokens an `all-` scope (patch lists none, so only `sp:scopes:all`).
 */
export function handlePersonalAccessTokens(
  operation: SpecOperation,
  id: string | undefined,
  request: SandboxRequest,
  subject: TokenSubject,
  deps: PatsDeps,
  respond: Respond,
): Reply {
  // The spec gives no PAT operation `applicationAuth`, so authorizeOperation let only PAT tokens in.
  if (subject.kind !== 'pat') return errorResponse(403, 'Personal access tokens need a user-context token.');
  switch (operation.operation) {
    case 'listPersonalAccessTokens':
      return list(request, subject, deps, respond);
    case 'createPersonalAccessToken':
      return create(operation, request, subject, deps, respond);
    default: {
      const pat = id === undefined ? undefined : deps.pats.get(id);
      if (pat === undefined) return errorResponse(404, `The personal access token '${id ?? ''}' was not found.`);
      const own = pat.owner.id === subject.identityId;
      if (operation.operation === 'deletePersonalAccessToken') {
        if (!own && !hasScope(subject, ...MANAGE_ALL)) return forbidden('delete a personal access token of another identity');
        deps.pats.remove(pat.id);
        return emptyReply(204);
      }
      if (!own && !hasScope(subject)) return forbidden('change a personal access token of another identity');
      return patch(operation, pat, request, deps, respond);
    }
  }
}

/** `owner-id`: absent lists the whole tenant, `me` the caller's own tokens, an identity id that identity's. */
function list(request: SandboxRequest, caller: Caller, deps: PatsDeps, respond: Respond): Reply {
  const ownerId = request.query.get('owner-id');
  const owner = ownerId === 'me' ? caller.identityId : ownerId;
  if (owner !== caller.identityId && !hasScope(caller, ...READ_ALL)) {
    return forbidden(owner === null ? 'list the personal access tokens of the whole tenant' : 'list the personal access tokens of another identity');
  }
  const tokens = owner === null ? deps.pats.all() : deps.pats.ownedBy(owner);
  if (deps.filtersIgnored()) return respond(200, tokens);
  const filter = parseLastUsedFilter(request.query.get('filters'));
  if (!filter.ok) return errorResponse(400, filter.message);
  return respond(200, tokens.filter(filter.matches));
}

interface CreateRequest {
  name: string;
  scope?: string[] | null;
  accessTokenValiditySeconds?: number | null;
  expirationDate?: string | null;
  userAwareTokenNeverExpires?: boolean | null;
}

/** The new token belongs to the caller; its secret leaves the server only in this answer. */
function create(operation: SpecOperation, request: SandboxRequest, caller: Caller, deps: PatsDeps, respond: Respond): Reply {
  const checked = checkRequestBody(operation, request);
  if (!checked.ok) return checked.reply;
  const body = checked.body as CreateRequest;
  const invalid = (text: string): Reply => errorResponse(400, `Invalid CreatePersonalAccessTokenRequest: ${text}`);
  if (body.name === '') return invalid('name must not be empty.');
  if (deps.pats.ownedBy(caller.identityId).some((pat) => pat.name === body.name)) return invalid(`name '${body.name}' is already used by another of your tokens.`);
  const created = deps.now().toISOString();
  const expiration = chooseExpiration(operation.version, body.expirationDate, body.userAwareTokenNeverExpires === true, created);
  if (!expiration.ok) return invalid(expiration.message);
  const identity = deps.identities().find((candidate) => candidate.id === caller.identityId);
  const pat: SandboxPersonalAccessToken = {
    id: randomHex(16),
    name: body.name,
    scope: body.scope ?? ['sp:scopes:all'],
    owner: { type: 'IDENTITY', id: caller.identityId, name: identity?.name ?? caller.identityId },
    created,
    lastUsed: null,
    managed: false,
    accessTokenValiditySeconds: body.accessTokenValiditySeconds ?? DEFAULT_VALIDITY_SECONDS,
    expirationDate: expiration.expirationDate,
    userAwareTokenNeverExpires: expiration.expirationDate === null,
  };
  const secret = randomHex(32);
  deps.pats.put(pat, secret);
  return respond(200, { ...pat, secret });
}

function patch(operation: SpecOperation, pat: SandboxPersonalAccessToken, request: SandboxRequest, deps: PatsDeps, respond: Respond): Reply {
  const checked = checkRequestBody(operation, request);
  if (!checked.ok) return checked.reply;
  const result = applyJsonPatch(pat, checked.body, patPatchFields(operation.version, deps.now()));
  if (!result.ok) return errorResponse(400, result.message);
  const updated = result.record;
  if (deps.pats.ownedBy(pat.owner.id).some((other) => other.id !== pat.id && other.name === updated.name)) {
    return errorResponse(400, `The name '${updated.name}' is already used by another token of the same owner.`);
  }
  if (allowsNeverExpiring(operation.version) && updated.expirationDate === null && !updated.userAwareTokenNeverExpires) {
    return errorResponse(400, 'A token that never expires (expirationDate removed) needs userAwareTokenNeverExpires: true in the same patch.');
  }
  deps.pats.put(updated);
  return respond(200, deps.pats.get(pat.id));
}

function forbidden(what: string): Reply {
  return errorResponse(403, `The server understood the request but refuses to authorize it: the token's scopes do not allow it to ${what}.`);
}
