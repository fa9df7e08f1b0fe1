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
  const byKey = new Map(operations.map((op) => [`${op.version} ${op.operation}`, op]));
  const patterns = operations.map((op) => ({ op, pattern: pathPattern(op.path) }));
  const reached = files.paths();
  const named = new Map<string, JsonSchema>();
  return {
    directory,
    files: reached,
    operations,
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

function readPathItem(version: SpecVersion, path: string, file: string, files: OpenApiFiles): SpecOperation[] {
  const item = files.read(file);
  if (!isRecord(item)) throw new Error(`${file} is not an OpenAPI path item`);
  return METHODS.filter((method) => isRecord(item[method.toLowerCase()])).map((method) => {
    const raw = item[method.toLowerCase()] as Record<string, unknown>;
    const operationId = String(raw.operationId);
    const operation = operationId.replace(/V1$/, '');
    if (!(OPERATION_NAMES as readonly string[]).includes(operation)) {
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
