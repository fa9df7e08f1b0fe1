import { errorResponse } from './error-response.js';
import { mediaType, type Reply, type SandboxRequest } from './sandbox-http.js';
import { sharedSpecValidator } from './spec/spec-validator.js';
import type { OperationName, SpecOperation } from './spec/spec-types.js';

export type CheckedBody = { ok: true; body: unknown } | { ok: false; reply: Reply };

/**
 * The request body of a create or patch, checked the way ISC would: the content type the spec
 * names (a wrong one is a 400, as ISC answers on PATCH), JSON, then the spec's request schema
 * for that version, closed enums included, and no key the schema does not declare. Problems
 * are named in the 400's message.
 */
export function checkRequestBody(operation: SpecOperation, request: SandboxRequest): CheckedBody {
  const expected = operation.requestBody?.contentType ?? 'application/json';
  if (mediaType(request.headers) !== expected) {
    return fail(`Content-Type '${request.headers['content-type'] ?? ''}' is not supported: use ${expected}.`);
  }
  let body: unknown;
  try {
    body = JSON.parse(request.body) as unknown;
  } catch {
    return fail('The request body is not valid JSON.');
  }
  const check = sharedSpecValidator().request(operation.version, operation.operation, body);
  if (!check.valid) return fail(`Invalid ${schemaName(operation.operation)}: ${check.errors.join('; ')}`);
  // The spec does not forbid undeclared keys; the sandbox does, so a typo in a request fails loudly.
  const declared = operation.requestBody?.schema.properties;
  const unknown = typeof body === 'object' && body !== null && !Array.isArray(body) && declared !== undefined ? Object.keys(body).filter((key) => !Object.hasOwn(declared, key)) : [];
  if (unknown.length > 0) return fail(`Invalid ${schemaName(operation.operation)}: unknown field(s) ${unknown.join(', ')}.`);
  return { ok: true, body };
}

function schemaName(operation: OperationName): string {
  if (operation.startsWith('patch')) return 'JSON Patch';
  return operation === 'createOauthClient' ? 'CreateOAuthClientRequest' : 'CreatePersonalAccessTokenRequest';
}

function fail(message: string): CheckedBody {
  return { ok: false, reply: errorResponse(400, message) };
}
