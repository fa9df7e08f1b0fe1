import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { loadSpec, type OpenApiSpec } from './load-spec.js';
import { openEnums } from './open-enums.js';
import type { JsonSchema, OperationName, SpecVersion } from './spec-types.js';

/** Keywords that never change what validates. */
const ANNOTATIONS = new Set(['description', 'title', 'examples']);

/** The schema without annotations: a key for schemas that accept exactly the same values. */
function withoutAnnotations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutAnnotations);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([keyword]) => !ANNOTATIONS.has(keyword))
      .map(([keyword, value]) => [
        keyword,
        // `properties` maps names to schemas: a property called "description" is kept.
        keyword === 'properties' && typeof value === 'object' && value !== null
          ? Object.fromEntries(Object.entries(value).map(([name, child]) => [name, withoutAnnotations(child)]))
          : withoutAnnotations(value),
      ]),
  );
}

export type SpecCheck = { valid: true } | { valid: false; errors: string[] };

export interface SpecValidatorOptions {
  /**
   * Accept enum values the spec does not list yet (SailPoint calls new enum values a
   * non-breaking change). Default false: exactly the vendored lists.
   */
  openEnums?: boolean;
  spec?: OpenApiSpec;
}

/**
 * An ajv set up for the resolved spec schemas: strict (the loader leaves no OpenAPI-only
 * keyword behind), union types allowed (that is what `nullable` became), formats checked
 * (`date-time` needs a time zone, `int32` a 32-bit integer). `strictTypes` is off: the search
 * documents put `properties` in `allOf` members without `type: object`, which changes nothing
 * about what validates but is a strict-mode error.
 */
export function createSpecAjv(): Ajv {
  const ajv = new Ajv({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true });
  // ajv-formats is CommonJS: under NodeNext the default import is the module, the plugin its `default`.
  addFormats.default(ajv);
  return ajv;
}

/** Validates bodies against the vendored spec, per version, operation and status; compiles each schema once. */
export class SpecValidator {
  readonly #ajv = createSpecAjv();
  readonly #compiled = new WeakMap<JsonSchema, ValidateFunction>();
  /** The versions repeat the same schemas with other descriptions: compile each rule set once. */
  readonly #byRules = new Map<string, ValidateFunction>();
  readonly #spec: OpenApiSpec;
  readonly #openEnums: boolean;

  constructor(options: SpecValidatorOptions = {}) {
    this.#spec = options.spec ?? loadSpec();
    this.#openEnums = options.openEnums ?? false;
  }

  /** A response body (parsed JSON; `undefined` for an empty body) against the schema documented for `status`. */
  response(version: SpecVersion, operation: OperationName, status: number, body: unknown): SpecCheck {
    const op = this.#spec.operation(version, operation);
    const response = op.responses[String(status)];
    if (response === undefined) {
      return { valid: false, errors: [`${op.operationId} (${version}) documents no ${status} response (documented: ${Object.keys(op.responses).join(', ')})`] };
    }
    if (response.schema === undefined) {
      return body === undefined ? { valid: true } : { valid: false, errors: [`${status} has no body in the spec, got ${JSON.stringify(body)}`] };
    }
    return this.check(response.schema, body);
  }

  /** A request body against the operation's request schema. */
  request(version: SpecVersion, operation: OperationName, body: unknown): SpecCheck {
    const op = this.#spec.operation(version, operation);
    if (op.requestBody === undefined) return body === undefined ? { valid: true } : { valid: false, errors: [`${op.operationId} takes no body`] };
    return this.check(op.requestBody.schema, body);
  }

  /** Any resolved schema (for example `spec.schema(version, 'ErrorResponseDto')`). */
  check(schema: JsonSchema, value: unknown): SpecCheck {
    let validate = this.#compiled.get(schema);
    if (validate === undefined) {
      const rules = JSON.stringify(withoutAnnotations(schema));
      validate = this.#byRules.get(rules) ?? this.#ajv.compile(this.#openEnums ? openEnums(schema) : schema);
      this.#byRules.set(rules, validate);
      this.#compiled.set(schema, validate);
    }
    if (validate(value)) return { valid: true };
    return { valid: false, errors: (validate.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`) };
  }
}

let shared: SpecValidator | undefined;

/**
 * One strict validator per process: every sandbox reuses the schemas it compiled. The first call
 * reads the spec and compiles what a server checks (request bodies, the patchable fields), so no
 * request stalls the event loop for it later (tight rate-limit tests measure arrival times).
 */
export function sharedSpecValidator(): SpecValidator {
  if (shared === undefined) {
    shared = new SpecValidator();
    const spec = loadSpec();
    for (const op of spec.operations) if (op.requestBody !== undefined) shared.check(op.requestBody.schema, undefined);
    for (const op of spec.operations.filter((o) => o.operation === 'listOauthClients' || o.operation === 'listPersonalAccessTokens')) {
      for (const property of Object.values(op.responses['200']?.schema?.items?.properties ?? {})) shared.check(property, undefined);
    }
  }
  return shared;
}

/** What is wrong with `value` under `schema`, in ajv's words; undefined when nothing is. */
export function problemWith(schema: JsonSchema, value: unknown): string | undefined {
  const check = sharedSpecValidator().check(schema, value);
  return check.valid ? undefined : check.errors.join('; ');
}

/** True when the schema lets a value be null (no `type` at all, or `'null'` among its types). */
export function acceptsNull(schema: JsonSchema): boolean {
  return schema.type === undefined || schema.type === 'null' || (Array.isArray(schema.type) && schema.type.includes('null'));
}
