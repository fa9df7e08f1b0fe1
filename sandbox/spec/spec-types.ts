/**
 * The vocabulary of the vendored OpenAPI spec (`sandbox/openapi/`) once it is loaded: which API
 * versions and operations it describes, and the plain JSON Schemas (draft-07, no OpenAPI-only
 * keywords) the loader turns its schemas into.
 */

/** The versioned paths (`/v3/oauth-clients`, ...) and `v1`, the per-service paths (`/oauth-clients/v1`). */
export const SPEC_VERSIONS = ['v3', 'beta', 'v2024', 'v2025', 'v2026', 'v1'] as const;
export type SpecVersion = (typeof SPEC_VERSIONS)[number];

/**
 * Operations by their versioned `operationId`; the per-service spec names them with a `V1`
 * suffix (`listOauthClientsV1`), which the loader strips. There is no get-by-id for PATs.
 */
export const OPERATION_NAMES = [
  'listOauthClients',
  'getOauthClient',
  'createOauthClient',
  'patchOauthClient',
  'deleteOauthClient',
  'listPersonalAccessTokens',
  'createPersonalAccessToken',
  'patchPersonalAccessToken',
  'deletePersonalAccessToken',
] as const;
export type OperationName = (typeof OPERATION_NAMES)[number];

/** Search is vendored for v3 (`POST /v3/search`) and the per-service API (`POST /search/v1`) only. */
export const SEARCH_VERSIONS = ['v3', 'v1'] as const;
export type SearchVersion = (typeof SEARCH_VERSIONS)[number];
/** The search indices the project reads (the spec's `Index` has more). */
export type SearchIndex = 'events' | 'identities';

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';

/**
 * A resolved JSON Schema: every `$ref` inlined, `nullable: true` turned into a `'null'` member
 * of `type` (and of `enum`), `example` turned into `examples`. Objects are frozen.
 */
export interface JsonSchema {
  readonly type?: JsonType | readonly JsonType[];
  readonly enum?: readonly unknown[];
  readonly format?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly items?: JsonSchema;
  readonly oneOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly default?: unknown;
  readonly title?: string;
  readonly description?: string;
  readonly examples?: readonly unknown[];
  readonly [keyword: string]: unknown;
}

export type JsonType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface SpecParameter {
  readonly name: string;
  readonly in: 'query' | 'path' | 'header' | 'cookie';
  readonly required: boolean;
  readonly schema: JsonSchema;
}

export interface SpecResponse {
  /** '200', '204', '400', ... as the spec writes it. */
  readonly status: string;
  readonly description: string;
  /** Absent for a response without a body (204). */
  readonly contentType?: string;
  readonly schema?: JsonSchema;
}

export interface SpecRequestBody {
  readonly required: boolean;
  readonly contentType: string;
  readonly schema: JsonSchema;
}

/** One operation of one version, with everything a server or a contract test needs. */
export interface SpecOperation {
  readonly version: SpecVersion;
  readonly operation: OperationName;
  /** The operationId as the file writes it (`listOauthClientsV1` on v1). */
  readonly operationId: string;
  readonly method: HttpMethod;
  /** The full path template, e.g. '/v3/oauth-clients/{id}' or '/oauth-clients/v1/{id}'. */
  readonly path: string;
  /** OAuth security alternatives, e.g. `{ userAuth: ['sp:oauth-client:read', ...] }`. */
  readonly security: readonly Readonly<Record<string, readonly string[]>>[];
  readonly parameters: readonly SpecParameter[];
  readonly requestBody?: SpecRequestBody;
  /** By status. */
  readonly responses: Readonly<Record<string, SpecResponse>>;
}

/** `searchPost` of v3 or v1: the same shape as a credential operation, with its own name. */
export interface SearchOperation extends Omit<SpecOperation, 'operation' | 'version'> {
  readonly version: SearchVersion;
  readonly operation: 'searchPost';
}
