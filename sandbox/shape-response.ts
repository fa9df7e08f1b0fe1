import { isDeepStrictEqual } from 'node:util';
import type { JsonSchema } from './spec/spec-types.js';
import { acceptsNull } from './spec/spec-validator.js';

/**
 * Fits a stored record (every key present) to the response schema of the operation and version
 * it answers, the way the spec's `required` lists and `nullable` flags allow:
 * - an optional key whose value is null is left out where the schema does not allow null (a
 *   never-expiring PAT has no `expirationDate` on v3, which cannot say null);
 * - sparse: an optional key whose value is null or the spec's `default` is left out, and so is a
 *   key the schema does not declare (a created client has no `lastUsed` or `metadata`);
 * - otherwise the record is sent as it is, undeclared keys included (the schemas allow them).
 * Required keys are always sent, so a required-but-not-nullable null stays visible to a
 * contract test rather than being hidden here.
 */
export function shapeResponse(schema: JsonSchema | null, value: unknown, sparse: boolean): unknown {
  if (schema === null) return value;
  if (Array.isArray(value)) return schema.items === undefined ? value : value.map((item) => shapeResponse(schema.items ?? null, item, sparse));
  if (typeof value !== 'object' || value === null || schema.properties === undefined) return value;
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    const property = schema.properties[key];
    if (property === undefined) {
      if (!sparse) out[key] = field;
      continue;
    }
    if (!(schema.required ?? []).includes(key) && leaveOut(property, field, sparse)) continue;
    out[key] = shapeResponse(property, field, sparse);
  }
  return out;
}

function leaveOut(property: JsonSchema, value: unknown, sparse: boolean): boolean {
  if (value === undefined) return true;
  if (value === null) return sparse || !acceptsNull(property);
  return sparse && 'default' in property && isDeepStrictEqual(property.default, value);
}
