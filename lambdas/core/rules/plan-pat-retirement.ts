import type { PersonalAccessToken } from '../model/personal-access-token.js';
import { CURRENT, PENDING } from '../model/secret-versions.js';
import { parseIsoDate } from '../parse-iso-date.js';
import { DAY_MS, formatUtcDate } from '../dates.js';

export interface PatRetirementInput {
  /** The PAT in the janitor secret's AWSPREVIOUS version, and that version's stages. */
  readonly previousPatId: string;
  readonly previousStages: readonly string[];
  /** The PAT in the AWSCURRENT version. */
  readonly currentPatId: string;
  /** Both as the PAT list (owner-id=me) shows them; undefined when not listed. */
  readonly previousPat: PersonalAccessToken | undefined;
  readonly currentPat: PersonalAccessToken | undefined;
  /** The client id the nightly run authenticated with: the PAT that served it. */
  readonly servedBy: string;
  readonly now: Date;
}

/** `retire`: delete the previous PAT now. `keep`: not yet (or never), with why. `gone`: nothing left to do. */
export type PatRetirementVerdict =
  | { readonly verdict: 'retire'; readonly reason: string }
  | { readonly verdict: 'keep'; readonly reason: string }
  | { readonly verdict: 'gone'; readonly reason: string };

/**
 * The janitor's previous PAT is deleted only once the new one has served a nightly run and is at
 * least a day old, whichever comes later; never while the previous one is still AWSCURRENT (or
 * pending), so a rotation that did not finish can never lock the janitor out.
 */
export function planPatRetirement(input: PatRetirementInput): PatRetirementVerdict {
  const { previousPatId: previous, currentPatId: current } = input;
  if (previous === current) return { verdict: 'gone', reason: `the previous version holds the current PAT ${current}` };
  if (input.previousStages.includes(CURRENT)) return { verdict: 'keep', reason: `PAT ${previous} is still AWSCURRENT` };
  if (input.previousStages.includes(PENDING)) return { verdict: 'keep', reason: `PAT ${previous} is AWSPENDING: a rotation is under way` };
  if (!input.previousPat) return { verdict: 'gone', reason: `previous PAT ${previous} is no longer in the PAT list (deleted or expired)` };
  if (input.previousPat.managed) return { verdict: 'keep', reason: `previous PAT ${previous} is managed by the platform; left alone` };
  if (input.servedBy !== current) {
    return { verdict: 'keep', reason: `the new PAT ${current} has not served a nightly run yet (this run used ${input.servedBy}); previous PAT ${previous} kept` };
  }
  const created = input.currentPat ? parseIsoDate(input.currentPat.created) : undefined;
  if (!created) {
    return { verdict: 'keep', reason: `the new PAT ${current} is not in the PAT list with a readable creation date; previous PAT ${previous} kept` };
  }
  const age = input.now.getTime() - created.getTime();
  if (age < DAY_MS) {
    const hours = Math.max(0, Math.floor(age / 3_600_000));
    return { verdict: 'keep', reason: `the new PAT ${current} is ${hours} hour(s) old; previous PAT ${previous} is deleted once it is a day old` };
  }
  return {
    verdict: 'retire',
    reason: `replaced by PAT ${current} on ${formatUtcDate(created)}, which has served a nightly run and is over a day old`,
  };
}
