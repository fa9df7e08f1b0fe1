import * as z from 'zod';
import { configErrorFromZod, ConfigError } from '../config-error.js';
import { namePatternProblem } from './name-pattern.js';
import { ownersSchema } from './owners-policy.js';

/**
 * The cleanup policy. Every field is optional; `parsePolicy` fills the defaults once and freezes
 * the result, so nothing downstream re-checks or re-defaults (STYLE.md: normalize options once).
 */

const days = (fallback: number) =>
  z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(0, 'must be 0 or more days')
    .max(36_500, 'must be at most 36500 days')
    .default(fallback);

/**
 * A client-name pattern (RE2 syntax, see name-pattern.ts); one RE2 cannot run in linear time, or
 * cannot parse, is a config error naming the field (`exempt.names[0]`), not a crash or a stall.
 */
const regexSource = z.string().max(1_000).superRefine((source, ctx) => {
  const problem = namePatternProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

export const exemptSchema = z
  .strictObject({
    ids: z.array(z.string().min(1).max(200)).max(10_000).default([]),
    names: z.array(regexSource).max(1_000).default([]),
    internal: z.boolean().default(true),
  })
  .prefault({});

export const limitsSchema = z
  .strictObject({
    maxActions: z.number().int('must be a whole number').min(0, 'must be 0 or more').default(50),
    maxFraction: z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(0.25),
  })
  .prefault({});

export const rotationSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    maxAgeDays: days(90).refine((n) => n >= 1, 'must be at least 1 day'),
    overlapDays: days(7),
    secretPrefix: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[A-Za-z0-9/_+=.@-]+$/, 'may contain only letters, digits and /_+=.@-')
      .default('isc-oauth-janitor/clients/'),
    names: z.array(regexSource).max(1_000).default([]),
  })
  .prefault({});

/**
 * Personal access tokens: off by default. A token cannot be disabled, so its deletion is
 * announced first: a token unused for `deleteAfterDays` (`neverUsedDays` since it was created,
 * if never used) is deleted only once an earlier run listed it as upcoming `warnDays` before.
 */
export const patsSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    deleteAfterDays: days(90).refine((n) => n >= 1, 'must be at least 1 day'),
    neverUsedDays: days(30).refine((n) => n >= 1, 'must be at least 1 day'),
    // At least one day: a deletion is announced by an earlier run, never by the run that deletes.
    warnDays: days(14).refine((n) => n >= 1, 'must be at least 1 day; a deletion is announced by an earlier run'),
    exempt: z
      .strictObject({
        ids: z.array(z.string().min(1).max(200)).max(10_000).default([]),
        names: z.array(regexSource).max(1_000).default([]),
        ownerIds: z.array(z.string().min(1).max(200)).max(10_000).default([]),
      })
      .prefault({}),
  })
  .prefault({});

const scopeName = z.string().trim().min(1, 'must not be empty').max(200);

/**
 * What governed creation may create. The defaults refuse what makes a client ungovernable or
 * all-powerful: `sp:scopes:all`, an internal client (exempt from every action by default), and an
 * access token valid for more than 12 hours. A successor made by rotation copies its predecessor
 * and is not checked against this block: rotation never changes a client's rights.
 */
export const creationSchema = z
  .strictObject({
    forbiddenScopes: z.array(scopeName).max(1_000).default(['sp:scopes:all']),
    /** Null: any scope that is not forbidden. */
    allowedScopes: z.array(scopeName).max(1_000).nullable().default(null),
    maxAccessTokenValiditySeconds: z
      .number({ error: 'must be a number of seconds' })
      .int('must be a whole number of seconds')
      .min(1, 'must be at least 1 second')
      .max(31_536_000, 'must be at most 31536000 seconds (a year)')
      .default(43_200),
    allowInternal: z.boolean().default(false),
  })
  .superRefine((creation, ctx) => {
    creation.allowedScopes?.forEach((scope, index) => {
      if (creation.forbiddenScopes.includes(scope)) {
        ctx.addIssue({ code: 'custom', path: ['allowedScopes', index], message: 'is also in creation.forbiddenScopes; remove it from one of the lists' });
      }
    });
  })
  .prefault({});

export const policySchema = z
  .strictObject({
    mode: z.enum(['report', 'enforce'], { error: 'must be "report" or "enforce"' }).default('report'),
    disableAfterDays: days(90),
    neverUsedDays: days(30),
    deleteAfterDays: days(180),
    // At least a day between the disable and the delete: otherwise a second run moments after the
    // first (a retry, a manual run) deletes what the first just disabled, before anyone can undo it.
    deleteGraceDays: days(14).refine((n) => n >= 1, 'must be at least 1 day; a disabled client must stay restorable for a while before it is deleted'),
    warnDays: days(14),
    exempt: exemptSchema,
    limits: limitsSchema,
    rotation: rotationSchema,
    pats: patsSchema,
    creation: creationSchema,
    owners: ownersSchema,
  })
  .superRefine((policy, ctx) => {
    if (policy.deleteAfterDays <= policy.disableAfterDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['deleteAfterDays'],
        message: `must be greater than disableAfterDays (${policy.disableAfterDays}); a client is disabled before it is deleted`,
      });
    }
  });

export type PolicyInput = z.input<typeof policySchema>;
export type Policy = DeepReadonly<z.output<typeof policySchema>>;
export type PolicyMode = Policy['mode'];

type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** Validate raw policy JSON (already parsed) into a frozen, fully defaulted Policy. */
export function parsePolicy(raw: unknown, source = 'policy'): Policy {
  const result = policySchema.safeParse(raw ?? {});
  if (!result.success) throw configErrorFromZod(source, result.error, { input: raw ?? {}, schema: policySchema });
  return deepFreeze(result.data);
}

/** Parse policy text (a file, an env variable): JSON errors name the source. */
export function parsePolicyJson(text: string, source = 'policy'): Policy {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Invalid ${source}: not valid JSON (${(error as Error).message}); fix the JSON syntax`);
  }
  return parsePolicy(raw, source);
}

export const DEFAULT_POLICY: Policy = parsePolicy({});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
