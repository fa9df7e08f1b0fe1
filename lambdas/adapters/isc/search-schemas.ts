import * as z from 'zod';
import type { ClientCreationEvent, IdentityRecord } from '../../core/model/owner.js';
import { parseIsoTime } from '../../core/parse-iso-date.js';

/**
 * Search hits on the wire (EventDocuments, IdentityDocuments in the vendored spec, where every
 * field is optional) and their mapping onto the core's owner model. Only this adapter knows
 * these shapes.
 *
 * Tolerant reader: what the owner lookup needs must be there (an event's `actor.name`, an
 * identity's `id` and `name`), everything else may be missing, null, of another type (dropped)
 * or new. A hit without what is needed is skipped (decodeList), never the whole page.
 */

const text = z.string().nullish().catch(undefined);

export const auditEventSchema = z
  .looseObject({
    actor: z.looseObject({ name: z.string().trim().min(1) }),
    target: z.looseObject({ name: text }).nullish().catch(undefined),
    created: text,
    attributes: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  })
  .transform(
    (hit): ClientCreationEvent => ({
      actorName: hit.actor.name,
      targetName: hit.target?.name ?? null,
      attributeTexts: Object.values(hit.attributes ?? {}).filter((value): value is string => typeof value === 'string'),
      created: hit.created == null ? null : (parseIsoTime(hit.created) ?? null),
    }),
  );

export const identityDocumentSchema = z
  .looseObject({
    id: z.string().min(1),
    name: z.string().min(1),
    displayName: text,
    email: text,
    inactive: z.boolean().nullish().catch(undefined),
    attributes: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  })
  .transform((hit): IdentityRecord => {
    const state = hit.attributes?.cloudLifecycleState;
    return {
      id: hit.id,
      name: hit.name,
      displayName: hit.displayName ?? null,
      email: hit.email == null || hit.email.trim() === '' ? null : hit.email,
      inactive: hit.inactive === true,
      lifecycleState: typeof state === 'string' && state.trim() !== '' ? state : null,
    };
  });

/** The Search request body the janitor sends (a subset of the spec's `Search`). */
export interface SearchRequestBody {
  readonly indices: readonly ('events' | 'identities')[];
  readonly queryType: 'DSL';
  readonly queryDsl: Readonly<Record<string, unknown>>;
  readonly sort?: readonly string[];
  readonly searchAfter?: readonly string[];
}
