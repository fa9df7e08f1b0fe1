import { inspect } from 'node:util';
import { ConfigError, configErrorFromZod } from '../../core/config-error.js';
import { knownSecrets } from '../../core/known-secrets.js';
import type { AuditSearchApi, DeleteResult, ListFilter, OAuthClientsApi, PersonalAccessTokensApi } from '../../core/ports.js';
import { createAuditSearchApi } from './audit-search-api.js';
import type { ClientListing, CreatedOAuthClient, OAuthClient, OAuthClientRequest } from '../../core/model/oauth-client.js';
import { decodeList, decodeResponse } from './decode-response.js';
import { iscFilterOf } from './filters.js';
import { createApiCaller, type ApiCall } from './create-api-caller.js';
import { expectOk, sendDelete } from './checked-calls.js';
import { createPersonalAccessTokensApi, deletePersonalAccessToken } from './personal-access-tokens-api.js';
import { registerIscRemoval } from './isc-removal.js';
import { collectionPath, normalizeIscClientConfig, type IscApiVersion, type IscClientConfig } from './isc-client-config.js';
import { safeEmitter } from './isc-client-event.js';
import { credentialsSourceOf, iscHttp } from './isc-http.js';
import {
  createOAuthClientRequestSchema,
  createRequestBodyOf,
  createdOAuthClientSchema,
  jsonPatchSchema,
  oauthClientSchema,
  type JsonPatchOperation,
} from './oauth-client-schemas.js';
import { pacingBudget } from './pacing-budget.js';
import { createTokenProvider } from './token-provider.js';

export type { CredentialsSource, IscApiVersion, IscClientConfig, IscCredentials } from './isc-client-config.js';
export type { IscClientEvent } from './isc-client-event.js';

/**
 * The ISC OAuth Clients API over ky, with the personal access tokens API beside it on the same
 * connection. Serializes to `{ baseUrl, apiVersion }`: no credential.
 */
export interface IscClient extends OAuthClientsApi {
  readonly personalAccessTokens: PersonalAccessTokensApi;
  /** Audit events and identities, for the owner lookups (needs `sp:search:read`). */
  readonly search: AuditSearchApi;
  /** PATCH enabled=true: the operator's undo of a disable; safe to retry. */
  enable(id: string): Promise<OAuthClient>;
  // No delete, disable or patch here: those are its IscRemoval (isc-removal.ts), for the door only.
  readonly baseUrl: string;
  readonly apiVersion: IscApiVersion;
  toJSON(): { type: 'IscClient'; baseUrl: string; apiVersion: IscApiVersion };
}

const DISABLE: readonly JsonPatchOperation[] = [{ op: 'replace', path: '/enabled', value: false }];
/** An operator's undo of a disable (`janitor enable`); no run ever enables. */
const ENABLE: readonly JsonPatchOperation[] = [{ op: 'replace', path: '/enabled', value: true }];

function checkedId(id: string): string {
  if (typeof id !== 'string' || id.trim() === '') throw new ConfigError('Invalid OAuth client id: must be a non-empty string', ['id']);
  return encodeURIComponent(id);
}

export function createIscClient(config: IscClientConfig): IscClient {
  const cfg = normalizeIscClientConfig(config);
  const { baseUrl, apiVersion, retry, timeoutMs } = cfg;
  const credentials = credentialsSourceOf(cfg.credentials);
  const emit = safeEmitter(cfg.onEvent);
  const http = iscHttp(baseUrl);
  const { rateLimit } = cfg;
  const limiterFor = rateLimit === false ? undefined : (clientId: string) => pacingBudget({ baseUrl, clientId, apiVersion }, rateLimit);
  const stop = cfg.signal;
  const tokens = createTokenProvider({ http, credentials, retry, timeoutMs, now: cfg.now ?? Date.now, emit, ...(stop ? { signal: stop } : {}) });
  const call = createApiCaller({ http, tokens, limiterFor, retry, timeoutMs, maxResponseBytes: cfg.maxResponseBytes, emit, ...(stop ? { signal: stop } : {}) });
  const collection = collectionPath(apiVersion, 'oauth-clients');

  async function patchWith(id: string, operations: readonly JsonPatchOperation[], idempotent: boolean): Promise<OAuthClient> {
    const ops = jsonPatchSchema.safeParse(operations);
    if (!ops.success) throw configErrorFromZod('JSON Patch for an OAuth client', ops.error);
    const c: ApiCall = {
      method: 'PATCH',
      path: `${collection}/${checkedId(id)}`,
      idempotent,
      body: JSON.stringify(ops.data),
      contentType: 'application/json-patch+json',
    };
    return decodeResponse(oauthClientSchema, await expectOk(call, c), c);
  }

  const describe = { type: 'IscClient' as const, baseUrl, apiVersion };
  const patCollection = collectionPath(apiVersion, 'personal-access-tokens');
  const client = {
    baseUrl,
    apiVersion,
    personalAccessTokens: createPersonalAccessTokensApi(call, patCollection, apiVersion),
    search: createAuditSearchApi(call, apiVersion),
    async list(filter?: ListFilter): Promise<ClientListing> {
      const query = filter ? { query: `filters=${encodeURIComponent(iscFilterOf(filter))}` } : {};
      const c: ApiCall = { method: 'GET', path: collection, idempotent: true, ...query };
      const { items, unreadable } = decodeList(oauthClientSchema, await expectOk(call, c), c);
      return { clients: items, unreadable };
    },
    async get(id: string): Promise<OAuthClient> {
      const c: ApiCall = { method: 'GET', path: `${collection}/${checkedId(id)}`, idempotent: true };
      return decodeResponse(oauthClientSchema, await expectOk(call, c), c);
    },
    async create(request: OAuthClientRequest): Promise<CreatedOAuthClient> {
      const valid = createOAuthClientRequestSchema.safeParse(createRequestBodyOf(request));
      if (!valid.success) throw configErrorFromZod('OAuth client create request', valid.error);
      // Not idempotent: a create that reached ISC but lost its answer must not run twice.
      const c: ApiCall = { method: 'POST', path: collection, idempotent: false, body: JSON.stringify(valid.data), contentType: 'application/json' };
      const created = decodeResponse(createdOAuthClientSchema, await expectOk(call, c), c);
      knownSecrets.register(created.secret); // the caller stores it; every output is scrubbed of it
      return created;
    },
    // An operator's undo (janitor enable), never a run's: it weakens nothing.
    enable: (id: string) => patchWith(id, ENABLE, true),
    toJSON: () => describe,
    toString: () => `IscClient(${baseUrl}, ${apiVersion})`,
    [inspect.custom]: () => `IscClient(${baseUrl}, ${apiVersion})`,
  } as IscClient;
  registerIscRemoval(client, {
    clients: {
      patch: (id: string, operations: readonly JsonPatchOperation[]) => patchWith(id, operations, false),
      // Setting enabled=false twice has the same effect as once, so this one may be retried.
      disable: (id: string) => patchWith(id, DISABLE, true),
      delete: (id: string): Promise<DeleteResult> => sendDelete(call, { method: 'DELETE', path: `${collection}/${checkedId(id)}`, idempotent: true }),
    },
    pats: { delete: (id: string) => deletePersonalAccessToken(call, patCollection, id) },
  });
  // The session's clients object is the client itself: iscRemovalOf finds it by either.
  return client;
}
