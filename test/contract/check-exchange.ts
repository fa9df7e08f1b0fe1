import { loadSpec } from '../../sandbox/spec/load-spec.js';
import type { JsonSchema } from '../../sandbox/spec/spec-types.js';
import type { SpecValidator } from '../../sandbox/spec/spec-validator.js';
import type { Exchange } from './sandbox-contract-run.js';

/**
 * The token endpoint is not in the vendored spec (it is Spring's OAuth2 endpoint, documented on
 * SailPoint's authentication page): these two schemas are written from that page and RFC 6749.
 */
const TOKEN_RESPONSE: JsonSchema = {
  type: 'object',
  required: ['access_token', 'token_type', 'expires_in'],
  properties: {
    access_token: { type: 'string', minLength: 1 },
    token_type: { enum: ['bearer'] },
    expires_in: { type: 'integer', minimum: 1 },
    scope: { type: 'string' },
    tenant_id: { type: 'string' },
    pod: { type: 'string' },
    org: { type: 'string' },
    jti: { type: 'string' },
  },
};
const OAUTH_ERROR: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: { error: { enum: ['invalid_request', 'invalid_client', 'unsupported_grant_type'] }, error_description: { type: 'string' } },
};

export type Verdict = { ok: true; erratum?: string } | { ok: false; problems: string[] };

/**
 * One exchange against the contract: a JSON body (or none where the spec says none) valid
 * against the response schema the vendored spec documents for that version, operation and
 * status; an undocumented status fails. Pages the API does not have answer ErrorResponseDto.
 * In sparse mode, resource bodies also carry no optional key that says nothing and no key the
 * schema does not declare.
 */
export function checkExchange(exchange: Exchange, validator: SpecValidator, sparse: boolean): Verdict {
  const body = parse(exchange);
  if (body === INVALID) return { ok: false, problems: [`not JSON: ${exchange.text.slice(0, 80)}`] };
  if (body !== undefined && !/^application\/json/.test(exchange.contentType ?? '')) return { ok: false, problems: [`content-type ${exchange.contentType ?? 'none'}`] };
  const { about } = exchange;
  if (about.kind === 'token') {
    const schema = exchange.status === 200 ? TOKEN_RESPONSE : [400, 401].includes(exchange.status) ? OAUTH_ERROR : undefined;
    if (schema === undefined) return { ok: false, problems: [`token endpoint answered ${exchange.status}`] };
    return verdict(validator.check(schema, body));
  }
  if (about.kind === 'nowhere') {
    if (![404, 405].includes(exchange.status)) return { ok: false, problems: [`answered ${exchange.status}`] };
    return verdict(validator.check(loadSpec().schema('v1', 'ErrorResponseDto'), body));
  }
  const check = validator.response(about.version, about.operation, exchange.status, body);
  if (!check.valid) {
    const erratum = knownErratum(exchange, check.errors);
    return erratum === undefined ? { ok: false, problems: check.errors } : { ok: true, erratum };
  }
  if (sparse && exchange.status === 200) {
    const schema = loadSpec().operation(about.version, about.operation).responses['200']?.schema;
    const extra = schema === undefined ? [] : notSparse(schema, body);
    if (extra.length > 0) return { ok: false, problems: extra };
  }
  return { ok: true };
}

/**
 * The spec contradicts itself once: from v2025 (and on v1) a PAT may be created without an
 * expiration (`userAwareTokenNeverExpires: true`), yet CreatePersonalAccessTokenResponse requires
 * `expirationDate` as a string in every version. The sandbox answers null, as the list does.
 */
function knownErratum(exchange: Exchange, errors: readonly string[]): string | undefined {
  const { about } = exchange;
  if (about.kind !== 'operation' || about.operation !== 'createPersonalAccessToken' || exchange.status !== 200) return undefined;
  const created = JSON.parse(exchange.text) as { expirationDate?: unknown };
  const neverExpiring = created.expirationDate === null && ['v2025', 'v2026', 'v1'].includes(about.version);
  return neverExpiring && errors.length === 1 && errors[0] === '/expirationDate must be string' ? 'never-expiring PAT create answer' : undefined;
}

/** Optional keys that are null or the schema's default, and undeclared keys, per record. */
function notSparse(schema: JsonSchema, body: unknown): string[] {
  const records = Array.isArray(body) ? body : [body];
  const item = Array.isArray(body) ? (schema.items ?? {}) : schema;
  return records.flatMap((record, index) =>
    Object.entries(record as Record<string, unknown>).flatMap(([key, value]) => {
      const property = item.properties?.[key];
      if (property === undefined) return [`[${index}].${key} is not declared`];
      if ((item.required ?? []).includes(key)) return [];
      if (value === null) return [`[${index}].${key} is null`];
      return 'default' in property && JSON.stringify(property.default) === JSON.stringify(value) ? [`[${index}].${key} is the default`] : [];
    }),
  );
}

const INVALID = Symbol('invalid JSON');

function parse(exchange: Exchange): unknown {
  if (exchange.text === '') return undefined;
  try {
    return JSON.parse(exchange.text) as unknown;
  } catch {
    return INVALID;
  }
}

function verdict(check: { valid: true } | { valid: false; errors: string[] }): Verdict {
  return check.valid ? { ok: true } : { ok: false, problems: check.errors };
}
