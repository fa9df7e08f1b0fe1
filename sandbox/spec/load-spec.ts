import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OpenApiFiles, isRecord } from './openapi-files.js';
import {
  OPERATION_NAMES,
  SPEC_VERSIONS,
  type HttpMethod,
  type JsonSchema,
  type OperationName,
  type SpecOperation,
  type SpecParameter,
  type SpecRequestBody,
  type SpecResponse,
  type SpecVersion,
  type SearchOperation,
  type SearchIndex,
  type SearchVersion,
  SEARCH_VERSIONS,
} from './spec-types.js';

/** Where the vendored copy of SailPoint's api-specs lives (see its README). */
export const SPEC_DIRECTORY = fileURLToPath(new URL('../openapi/', import.meta.url));

/**
 * The versioned specs are vendored without their root files (those list every ISC API), so the
 * path each file serves is written down here, as the upstream root file `sailpoint-api.{v}.yaml`
 * maps it. The per-service specs (`v1`) carry their own root `openapi.yaml`.
 */
const VERSIONED_PATH_FILES: Readonly<Record<string, string>> = {
  '/oauth-clients': 'paths/oauth-clients.yaml',
  '/oauth-clients/{id}': 'paths/oauth-client.yaml',
  '/personal-access-tokens': 'paths/personal-access-tokens.yaml',
  '/personal-access-tokens/{id}': 'paths/personal-access-token.yaml',
};
const SERVICE_ROOTS = ['apis/oauth-clients/openapi.yaml', 'apis/personal-access-tokens/openapi.yaml'];
/**
 * Search (`POST /v3/search`, `POST /search/v1`) is vendored for v3 and the per-service API only:
 * the owner lookups read audit events and identities through it. Of the search service's root,
 * only `/search/v1` is vendored (count, aggregate and get-by-id are not used).
 */
const SEARCH_PATH_FILES: Readonly<Record<SearchVersion, { path: string; file: string; root?: string }>> = {
  v3: { path: '/v3/search', file: 'v3/paths/search-post.yaml' },
  v1: { path: '/search/v1', file: 'apis/search/paths/search-v1.yaml', root: 'apis/search/openapi.yaml' },
};
const SEARCH_DOCUMENT_FILES: Readonly<Record<SearchVersion, Record<SearchIndex, string>>> = {
  v3: { events: 'v3/schemas/search/model/event/EventDocuments.yaml', identities: 'v3/schemas/search/model/identity/IdentityDocuments.yaml' },
  v1: { events: 'apis/search/schemas/eventdocuments.yaml', identities: 'apis/search/schemas/identitydocuments.yaml' },
};
const METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PATCH', 'DELETE', 'PUT'];

export interface OpenApiSpec {
  readonly directory: string;
  /** Every YAML file the operations reach through their `$ref`s (absolute paths). */
  readonly files: readonly string[];
  /** Every operation of every version, in file order. */
  readonly operations: readonly SpecOperation[];
  /** Throws when the version has no such operation. */
  operation(version: SpecVersion, operation: OperationName): SpecOperation;
  /** The operation a concrete request path would reach, with its path parameters (decoded). */
  match(method: string, path: string): { operation: SpecOperation; params: Record<string, string> } | undefined;
  /** `POST /v3/search` and `POST /search/v1`, kept apart from the credential operations. */
  readonly searchOperations: readonly SearchOperation[];
  searchOperation(version: SearchVersion): SearchOperation;
  /**
   * The document schema of one search index (`EventDocuments`, `IdentityDocuments`). The 200's
   * `oneOf` of six document kinds cannot be met exactly (their fields are all optional, so a
   * document matches several), so hits are checked against their index's member, as `_type` says.
   */
  searchDocumentSchema(version: SearchVersion, index: SearchIndex): JsonSchema;
  /** The search operation a concrete request path would reach. */
  matchSearch(method: string, path: string): SearchOperation | undefined;
  /** A named schema file of a version, resolved: `schema('v2025', 'GetPersonalAccessTokenResponse')`. */
  schema(version: SpecVersion, name: string): JsonSchema;
}

