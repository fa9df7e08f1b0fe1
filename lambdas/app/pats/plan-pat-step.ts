import { addWholeDays } from '../../core/dates.js';
import { errorMessage } from '../../core/error-message.js';
import type { Policy } from '../../core/model/policy.js';
import { evaluatePat, type PatEvaluationContext } from '../../core/plan/evaluate-pat.js';
import { evaluatePats, type PatEvaluation } from '../../core/plan/evaluate-pats.js';
import type { PlannedAction } from '../../core/plan/evaluate-tenant.js';
import type { PatAnnouncements } from '../../core/plan/pat-announcements.js';
import type { PersonalAccessTokensApi, ReportArchiveReader } from '../../core/ports.js';
import type { RunLogger } from '../../core/run-logger.js';
import { confirmCandidates, listWithServerFilters } from '../confirm-candidates.js';
import { readPatAnnouncements } from './read-pat-announcements.js';

export interface RunPatOptions {
  readonly api: PersonalAccessTokensApi;
  /**
   * The evidence archive, where earlier runs' announcements of token deletions are on record.
   * Without it no token counts as announced: the run announces and deletes none.
   */
  readonly archive?: ReportArchiveReader;
  /**
   * Why the archive cannot prove an announcement (a local folder others may write to, or holding
   * symbolic links): said in the report, and no token counts as announced. @default none
   */
  readonly archiveRefused?: string;
}

export interface PatStep {
  /** Undefined when the policy does not govern tokens, or the run cannot reach them. */
  readonly evaluation: PatEvaluation | undefined;
  readonly context: PatEvaluationContext | undefined;
  readonly plan: readonly PlannedAction[];
  readonly warnings: readonly string[];
  readonly tokenIds: ReadonlySet<string>;
}

const NO_STEP: PatStep = { evaluation: undefined, context: undefined, plan: [], warnings: [], tokenIds: new Set() };

/**
 * List every token of the tenant (no owner-id: this needs `idn:all-personal-access-tokens:read`),
 * read the earlier announcements, evaluate, and confirm the deletions against the server filter,
 * as for clients. An archive that cannot be read proves nothing: the run goes on, deletes no
 * token and says why.
 */
export async function planPatStep(input: {
  readonly options: RunPatOptions | undefined;
  readonly policy: Policy;
  readonly tenant: string;
  readonly now: Date;
  readonly selfClientId: string;
  readonly onlyIds: ReadonlySet<string> | undefined;
  readonly logger: RunLogger;
}): Promise<PatStep> {
  const { policy, now, options } = input;
  if (!policy.pats.enabled) return NO_STEP;
  if (!options) {
    return { ...NO_STEP, warnings: ['pats.enabled is set but this run has no access to personal access tokens; none was evaluated'] };
  }
  const warnings: string[] = [];
  const cutoff = addWholeDays(now, -policy.pats.deleteAfterDays);
  const [{ all, candidates }, announcements] = await Promise.all([
    listWithServerFilters((filter) => options.api.list(filter ? { filter } : {}), (listing) => listing.tokens, cutoff),
    readAnnouncements(options, input, warnings),
  ]);
  const context: PatEvaluationContext = { pats: policy.pats, now, selfClientId: input.selfClientId, announcements };
  const evaluation = evaluatePats({ tokens: all.tokens, unreadable: all.unreadable, policy, now, selfClientId: input.selfClientId, announcements });
  const confirmed = confirmCandidates(evaluation.plan, candidates, (token) => evaluatePat(token, context).verdict, input.onlyIds);
  return {
    evaluation,
    context,
    plan: confirmed.plan,
    warnings: [...warnings, ...confirmed.warnings],
    tokenIds: new Set(all.tokens.map((token) => token.id)),
  };
}

async function readAnnouncements(
  options: RunPatOptions,
  run: { readonly tenant: string; readonly now: Date; readonly policy: Policy; readonly logger: RunLogger },
  warnings: string[],
): Promise<PatAnnouncements | undefined> {
  if (options.archiveRefused !== undefined) {
    warnings.push(`personal access tokens: the report archive cannot prove earlier announcements (${options.archiveRefused}); no token is deleted in this run`);
    return new Map();
  }
  if (!options.archive) return undefined;
  try {
    const read = await readPatAnnouncements(options.archive, run.tenant, run.now, run.policy.pats.warnDays);
    warnings.push(...read.warnings);
    return read.announcements;
  } catch (error) {
    const message = errorMessage(error);
    run.logger.warn('earlier announcements unreadable', { error: message });
    warnings.push(`personal access tokens: the earlier announcements could not be read from the report archive (${message}); no token is deleted in this run`);
    // Nothing proven: as if nothing had been announced (an empty record, not a missing archive).
    return new Map();
  }
}
