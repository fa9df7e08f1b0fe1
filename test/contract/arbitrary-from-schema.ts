import fc from 'fast-check';
import type { JsonSchema, JsonType } from '../../sandbox/spec/spec-types.js';

export interface SchemaArbitraryOptions {
  /** Dates for `format: date-time` fall in this range. Default 2015 to 2035. */
  readonly dates?: { readonly min: Date; readonly max: Date };
  /** Strings offered for plain strings (names, descriptions, scopes): mixed in with random ones. */
  readonly words?: readonly string[];
  /**
   * Arbitraries for properties by name, used instead of the schema's own wherever such a
   * property appears: realistic values (a positive validity, a grant type list that is not
   * empty) where the schema alone would mostly produce requests a server refuses.
   */
  readonly values?: Readonly<Record<string, fc.Arbitrary<unknown>>>;
}

/**
 * A fast-check arbitrary for the values a resolved spec schema (sandbox/spec/load-spec.ts)
 * allows: `type` (unions with null included), `enum`, `format` (date-time, int32), `minimum` /
 * `maximum`, arrays, objects (required keys always, optional keys sometimes) and `oneOf` /
 * `anyOf`, `allOf` of objects (merged) and maps (`additionalProperties`). Enough for the spec's
 * OAuth client, PAT and search document schemas; a keyword it does not know fails
 * loudly instead of generating values the schema would refuse.
 */
export function arbitraryFromSchema(schema: JsonSchema, options: SchemaArbitraryOptions = {}): fc.Arbitrary<unknown> {
  const known = new Set(['type', 'enum', 'format', 'properties', 'required', 'items', 'oneOf', 'anyOf', 'allOf', 'additionalProperties', 'minimum', 'maximum', 'default', 'title', 'description', 'examples']);
  const unknown = Object.keys(schema).filter((keyword) => !known.has(keyword));
  if (unknown.length > 0) throw new Error(`arbitraryFromSchema: unsupported keyword(s) ${unknown.join(', ')}`);
  if (schema.enum !== undefined) return fc.constantFrom(...schema.enum);
  // allOf of object schemas (the search documents): each part generated, then merged.
  if (schema.allOf !== undefined) {
    const { allOf, ...rest } = schema;
    const parts = [...allOf, ...(rest.properties === undefined ? [] : [rest])].map((part) => arbitraryFromSchema(part, options));
    return fc.tuple(...parts).map((values) => Object.assign({}, ...values.filter((value) => typeof value === 'object' && value !== null && !Array.isArray(value))) as unknown);
  }
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives !== undefined) return fc.oneof(...alternatives.map((alternative) => arbitraryFromSchema(alternative, options)));
  const types: readonly JsonType[] = schema.type === undefined ? ['string', 'integer', 'boolean'] : Array.isArray(schema.type) ? schema.type : [schema.type as JsonType];
  return fc.oneof(...types.map((type) => ofType(type, schema, options)));
}

function ofType(type: JsonType, schema: JsonSchema, options: SchemaArbitraryOptions): fc.Arbitrary<unknown> {
  switch (type) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer': {
      const int32 = schema.format === 'int32';
      return fc.integer({ min: schema.minimum ?? (int32 ? -(2 ** 31) : Number.MIN_SAFE_INTEGER), max: schema.maximum ?? (int32 ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER) });
    }
    case 'number':
      return fc.double({ noNaN: true, noDefaultInfinity: true, ...(schema.minimum === undefined ? {} : { min: schema.minimum }), ...(schema.maximum === undefined ? {} : { max: schema.maximum }) });
    case 'string': {
      if (schema.format === 'date-time') {
        const { min, max } = options.dates ?? { min: new Date('2015-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z') };
        return fc.date({ min, max, noInvalidDate: true }).map((date) => date.toISOString());
      }
      const words = options.words ?? [];
      return words.length === 0 ? fc.string() : fc.oneof(fc.constantFrom(...words), fc.string());
    }
    case 'array':
      return fc.array(schema.items === undefined ? fc.string() : arbitraryFromSchema(schema.items, options), { maxLength: 4 });
    case 'object': {
      const properties = schema.properties ?? {};
      const required = new Set(schema.required ?? []);
      const record = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, options.values?.[name] ?? arbitraryFromSchema(child, options)]));
      const requiredKeys = Object.keys(properties).filter((name) => required.has(name));
      const open = schema.additionalProperties;
      if (open === undefined || open === false || Object.keys(properties).length > 0) return fc.record(record, { requiredKeys });
      // A map (`attributes`): a few keys of any JSON, or of the schema's values.
      const value = open === true ? fc.jsonValue({ maxDepth: 1 }) : arbitraryFromSchema(open, options);
      return fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((key) => key !== '__proto__'), value, { maxKeys: 3 });
    }
  }
}