const loaded = new Map<string, OpenApiSpec>();

/** Loads (once per directory and process) and resolves the vendored spec. */
export function loadSpec(directory: string = SPEC_DIRECTORY): OpenApiSpec {
  let spec = loaded.get(directory);
  if (spec === undefined) {
    spec = buildSpec(directory);
    loaded.set(directory, spec);
  }
  return spec;
}

/**
 * The JSON Schema of a response body: `null` for a documented status without a body (204).
 * Throws for a status the operation does not document, so a contract test cannot pass by accident.
 */
export function responseSchema(version: SpecVersion, operation: OperationName, status: number | string): JsonSchema | null {
  const op = loadSpec().operation(version, operation);
  const response = op.responses[String(status)];
  if (response === undefined) {
    throw new Error(`${op.operationId} (${version}) documents no ${status} response; documented: ${Object.keys(op.responses).join(', ')}`);
  }
  return response.schema ?? null;
}

/** The JSON Schema of the request body, or `null` when the operation takes none. */
export function requestSchema(version: SpecVersion, operation: OperationName): JsonSchema | null {
  return loadSpec().operation(version, operation).requestBody?.schema ?? null;
}

function buildSpec(directory: string): OpenApiSpec {
  const files = new OpenApiFiles();
  const operations: SpecOperation[] = [];
  for (const version of SPEC_VERSIONS) {
    for (const [path, file] of pathFiles(version, directory, files)) {
      operations.push(...readPathItem(version, path, file, files));
    }
  }
  const searchOperations = SEARCH_VERSIONS.map((version): SearchOperation => {
    const { path, file, root } = SEARCH_PATH_FILES[version];
    // The per-service root names the path's file; reading it checks the vendored copy agrees.
    const rootPaths = root === undefined ? undefined : files.read(join(directory, root));
    if (rootPaths !== undefined && !(isRecord(rootPaths) && isRecord(rootPaths.paths) && rootPaths.paths[path] !== undefined)) throw new Error(`${root} does not list ${path}`);
    const [op] = readPathItem(version, path, join(directory, file), files, ['searchPost']);
    if (op === undefined || op.method !== 'POST') throw new Error(`${file} has no POST search operation`);
    return { ...op, version, operation: 'searchPost' };
  });
  const byKey = new Map(operations.map((op) => [`${op.version} ${op.operation}`, op]));
  const patterns = operations.map((op) => ({ op, pattern: pathPattern(op.path) }));
  const reached = files.paths();
  const named = new Map<string, JsonSchema>();
  return {
    directory,
    files: reached,
    operations,
    searchOperations,
    searchOperation(version) {
      const op = searchOperations.find((candidate) => candidate.version === version);
      if (op === undefined) throw new Error(`The vendored spec has no search in ${version}`);
      return op;
    },
    searchDocumentSchema(version, index) {
      const file = join(directory, SEARCH_DOCUMENT_FILES[version][index]);
      return files.schema(files.read(file), file);
    },
    matchSearch(method, path) {
      return searchOperations.find((op) => op.method === method.toUpperCase() && pathPattern(op.path).test(path));
    },
    operation(version, operation) {
      const op = byKey.get(`${version} ${operation}`);
      if (op === undefined) throw new Error(`The vendored spec has no ${operation} in ${version}`);
      return op;
    },
    match(method, path) {
      for (const { op, pattern } of patterns) {
        const found = op.method === method.toUpperCase() ? pattern.exec(path) : null;
        if (found !== null) return { operation: op, params: Object.fromEntries(Object.entries(found.groups ?? {}).map(([k, v]) => [k, safeDecode(v)])) };
      }
      return undefined;
    },
    schema(version, name) {
      const key = `${version} ${name}`;
      const cached = named.get(key);
      if (cached !== undefined) return cached;
      const folder = version === 'v1' ? undefined : join(directory, version, 'schemas');
      const candidates =
        folder === undefined
          ? ['oauth-clients', 'personal-access-tokens', 'shared'].map((api) => join(directory, 'apis', api, 'schemas', `${name.toLowerCase()}.yaml`))
          : [join(folder, `${name}.yaml`), join(directory, 'v3', 'schemas', `${name}.yaml`)];
      for (const file of candidates) {
        try {
          const schema = files.schema(files.read(file), file);
          named.set(key, schema);
          return schema;
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      }
      throw new Error(`The vendored spec has no schema ${name} for ${version}`);
    },
  };
}

function pathFiles(version: SpecVersion, directory: string, files: OpenApiFiles): [string, string][] {
  if (version !== 'v1') {
    return Object.entries(VERSIONED_PATH_FILES).map(([path, file]) => [`/${version}${path}`, join(directory, version, file)]);
  }
  return SERVICE_ROOTS.flatMap((root) => {
    const file = join(directory, root);
    const document = files.read(file);
    const paths = isRecord(document) && isRecord(document.paths) ? document.paths : {};
    return Object.entries(paths).map(([path, item]): [string, string] => [path, files.deref(item, file).file]);
  });
}

function readPathItem(version: SpecVersion, path: string, file: string, files: OpenApiFiles, known: readonly string[] = OPERATION_NAMES): SpecOperation[] {
  const item = files.read(file);
  if (!isRecord(item)) throw new Error(`${file} is not an OpenAPI path item`);
  return METHODS.filter((method) => isRecord(item[method.toLowerCase()])).map((method) => {
    const raw = item[method.toLowerCase()] as Record<string, unknown>;
    const operationId = String(raw.operationId);
    const operation = operationId.replace(/V1$/, '');
    if (!known.includes(operation)) {
      throw new Error(`${file}: operation '${operationId}' is not one the project knows; add it to OPERATION_NAMES`);
    }
    const requestBody = readRequestBody(raw.requestBody, file, files);
    return {
      version,
      operation: operation as OperationName,
      operationId,
      method,
      path,
      security: Array.isArray(raw.security) ? (raw.security as Record<string, string[]>[]) : [],
      parameters: (Array.isArray(raw.parameters) ? raw.parameters : []).map((p) => readParameter(p, file, files)),
      ...(requestBody === undefined ? {} : { requestBody }),
      responses: readResponses(raw.responses, file, files),
    };
  });
}

function readParameter(node: unknown, file: string, files: OpenApiFiles): SpecParameter {
  const { node: parameter, file: at } = files.deref(node, file);
  if (!isRecord(parameter)) throw new Error(`${file}: bad parameter`);
  return {
    name: String(parameter.name),
    in: parameter.in as SpecParameter['in'],
    required: parameter.required === true,
    schema: files.schema(parameter.schema ?? {}, at),
  };
}

function readRequestBody(node: unknown, file: string, files: OpenApiFiles): SpecRequestBody | undefined {
  if (node === undefined) return undefined;
  const { node: body, file: at } = files.deref(node, file);
  const [contentType, media] = isRecord(body) && isRecord(body.content) ? (Object.entries(body.content)[0] ?? []) : [];
  if (contentType === undefined || !isRecord(media)) throw new Error(`${file}: request body without content`);
  return { required: isRecord(body) && body.required === true, contentType, schema: files.schema(media.schema, at) };
}

function readResponses(node: unknown, file: string, files: OpenApiFiles): Record<string, SpecResponse> {
  if (!isRecord(node)) throw new Error(`${file}: operation without responses`);
  const responses: Record<string, SpecResponse> = {};
  for (const [status, value] of Object.entries(node)) {
    const { node: response, file: at } = files.deref(value, file);
    const description = isRecord(response) && typeof response.description === 'string' ? response.description : '';
    const [contentType, media] = isRecord(response) && isRecord(response.content) ? (Object.entries(response.content)[0] ?? []) : [];
    responses[status] =
      contentType === undefined || !isRecord(media)
        ? { status, description }
        : { status, description, contentType, schema: files.schema(media.schema, at) };
  }
  return responses;
}

function pathPattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith('{') ? `(?<${part.slice(1, -1).replace(/\W/g, '_')}>[^/]+)` : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}/?$`);
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
