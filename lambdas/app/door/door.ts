import type { CredentialRemoval } from '../../core/credential-removal.js';
import { isIscApiError } from '../../core/isc-api-error.js';
import type { CredentialState, DoorRequest } from '../../core/model/door-request.js';
import type { OAuthClient } from '../../core/model/oauth-client.js';
import type { PersonalAccessToken } from '../../core/model/personal-access-token.js';
import type { PolicyMode } from '../../core/model/policy.js';
import type { OAuthClientsApi, PersonalAccessTokensApi } from '../../core/ports.js';
import type { ActionError, ActionOutcome } from '../../core/report/run-report.js';
import { checkDoorBudget, type DoorBudget, type DoorSpent } from '../../core/rules/door/check-door-budget.js';
import { checkDoorMode } from '../../core/rules/door/check-door-mode.js';
import { checkFreshState } from '../../core/rules/door/check-fresh-state.js';
import { checkInUse } from '../../core/rules/door/check-in-use.js';
import { checkDisableAnswer } from '../../core/rules/door/check-removal-outcome.js';
import type { RunLogger } from '../../core/run-logger.js';
import { toActionError } from '../to-action-error.js';
import type { MayStillAct } from './may-still-act.js';
import { ownCreations } from './own-creations.js';

/** One destructive call through the door: the request, and what its own reason still requires. */
export interface DoorCall extends DoorRequest {
  /**
   * The reason's own re-check on the fresh copy (the staleness rules, the token's announcement):
   * why it no longer qualifies, or undefined when it still does.
   */
  readonly recheck?: ((fresh: OAuthClient | PersonalAccessToken) => string | undefined) | undefined;
  /** Personal access tokens: whose list to read again (`me` for the janitor's own). @default every token */
  readonly ownerId?: string | undefined;
  /** Part of a plan the caller reports itself; otherwise the door's evidence adds the line. */
  readonly planned?: boolean | undefined;
}

/** What happened to one call, with the state it was judged on. */
export interface DoorOutcome {
  readonly outcome: ActionOutcome;
  readonly detail?: string;
  readonly error?: ActionError;
  /** The credential as re-read right before the call (absent when it was not re-read). */
  readonly before?: Pick<CredentialState, 'enabled' | 'lastUsed'>;
  /** Something a person should look at (conflicting copies, a left-over in use): also a report warning. */
  readonly warning?: string;
}

/** The evidence of one call: the request and its outcome, as the report's action line carries it. */
export interface DoorLine {
  readonly request: DoorRequest;
  readonly planned: boolean;
  readonly result: DoorOutcome;
}

/** What one run (or one rotation step) tells the door about itself. */
export interface DoorRun {
  readonly mode: PolicyMode;
  readonly clock: () => Date;
  readonly budget: DoorBudget;
  /** The staleness window "in use" is judged in, in days, per kind of credential. */
  readonly windowDays: { readonly clients: number; readonly pats: number };
  readonly mayStillAct: MayStillAct;
  /** The reads the fresh state comes from (no delete, no disable). */
  readonly read: { readonly clients: Pick<OAuthClientsApi, 'get'>; readonly pats: Pick<PersonalAccessTokensApi, 'list'> };
  /**
   * Ids any stage (AWSCURRENT, AWSPENDING, AWSPREVIOUS) of any managed secret refers to, read
   * right before a delete. A delete they refer to is never sent (a rotation may be using it).
   * @default none known
   */
  readonly heldBySecrets?: ((request: DoorRequest) => Promise<ReadonlySet<string>>) | undefined;
  /** Every call's line, as it ends. */
  readonly evidence?: ((line: DoorLine) => void) | undefined;
  readonly logger?: RunLogger | undefined;
}

/** The one function every call that removes or weakens a credential goes through. */
export interface Door {
  pass(call: DoorCall): Promise<DoorOutcome>;
}

/**
 * What a composition root hands the app: it opens doors, and never gives the removal back. The
 * ISC adapter's destructive half goes in here and nowhere else.
 */
export interface DoorKey {
  open(run: DoorRun): Door;
}

export function doorKeyOf(removal: CredentialRemoval): DoorKey {
  return { open: (run) => openDoor(removal, run) };
}

const NONE: ReadonlySet<string> = new Set();

