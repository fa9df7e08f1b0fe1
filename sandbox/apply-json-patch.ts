/**
 * Applies an RFC 6902 JSON Patch the way ISC does on OAuth clients and PATs: only `add`,
 * `replace` and `remove` on a top-level patchable field (`/enabled`, `/name`, ...), each value
 * checked, all or nothing. `remove` sets a nullable field to null and is refused on the others.
 * Nested paths (`/redirectUris/0`) are refused: the janitor never needs them and ISC's support
 * is undocumented. The body has already passed the spec's JsonPatchOperation schema.
 */
export interface PatchField {
  /** A problem with the value, in words; undefined when it is fine. */
  check(value: unknown): string | undefined;
  /** `remove` sets the field to null. */
  nullable: boolean;
}

export type PatchResult<T> = { ok: true; record: T } | { ok: false; message: string };

export function applyJsonPatch<T extends object>(record: T, operations: unknown, fields: Readonly<Record<string, PatchField>>): PatchResult<T> {
  if (!Array.isArray(operations)) return fail('The request body must be a JSON Patch array of operations.');
  const patched: Record<string, unknown> = { ...(record as Record<string, unknown>) };
  for (const [index, raw] of operations.entries()) {
    const { op, path } = raw as { op: string; path: string };
    const field = path.startsWith('/') ? fields[path.slice(1)] : undefined;
    if (field === undefined || !Object.hasOwn(fields, path.slice(1))) {
      return fail(`Operation ${index}: path '${path}' is not patchable. Patchable: ${Object.keys(fields).map((f) => `/${f}`).join(', ')}.`);
    }
    if (op === 'remove') {
      if (!field.nullable) return fail(`Operation ${index}: '${path}' is required and cannot be removed.`);
      patched[path.slice(1)] = null;
    } else if (op === 'add' || op === 'replace') {
      if (!Object.hasOwn(raw as object, 'value')) return fail(`Operation ${index}: '${op}' needs a value.`);
      const value = (raw as { value: unknown }).value;
      const problem = field.check(value);
      if (problem !== undefined) return fail(`Operation ${index}: invalid value for '${path}': ${problem}.`);
      patched[path.slice(1)] = value;
    } else {
      return fail(`Operation ${index}: unsupported op '${op}'. Supported: add, replace, remove.`);
    }
  }
  return { ok: true, record: patched as T };
}

function fail<T>(message: string): PatchResult<T> {
  return { ok: false, message };
}
