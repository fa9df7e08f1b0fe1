import type { PatchField } from './apply-json-patch.js';
import { allowsNeverExpiring } from './pat-expiration.js';
import { loadSpec } from './spec/load-spec.js';
import type { JsonSchema, SpecVersion } from './spec/spec-types.js';
import { acceptsNull, problemWith } from './spec/spec-validator.js';

/**
 * The patchable PAT fields as the spec's patch description lists them: `name` and `scope`, and
 * from v2025 (and on v1) `expirationDate` and `userAwareTokenNeverExpires`. Values are checked
 * against GetPersonalAccessTokenResponse of the version; a new expiration must lie in the future.
 * `remove` on `scope` means the default (`sp:scopes:all`), on `expirationDate` never.
 */
export function patPatchFields(version: SpecVersion, now: Date): Record<string, PatchField> {
  const properties = loadSpec().schema(version, 'GetPersonalAccessTokenResponse').properties ?? {};
  const field = (name: string, extra?: (value: unknown) => string | undefined): [string, PatchField] => {
    const schema: JsonSchema = properties[name] ?? {};
    return [name, { nullable: acceptsNull(schema), check: (value) => problemWith(schema, value) ?? extra?.(value) }];
  };
  const fields = [
    field('name', (value) => (value === '' ? 'must not be empty' : undefined)),
    field('scope'),
  ];
  if (allowsNeverExpiring(version)) {
    fields.push(
      field('expirationDate', (value) => (typeof value === 'string' && Date.parse(value) <= now.getTime() ? 'must be in the future' : undefined)),
      field('userAwareTokenNeverExpires'),
    );
  }
  return Object.fromEntries(fields);
}
