import * as z from 'zod';
import { namePatternProblem } from './name-pattern.js';

/**
 * The policy's `owners` block: who answers for each credential, and what they are told.
 * - `fromAuditEvents`: find each OAuth client's creator in ISC's audit events (needs the scope
 *   `sp:search:read`; without it the report warns once and goes on without).
 * - `map`: owners by client id or name pattern, for teams that name clients by convention; the
 *   first entry that matches wins, and the map wins over the audit events.
 * - `orphanStaleDays`: a shorter staleness threshold for orphans (clients whose owner is
 *   inactive, terminated or gone). Absent: orphans are judged like every other client.
 * - `notices`: one email per owner per run (Amazon SES) listing their credentials due within
 *   `daysBefore` days. Absent: no notices.
 */

const pattern = z.string().max(1_000).superRefine((source, ctx) => {
  const problem = namePatternProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const email = z.email({ error: 'must be an email address' }).max(254);

export const ownerSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200),
  email: email.optional(),
});

const mapEntrySchema = z
  .strictObject({
    namePattern: pattern.optional(),
    ids: z.array(z.string().min(1).max(200)).min(1, 'must list at least one client id').max(10_000).optional(),
    owner: ownerSchema,
  })
  .superRefine((entry, ctx) => {
    if ((entry.namePattern === undefined) === (entry.ids === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['namePattern'], message: 'give exactly one of namePattern or ids' });
    }
  });

export const ownersSchema = z
  .strictObject({
    fromAuditEvents: z.boolean().default(false),
    map: z.array(mapEntrySchema).max(1_000).default([]),
    orphanStaleDays: z
      .number({ error: 'must be a number of days' })
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(36_500, 'must be at most 36500 days')
      .optional(),
    notices: z
      .strictObject({
        from: email,
        replyTo: email.optional(),
        daysBefore: z.number({ error: 'must be a number of days' }).int('must be a whole number of days').min(1, 'must be at least 1 day').max(365, 'must be at most 365 days'),
      })
      .optional(),
  })
  .prefault({});
