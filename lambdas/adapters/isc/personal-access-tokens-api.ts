import { ConfigError, configErrorFromZod } from '../../core/config-error.js';
import { knownSecrets } from '../../core/known-secrets.js';
import type { CreatedPersonalAccessToken, PatListing, PersonalAccessTokenRequest } from '../../core/model/personal-access-token.js';
import type { DeleteResult, PatListOptions, PersonalAccessTokensApi } from '../../core/ports.js';
import { expectOk, sendDelete, type CallIsc } from './checked-calls.js';
import type { ApiCall } from './create-api-caller.js';
import { decodeList, decodeResponse } from './decode-response.js';
import { iscFilterOf } from './filters.js';
import type { IscApiVersion } from './isc-client-config.js';
import {
  createdPersonalAccessTokenSchema,
  createPersonalAccessTokenRequestSchema,
  personalAccessTokenSchema,
} from './personal-access-token-schemas.js';

/** Versions whose CreatePersonalAccessTokenRequest has no `userAwareTokenNeverExpires`. */
const WITHOUT_NEVER_EXPIRES: ReadonlySet<IscApiVersion> = new Set<IscApiVersion>(['v3', 'beta', 'v2024']);

/**
 * The personal access tokens API over the ISC client's shared caller: the same pacing budget,
 * token and retries as the OAuth clients API (ISC's rate limit is per client_id and API version,
 * whatever the API).
 * There is no get-by-id for tokens in any version: a fresh look at one token is a list.
 */
export function createPersonalAccessTokensApi(call: CallIsc, collection: string, apiVersion: IscApiVersion): PersonalAccessTokensApi {
  return {
    async list(options: PatListOptions = {}): Promise<PatListing> {
      const params: string[] = [];
      if (options.ownerId !== undefined) params.push(`owner-id=${encodeURIComponent(checkedId(options.ownerId, 'owner id'))}`);
      if (options.filter) params.push(`filters=${encodeURIComponent(iscFilterOf(options.filter))}`);
      const query = params.join('&');
      const c: ApiCall = { method: 'GET', path: collection, idempotent: true, ...(query ? { query } : {}) };
      const { items, unreadable } = decodeList(personalAccessTokenSchema, await expectOk(call, c), c);
      return { tokens: items, unreadable };
    },
    async create(request: PersonalAccessTokenRequest): Promise<CreatedPersonalAccessToken> {
      const valid = createPersonalAccessTokenRequestSchema.safeParse(request);
      if (!valid.success) throw configErrorFromZod('personal access token create request', valid.error);
      if (valid.data.userAwareTokenNeverExpires != null && WITHOUT_NEVER_EXPIRES.has(apiVersion)) {
        throw new ConfigError(
          `Invalid personal access token create request: userAwareTokenNeverExpires is not part of API version ${apiVersion}; use v2025 or later`,
          ['userAwareTokenNeverExpires'],
        );
      }
      // Not idempotent: a create that reached ISC but lost its answer must not run twice.
      const c: ApiCall = { method: 'POST', path: collection, idempotent: false, body: JSON.stringify(valid.data), contentType: 'application/json' };
      const created = decodeResponse(createdPersonalAccessTokenSchema, await expectOk(call, c), c);
      knownSecrets.register(created.secret); // the caller stores it; every output is scrubbed of it
      return created;
    },
  };
}

/** DELETE of one token: the door's, through the client's IscRemoval (isc-removal.ts). */
export async function deletePersonalAccessToken(call: CallIsc, collection: string, id: string): Promise<DeleteResult> {
  return sendDelete(call, { method: 'DELETE', path: `${collection}/${encodeURIComponent(checkedId(id, 'personal access token id'))}`, idempotent: true });
}

function checkedId(id: string, what: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new ConfigError(`Invalid ${what}: must be a non-empty string`, ['id']);
  return id;
}
