import type { JsonSchema } from './spec-types.js';

/**
 * The schema with every string `enum` opened up: SailPoint's versioning rules call a new enum
 * value a non-breaking change, so a reader must accept `DEVICE_CODE` beside the grant types it
 * knows. The known values stay visible as `examples` (a generator can prefer them). A `null`
 * the enum allowed stays allowed through the schema's `type`.
 */
export function openEnums(schema: JsonSchema): JsonSchema {
  return transform(schema) as JsonSchema;
}

function transform(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(transform);
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [keyword, value] of Object.entries(node)) out[keyword] = transform(value);
  const types = Array.isArray(out.type) ? (out.type as unknown[]) : [out.type];
  if (Array.isArray(out.enum) && types.includes('string')) {
    const known = out.enum.filter((value) => value !== null);
    delete out.enum;
    out.examples = known;
  }
  return out;
}
