import * as z from 'zod';
import { configErrorFromZod } from '../core/config-error.js';

/**
 * What the nightly state machine sends the fleet function: `pick-due` at the start of a tick,
 * `summarize` with every tenant's result at the end. The state machine fills in the execution
 * id and start time from its context object; nothing here comes from a person.
 */
const pickDueSchema = z.strictObject({
  step: z.literal('pick-due'),
  execution: z.string().min(1).max(2048),
  /** The execution's start: a retried pick decides for the same instant. */
  time: z.iso.datetime({ offset: true }),
});

/** One tenant's result: the janitor's answer, or a Catch state's `{ tenant, outcome: 'failed' | 'deferred', reason: <error name> }`. */
const tenantRunSchema = z.looseObject({
  tenant: z.string().min(1).max(64),
  outcome: z.string().min(1).max(64),
  reason: z.string().max(2_000).optional(),
  reportId: z.string().max(200).optional(),
  runDay: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});

const summarizeSchema = z.strictObject({
  step: z.literal('summarize'),
  execution: z.string().min(1).max(2048),
  runs: z.array(tenantRunSchema),
  passed: z.record(z.string(), z.number().int().min(0)),
  invalid: z.array(z.string()),
});

const fleetEventSchema = z.discriminatedUnion('step', [pickDueSchema, summarizeSchema]);

export type FleetEvent = z.infer<typeof fleetEventSchema>;
export type PickDueEvent = z.infer<typeof pickDueSchema>;
export type SummarizeEvent = z.infer<typeof summarizeSchema>;

export function parseFleetEvent(raw: unknown): FleetEvent {
  const result = fleetEventSchema.safeParse(raw);
  if (!result.success) throw configErrorFromZod('fleet event', result.error);
  return result.data;
}