function openDoor(removal: CredentialRemoval, run: DoorRun): Door {
  const spent: { -readonly [K in keyof DoorSpent]: number } = { 'oauth-client': 0, 'personal-access-token': 0 };

  async function judgeAndSend(call: DoorCall): Promise<DoorOutcome> {
    const mode = checkDoorMode(call, run.mode);
    if (mode.verdict === 'would') return { outcome: 'planned', detail: mode.reason };
    const may = await run.mayStillAct();
    if (!may.ok) return { outcome: 'not-attempted', detail: may.why };
    const budget = checkDoorBudget(call, spent, run.budget);
    if (budget.verdict === 'over') return { outcome: 'not-attempted', detail: budget.reason };

    const copies = await readCopies(call);
    const fresh = checkFreshState(call, copies.map(stateOf));
    if (fresh.verdict === 'gone') return { outcome: 'skipped', detail: fresh.reason };
    if (fresh.verdict === 'refuse') return { outcome: 'failed', error: { message: fresh.reason } };
    if (fresh.verdict === 'conflict') return { outcome: 'skipped', detail: fresh.reason, warning: `${labelOf(call)}: ${fresh.reason}` };
    const before = { enabled: fresh.state.enabled, lastUsed: fresh.state.lastUsed };
    const stale = call.recheck?.(copies[0]!);
    if (stale !== undefined) return { outcome: 'skipped', detail: `no longer qualifies at the pre-${call.operation} check (${stale}); left alone`, before };
    const held = call.operation === 'delete' && run.heldBySecrets ? await run.heldBySecrets(call) : NONE;
    const ownUnstored = ownCreations.isOwnUnstored(call.id);
    const windowDays = call.credential === 'oauth-client' ? run.windowDays.clients : run.windowDays.pats;
    const inUse = checkInUse(call, fresh.state, { now: run.clock(), windowDays, heldBySecrets: held, ownUnstored });
    if (inUse.verdict === 'keep') return { outcome: 'skipped', detail: inUse.reason, before };
    if (inUse.verdict === 'for-a-person') return { outcome: 'skipped', detail: inUse.reason, before, warning: `${labelOf(call)}: ${inUse.reason}` };
    if (!ownUnstored && held.has(call.id)) {
      return { outcome: 'skipped', detail: 'a managed secret stage refers to it (a rotation may be using it); left alone', before };
    }

    spent[call.credential] += 1;
    const result = await send(call);
    if (call.reason === 'rollback-own-creation' && result.outcome !== 'failed') ownCreations.stored(call.id);
    return { ...result, before };
  }

  async function readCopies(call: DoorCall): Promise<(OAuthClient | PersonalAccessToken)[]> {
    if (call.credential === 'personal-access-token') {
      const { tokens } = await run.read.pats.list(call.ownerId === undefined ? {} : { ownerId: call.ownerId });
      return tokens.filter((token) => token.id === call.id);
    }
    try {
      return [await run.read.clients.get(call.id)];
    } catch (error) {
      if (isIscApiError(error) && error.status === 404) return [];
      throw error;
    }
  }

  async function send(call: DoorCall): Promise<DoorOutcome> {
    if (call.operation === 'disable') {
      if (call.credential !== 'oauth-client') return { outcome: 'failed', error: { message: 'a personal access token cannot be disabled' } };
      let answer: OAuthClient;
      try {
        answer = await removal.clients.disable(call.id);
      } catch (error) {
        if (isIscApiError(error) && error.status === 404) return { outcome: 'skipped', detail: 'already gone' };
        throw error;
      }
      const verdict = checkDisableAnswer(call, stateOf(answer));
      return verdict.verdict === 'done' ? { outcome: 'done' } : { outcome: 'failed', error: { message: verdict.reason } };
    }
    const api = call.credential === 'oauth-client' ? removal.clients : removal.pats;
    // ISC's 404: someone else deleted it first; reported as skipped, never as our own deletion.
    return (await api.delete(call.id)) === 'already-gone' ? { outcome: 'skipped', detail: 'already gone' } : { outcome: 'done' };
  }

  return {
    async pass(call) {
      let result: DoorOutcome;
      try {
        result = await judgeAndSend(call);
      } catch (error) {
        result = { outcome: 'failed', error: toActionError(error) };
      }
      // Report mode lists every action in the report already: a log line each would only repeat it.
      if (result.outcome !== 'planned') run.logger?.info('door', { clientId: call.id, operation: call.operation, reason: call.reason, outcome: result.outcome, detail: result.detail });
      run.evidence?.({ request: withoutFunctions(call), planned: call.planned === true, result });
      return result;
    },
  };
}

function stateOf(credential: OAuthClient | PersonalAccessToken): CredentialState {
  return {
    id: credential.id,
    name: credential.name,
    enabled: 'enabled' in credential ? credential.enabled : true,
    lastUsed: credential.lastUsed,
    created: credential.created,
  };
}

function labelOf(call: DoorRequest): string {
  return `${call.credential === 'oauth-client' ? 'client' : 'personal access token'} ${call.name || '(no name)'} (${call.id})`;
}

function withoutFunctions(call: DoorCall): DoorRequest {
  const { recheck: _recheck, ownerId: _ownerId, planned: _planned, ...request } = call;
  return request;
}
