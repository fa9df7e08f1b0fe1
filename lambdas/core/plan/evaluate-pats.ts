import type { PersonalAccessToken, UnreadableToken } from '../model/personal-access-token.js';
import type { Policy } from '../model/policy.js';
import type { ExemptEntry, PatInventory, UpcomingAction } from '../report/run-report.js';
import { summarizePatInventory } from '../report/summarize-pat-inventory.js';
import { compareStrings } from '../report/summarize-inventory.js';
import { evaluatePat, type PatEvaluationContext, type PatFinding } from './evaluate-pat.js';
import type { PlannedAction } from './evaluate-tenant.js';
import type { PatAnnouncements } from './pat-announcements.js';

export interface PatEvaluation {
  readonly findings: readonly PatFinding[];
  /** Deletions, ordered by token id: the same input gives the same plan. */
  readonly plan: readonly PlannedAction[];
  /** Announced deletions, ordered by date, then token id. */
  readonly upcoming: readonly UpcomingAction[];
  /** Tokens never touched, each with its reason, ordered by token id. */
  readonly exempt: readonly ExemptEntry[];
  readonly warnings: readonly string[];
  readonly inventory: PatInventory;
  readonly counts: { readonly total: number; readonly stale: number; readonly exempt: number; readonly skipped: number };
}

export const NO_ARCHIVE_WARNING =
  'personal access tokens: no report archive is configured, so no earlier announcement can be proven; ' +
  'tokens due for deletion are announced and none is deleted';

/**
 * `(tokens, policy, now, self, earlier announcements) -> findings + plan`: the pure heart of the
 * personal access token clean-up, beside `evaluateTenant` for clients. `announcements` undefined
 * means there is no archive: nothing counts as announced, so the run announces and deletes nothing.
 */
export function evaluatePats(input: {
  tokens: readonly PersonalAccessToken[];
  /** Entries ISC listed that could not be read: each is skipped with a warning, never acted on. */
  unreadable?: readonly UnreadableToken[];
  policy: Policy;
  now: Date;
  selfClientId: string;
  announcements: PatAnnouncements | undefined;
}): PatEvaluation {
  const { pats } = input.policy;
  const ctx: PatEvaluationContext = { pats, now: input.now, selfClientId: input.selfClientId, announcements: input.announcements };
  const warnings: string[] = [];
  const tokens = listedOnce(input.tokens, warnings);
  const findings: PatFinding[] = [];
  const plan: PlannedAction[] = [];
  const upcoming: UpcomingAction[] = [];
  const exempt: ExemptEntry[] = [];
  let stale = 0;
  let skipped = 0;
  for (const entry of input.unreadable ?? []) {
    skipped += 1;
    const which = entry.id === null ? `personal access token #${entry.position}` : `personal access token ${entry.id}`;
    warnings.push(`${which}: unreadable (${entry.problems.join('; ')}); skipped, never acted on`);
  }
  for (const token of tokens) {
    const finding = evaluatePat(token, ctx);
    findings.push(finding);
    const { clientId, name, owner, reason } = finding;
    if (finding.verdict === 'delete') plan.push({ credential: 'personal-access-token', kind: 'delete', clientId, name, owner, reason });
    else if (finding.verdict === 'exempt') exempt.push({ credential: 'personal-access-token', clientId, name, owner, reason });
    else if (finding.verdict === 'skip') skipped += 1;
    if (finding.due) stale += 1;
    if (finding.upcoming) upcoming.push(finding.upcoming);
    if (finding.warning) warnings.push(finding.warning);
  }
  plan.sort((a, b) => compareStrings(a.clientId, b.clientId));
  exempt.sort((a, b) => compareStrings(a.clientId, b.clientId));
  upcoming.sort((a, b) => compareStrings(a.on, b.on) || compareStrings(a.clientId, b.clientId));
  if (input.announcements === undefined && stale > 0) warnings.push(NO_ARCHIVE_WARNING);
  const summary = summarizePatInventory(tokens, findings, input.now, pats.warnDays, input.selfClientId);
  return {
    findings,
    plan,
    upcoming,
    exempt,
    warnings: [...warnings, ...summary.warnings],
    inventory: summary.inventory,
    counts: { total: tokens.length, stale, exempt: exempt.length, skipped },
  };
}

/** A token listed twice (a paging glitch) is evaluated once, so it can't be deleted twice. */
function listedOnce(tokens: readonly PersonalAccessToken[], warnings: string[]): readonly PersonalAccessToken[] {
  const seen = new Set<string>();
  return tokens.filter((token) => {
    if (!seen.has(token.id)) {
      seen.add(token.id);
      return true;
    }
    warnings.push(`personal access token ${token.id} was listed more than once; evaluated once`);
    return false;
  });
}
